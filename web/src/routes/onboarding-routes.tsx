import { createRoute } from '@tanstack/react-router';
import { areaRoles } from '../auth/roles.ts';
import { RoleGate } from '../components/role-gate.tsx';
import { MyAccessRequestsPage } from '../pages/access-requests/my-access-requests-page.tsx';
import { NewAccessRequestPage } from '../pages/access-requests/new-access-request-page.tsx';
import { ErnSettingsPage } from '../pages/admin/ern-settings-page.tsx';
import { CoordinationQueuePage } from '../pages/coordination/coordination-queue-page.tsx';
import { signedInRoute } from './account-routes.ts';
import { useValidatedSearch } from './use-validated-search.ts';

/** ?filed=true: the request was just sent (the page says so). */
const validateFiledSearch = (search: Record<string, unknown>): { filed?: boolean } =>
  search.filed === true || search.filed === 'true' ? { filed: true } : {};

export const myAccessRequestsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/access-requests',
  validateSearch: validateFiledSearch,
  component: function MyAccessRequestsRoute() {
    return <MyAccessRequestsPage filed={!!useValidatedSearch(validateFiledSearch).filed} />;
  },
});

export const newAccessRequestRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/access-requests/new', component: NewAccessRequestPage });

export const coordinationQueueRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/coordination/access-requests',
  component: () => (
    <RoleGate roles={areaRoles.coordination}>
      <CoordinationQueuePage />
    </RoleGate>
  ),
});

/** Coordinators change their own networks' settings here (administrators use /admin/erns). */
export const coordinationSettingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/coordination/settings',
  component: () => (
    <RoleGate roles={['coordinator']}>
      <ErnSettingsPage />
    </RoleGate>
  ),
});
