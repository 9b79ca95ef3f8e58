import { createRoute } from '@tanstack/react-router';
import { AdminLayout } from '../pages/admin/admin-layout.tsx';
import { AdminOverviewPage } from '../pages/admin/admin-overview-page.tsx';
import { ConsentTemplatesPage } from '../pages/admin/consent-templates-page.tsx';
import { ErnSettingsPage } from '../pages/admin/ern-settings-page.tsx';
import { HospitalsPage } from '../pages/admin/hospitals-page.tsx';
import { PeoplePage } from '../pages/admin/people-page.tsx';
import { PlatformSettingsPage } from '../pages/admin/platform-settings-page.tsx';
import { signedInRoute } from './account-routes.ts';

/** The administration area: its sub-navigation (AdminLayout) around one page per section. */
const adminRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/admin', component: AdminLayout });
export const adminRoutes = adminRoute.addChildren([
  createRoute({ getParentRoute: () => adminRoute, path: '/', component: AdminOverviewPage }),
  createRoute({ getParentRoute: () => adminRoute, path: '/erns', component: ErnSettingsPage }),
  createRoute({ getParentRoute: () => adminRoute, path: '/hospitals', component: HospitalsPage }),
  createRoute({ getParentRoute: () => adminRoute, path: '/people', component: PeoplePage }),
  createRoute({ getParentRoute: () => adminRoute, path: '/consent-forms', component: ConsentTemplatesPage }),
  createRoute({ getParentRoute: () => adminRoute, path: '/settings', component: PlatformSettingsPage }),
]);
