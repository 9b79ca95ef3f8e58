import { createRoute } from '@tanstack/react-router';
import { validateReturnTo } from '../auth/return-to.ts';
import { validateSignInSearch } from '../auth/sign-in-search.ts';
import { requireAuthenticatorChangeable, requireSecondFactorPending } from '../auth/session-guards.ts';
import { AuthenticatorSetupPage } from '../pages/sign-in/authenticator-setup-page.tsx';
import { SecondFactorPage } from '../pages/sign-in/second-factor-page.tsx';
import { SignInPage } from '../pages/sign-in/sign-in-page.tsx';
import { rootRoute } from './root-route.tsx';
import { useValidatedSearch } from './use-validated-search.ts';

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: validateSignInSearch,
  component: function SignInRoute() {
    return <SignInPage {...useValidatedSearch(validateSignInSearch)} />;
  },
});

/** The code step (the server asks for it after the password, and the OIDC callback lands here). */
export const secondFactorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in/second-factor',
  validateSearch: validateReturnTo,
  beforeLoad: requireSecondFactorPending,
  component: function SecondFactorRoute() {
    return <SecondFactorPage returnTo={useValidatedSearch(validateReturnTo).returnTo} />;
  },
});

export const authenticatorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in/authenticator',
  validateSearch: validateReturnTo,
  beforeLoad: requireAuthenticatorChangeable,
  component: function AuthenticatorRoute() {
    return <AuthenticatorSetupPage returnTo={useValidatedSearch(validateReturnTo).returnTo} />;
  },
});
