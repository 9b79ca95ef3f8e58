import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccessRequestStatus } from '../../api/onboarding-api.ts';
import { useSignedInSession } from '../../auth/use-session.ts';

const statuses: AccessRequestStatus[] = ['pending', 'awaitingEmployment', 'approved', 'rejected', 'withdrawn'];
const ALL = 'all';

interface CoordinationFiltersProps {
  ernId: string | undefined;
  status: AccessRequestStatus | undefined;
  onChange: (filter: { ernId: string | undefined; status: AccessRequestStatus | undefined }) => void;
}

/** Which network (of those the person coordinates) and which status to show. */
export function CoordinationFilters({ ernId, status, onChange }: CoordinationFiltersProps) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const erns = new Map<string, string>();
  for (const a of session.affiliations) if (a.role === 'coordinator' && a.ernId) erns.set(a.ernId, a.ernName ?? a.ernId);
  return (
    <Group gap="md" align="flex-end">
      {erns.size > 0 && (
        <Select
          label={t('coordination.filterErn')}
          data={[{ value: ALL, label: t('coordination.allMyErns') }, ...[...erns].map(([value, label]) => ({ value, label }))]}
          value={ernId ?? ALL}
          onChange={(value) => onChange({ ernId: value && value !== ALL ? value : undefined, status })}
          allowDeselect={false}
        />
      )}
      <Select
        label={t('coordination.filterStatus')}
        data={[{ value: ALL, label: t('coordination.anyStatus') }, ...statuses.map((value) => ({ value, label: t(`accessRequests.status.${value}`) }))]}
        value={status ?? ALL}
        onChange={(value) => onChange({ ernId, status: statuses.find((s) => s === value) })}
        allowDeselect={false}
      />
    </Group>
  );
}
