import { createRoute, useParams } from '@tanstack/react-router';
import { areaRoles } from '../auth/roles.ts';
import { RoleGate } from '../components/role-gate.tsx';
import { NewPatientPage } from '../pages/patients/new-patient-page.tsx';
import { PatientPage } from '../pages/patients/patient-page.tsx';
import { PatientsPage } from '../pages/patients/patients-page.tsx';
import { signedInRoute } from './account-routes.ts';

/** Patients: the enrolling hospitals' health professionals and their assistants. */
export const patientsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients',
  component: () => (
    <RoleGate roles={areaRoles.patients}>
      <PatientsPage />
    </RoleGate>
  ),
});

export const newPatientRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients/new',
  component: () => (
    <RoleGate roles={areaRoles.patients}>
      <NewPatientPage />
    </RoleGate>
  ),
});

export const patientRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/patients/$patientId',
  component: function PatientRoute() {
    // Read untyped (the route's own typed hook would make its type depend on itself).
    const params: Record<string, string | undefined> = useParams({ strict: false });
    const patientId = params.patientId ?? '';
    return (
      <RoleGate roles={areaRoles.patients}>
        <PatientPage patientId={patientId} />
      </RoleGate>
    );
  },
});
