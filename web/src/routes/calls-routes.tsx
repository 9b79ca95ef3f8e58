import { createRoute, useParams } from '@tanstack/react-router';
import { areaRoles } from '../auth/roles.ts';
import { RoleGate } from '../components/role-gate.tsx';
import { CallPage } from '../pages/calls/call-page.tsx';
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
