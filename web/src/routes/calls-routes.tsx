import { createRoute, useParams } from '@tanstack/react-router';
import { areaRoles } from '../auth/roles.ts';
import { RoleGate } from '../components/role-gate.tsx';
import { CallPage } from '../pages/calls/call-page.tsx';
import { RequirementsPage } from '../pages/calls/requirements-page.tsx';
import { SetupCheckPage } from '../pages/calls/setup-check-page.tsx';
import { signedInRoute } from './account-routes.ts';

/** A panel's video call: the server lets only the panel's accepted members in. */
export const callRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/panels/$panelId/call',
  component: function CallRoute() {
    // Read untyped (the route's own typed hook would make its type depend on itself).
    const params: Record<string, string | undefined> = useParams({ strict: false });
    const panelId = params.panelId ?? '';
    return (
      <RoleGate roles={areaRoles.panels}>
        <CallPage key={panelId} panelId={panelId} />
      </RoleGate>
    );
  },
});

/** "Check my setup": anyone signed in, before a meeting. */
export const setupCheckRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/calls/setup-check', component: SetupCheckPage });

/** The technical requirements for hospital IT (public on the server; shown inside the app). */
export const requirementsRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/calls/requirements', component: RequirementsPage });
