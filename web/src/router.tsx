import { createRoute, createRouter } from '@tanstack/react-router';
import { queryClient } from './api/query-client.ts';
import { installAuthErrorRedirects } from './auth/auth-error-redirects.ts';
import { HomePage } from './pages/home-page.tsx';
import { NetworksPage } from './pages/networks-page.tsx';
import { SystemStatusPage } from './pages/system-status-page.tsx';
import { adminRoutes } from './routes/admin-routes.tsx';
import { auditRoute } from './routes/audit-routes.tsx';
import { newPatientRoute, patientRoute, patientsRoute } from './routes/patients-routes.tsx';
import { panelRoute, panelsRoute, requestPanelRoute } from './routes/panels-routes.tsx';
import { meetingRoute, meetingsRoute, scheduleMeetingRoute } from './routes/meetings-routes.tsx';
import { newReferralRoute, referralRoute, referralsRoute } from './routes/referrals-routes.tsx';
import { profileRoute, sessionsRoute, signedInRoute } from './routes/account-routes.ts';
import { inboxRoute } from './routes/inbox-routes.tsx';
import { callRoute, requirementsRoute, setupCheckRoute } from './routes/calls-routes.tsx';
import { coordinationQueueRoute, coordinationSettingsRoute, myAccessRequestsRoute, newAccessRequestRoute } from './routes/onboarding-routes.tsx';
import { rootRoute } from './routes/root-route.tsx';
import { authenticatorRoute, secondFactorRoute, signInRoute } from './routes/sign-in-routes.tsx';

// Code-based routes: one line per page (areas in ./routes). Pages fetch their own data with TanStack Query.
const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });
const networksRoute = createRoute({ getParentRoute: () => rootRoute, path: '/networks', component: NetworksPage });
const systemRoute = createRoute({ getParentRoute: () => rootRoute, path: '/system', component: SystemStatusPage });

const routeTree = rootRoute.addChildren([
  homeRoute,
  networksRoute,
  systemRoute,
  signInRoute,
  secondFactorRoute,
  authenticatorRoute,
  signedInRoute.addChildren([
    profileRoute,
    sessionsRoute,
    myAccessRequestsRoute,
    newAccessRequestRoute,
    coordinationQueueRoute,
    coordinationSettingsRoute,
    adminRoutes,
    auditRoute,
    patientsRoute,
    newPatientRoute,
    patientRoute,
    panelsRoute,
    requestPanelRoute,
    panelRoute,
    meetingsRoute,
    inboxRoute,
    scheduleMeetingRoute,
    meetingRoute,
    referralsRoute,
    newReferralRoute,
    referralRoute,
    callRoute,
    setupCheckRoute,
    requirementsRoute,
  ]),
]);

export const router = createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' });
installAuthErrorRedirects(router);

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
