import { createRoute } from '@tanstack/react-router';
import { InboxPage } from '../pages/inbox/inbox-page.tsx';
import { signedInRoute } from './account-routes.ts';

export const inboxRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/inbox', component: InboxPage });
