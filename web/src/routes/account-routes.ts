import { createRoute } from '@tanstack/react-router';
import { requireFullSession } from '../auth/session-guards.ts';
import { ProfilePage } from '../pages/account/profile-page.tsx';
import { SessionsPage } from '../pages/account/sessions-page.tsx';
import { rootRoute } from './root-route.tsx';

/** Every page below needs a session with nothing owed; the guard sends anyone else to sign in first. */
export const signedInRoute = createRoute({ getParentRoute: () => rootRoute, id: 'signed-in', beforeLoad: requireFullSession });

export const profileRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/profile', component: ProfilePage });
export const sessionsRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/sessions', component: SessionsPage });
