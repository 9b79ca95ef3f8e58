import { createRoute } from '@tanstack/react-router';
import { areaRoles } from '../auth/roles.ts';
import { RoleGate } from '../components/role-gate.tsx';
import { AuditPage } from '../pages/audit/audit-page.tsx';
import { signedInRoute } from './account-routes.ts';

/** The audit trail: platform administrators see every chain, data-protection officers their hospitals'. */
export const auditRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/audit',
  component: () => (
    <RoleGate roles={areaRoles.audit}>
      <AuditPage />
    </RoleGate>
  ),
});
