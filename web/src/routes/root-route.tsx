import { createRootRouteWithContext } from '@tanstack/react-router';
import type { RouterContext } from '../auth/session-guards.ts';
import { AppLayout } from '../layout/app-layout.tsx';
import { NotFoundPage } from '../pages/not-found-page.tsx';

export const rootRoute = createRootRouteWithContext<RouterContext>()({ component: AppLayout, notFoundComponent: NotFoundPage });
