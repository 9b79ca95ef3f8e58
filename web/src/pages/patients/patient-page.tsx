import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { patientQuery } from '../../api/patients-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { AttachmentsPanel } from './attachments-panel.tsx';
import { ConsentPanel } from './consent-panel.tsx';
import { ImagingPanel } from './imaging-panel.tsx';
import { PatientHeader } from './patient-header.tsx';
import { PatientOutcomeReports } from './patient-outcome-reports.tsx';
import { PhenopacketPanel } from './phenopacket-panel.tsx';
import { RecordPanel } from './record-panel.tsx';

/**
 * One patient: header (identity and its correction for the enrolling hospital's staff), consents, the case
 * record and its history, Phenopacket export (import for staff), and the patient's files (staff only).
 */
export function PatientPage({ patientId }: { patientId: string }) {
  const patient = useQuery(patientQuery(patientId));
  if (patient.isPending) return <LoadingState />;
  if (patient.error) return <QueryError error={patient.error} onRetry={() => void patient.refetch()} />;
  const staff = patient.data.identity !== null;
  return (
    <Stack gap="lg">
      <PatientHeader patient={patient.data} />
      {staff && <ConsentPanel patientId={patientId} />}
      <RecordPanel patientId={patientId} editable={staff} />
      <PhenopacketPanel patientId={patientId} canImport={staff} />
      {staff && <AttachmentsPanel patientId={patientId} />}
      {staff && <ImagingPanel patientId={patientId} />}
      {staff && <PatientOutcomeReports patientId={patientId} />}
    </Stack>
  );
}
