import { Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PatientDetail } from '../../api/patients-api.ts';
import { useSession } from '../../auth/use-session.ts';

/** "Request a panel" on the patient page, for the enrolling hospital's health professionals (the server decides anyway). */
export function RequestPanelButton({ patient }: { patient: PatientDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  const requests = session?.affiliations.some((a) => a.role === 'healthProfessional' && a.hospitalId === patient.hospitalId);
  if (!requests || patient.identity === null) return null;
  return (
    <Button renderRoot={(props) => <Link {...props} to="/panels/new" search={{ patientId: patient.id }} />} size="xs">
      {t('panels.request.open')}
    </Button>
  );
}
