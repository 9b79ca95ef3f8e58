import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { AppLayout } from './layout/app-layout.tsx';
import { HomePage } from './pages/home-page.tsx';
import { NetworksPage } from './pages/networks-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SystemStatusPage } from './pages/system-status-page.tsx';

// Code-based routes: one line per page. Pages fetch their own data with TanStack Query.
const rootRoute = createRootRoute({ component: AppLayout, notFoundComponent: NotFoundPage });

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });
const networksRoute = createRoute({ getParentRoute: () => rootRoute, path: '/networks', component: NetworksPage });
const systemRoute = createRoute({ getParentRoute: () => rootRoute, path: '/system', component: SystemStatusPage });

const routeTree = rootRoute.addChildren([homeRoute, networksRoute, systemRoute]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
