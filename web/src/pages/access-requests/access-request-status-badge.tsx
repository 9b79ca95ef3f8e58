import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccessRequestStatus } from '../../api/onboarding-api.ts';

// Dark shades of each colour: white-on-colour text stays above 4.5:1.
const colours: Record<AccessRequestStatus, string> = {
  pending: 'clinicalBlue.7',
  awaitingEmployment: 'violet.9',
  approved: 'teal.9',
  rejected: 'red.9',
  withdrawn: 'gray.8',
};

export function AccessRequestStatusBadge({ status }: { status: AccessRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colours[status]} variant="filled">
      {t(`accessRequests.status.${status}`)}
    </Badge>
  );
}
