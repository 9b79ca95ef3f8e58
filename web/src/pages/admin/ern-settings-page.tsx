import { Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ernSettingsQuery } from '../../api/admin-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { holdsAnyRole } from '../../auth/roles.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { ErnSettingsForm } from './ern-settings-form.tsx';

/** Network settings: administrators choose any network, coordinators the networks they coordinate. */
export function ErnSettingsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const erns = useQuery(ernListQuery);
  const isAdministrator = holdsAnyRole(session, ['platformAdministrator']);
  const coordinated = new Set(session.affiliations.filter((a) => a.role === 'coordinator').map((a) => a.ernId));
  const choices = (erns.data?.erns ?? []).filter((ern) => isAdministrator || coordinated.has(ern.id));
  const [ernId, setErnId] = useState<string | null>(null);
  const chosen = choices.find((ern) => ern.id === ernId) ?? (choices.length === 1 ? choices[0] : undefined);
  const settings = useQuery({ ...ernSettingsQuery(chosen?.id ?? ''), enabled: !!chosen });
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('ernSettings.title')}</PageHeading>
        <Text maw="48rem">{t('ernSettings.intro')}</Text>
      </div>
      {erns.isPending && <LoadingState />}
      {erns.error && <QueryError error={erns.error} onRetry={() => void erns.refetch()} />}
      {choices.length > 1 && (
        <Select
          label={t('ernSettings.ern')}
          placeholder={t('ernSettings.chooseErn')}
          searchable
          maw="28rem"
          data={choices.map((ern) => ({ value: ern.id, label: ern.name }))}
          value={chosen?.id ?? null}
          onChange={setErnId}
        />
      )}
      {chosen && settings.isPending && <LoadingState />}
      {settings.error && <QueryError error={settings.error} onRetry={() => void settings.refetch()} />}
      {chosen && settings.data && <ErnSettingsForm key={chosen.id} ernId={chosen.id} ernName={chosen.name} settings={settings.data} />}
    </Stack>
  );
}
