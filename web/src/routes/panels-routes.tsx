import { createRoute, useParams } from '@tanstack/react-router';
import { areaRoles } from '../auth/roles.ts';
import { RoleGate } from '../components/role-gate.tsx';
import { PanelPage } from '../pages/panels/panel-page.tsx';
import { PanelsPage } from '../pages/panels/panels-page.tsx';
import { RequestPanelPage } from '../pages/panels/request-panel-page.tsx';
import { signedInRoute } from './account-routes.ts';
import { useValidatedSearch } from './use-validated-search.ts';

/** ?patientId=<id>: the request starts from that patient (the patient page's button). An id, never identifying data. */
const validateRequestSearch = (search: Record<string, unknown>): { patientId?: string } =>
  typeof search.patientId === 'string' && /^[0-9a-f-]{36}$/i.test(search.patientId) ? { patientId: search.patientId } : {};

/** ?declined=true: the person just declined an invitation (the board says so). */
const validateBoardSearch = (search: Record<string, unknown>): { declined?: boolean } =>
  search.declined === true || search.declined === 'true' ? { declined: true } : {};

/** Panels: experts (health professionals, guests) and coordinators; the server decides what each sees. */
export const panelsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/panels',
  validateSearch: validateBoardSearch,
  component: function PanelsRoute() {
    return (
      <RoleGate roles={areaRoles.panels}>
        <PanelsPage declined={!!useValidatedSearch(validateBoardSearch).declined} />
      </RoleGate>
    );
  },
});

export const requestPanelRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/panels/new',
  validateSearch: validateRequestSearch,
  component: function RequestPanelRoute() {
    const { patientId } = useValidatedSearch(validateRequestSearch);
    return (
      <RoleGate roles={['healthProfessional']}>
        <RequestPanelPage patientId={patientId} />
      </RoleGate>
    );
  },
});

export const panelRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/panels/$panelId',
  component: function PanelRoute() {
    // Read untyped (the route's own typed hook would make its type depend on itself).
    const params: Record<string, string | undefined> = useParams({ strict: false });
    const panelId = params.panelId ?? '';
    return (
      <RoleGate roles={areaRoles.panels}>
        <PanelPage key={panelId} panelId={panelId} />
      </RoleGate>
    );
  },
});
