import { useQuery } from '@tanstack/react-query';
import { patientListQuery, type PatientSummary } from '../../api/patients-api.ts';

/**
 * The panel's patient as the enrolling hospital's staff know them, found by platform id in their own
 * patient list (the panel view names only the platform id). Undefined for everyone else, and while loading.
 */
export function usePanelPatient(patientCode: string, enabled: boolean): { patient: PatientSummary | undefined; isPending: boolean } {
  const list = useQuery({ ...patientListQuery(patientCode), enabled });
  return { patient: list.data?.patients.find((p) => p.patientCode === patientCode), isPending: enabled && list.isPending };
}
