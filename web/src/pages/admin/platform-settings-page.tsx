import { Card, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authOptionsQuery } from '../../api/auth-options.ts';
import { platformSettingsQuery, updatePlatformSettings } from '../../api/admin-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';

/** Settings of the whole platform: whether local accounts (password and authenticator) may sign in. */
export function PlatformSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery(platformSettingsQuery);
  const save = useMutation({
    mutationFn: updatePlatformSettings,
    onSuccess: async (saved) => {
      queryClient.setQueryData(platformSettingsQuery.queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: authOptionsQuery.queryKey });
    },
  });
  const enabled = save.isPending ? save.variables.localAccountsEnabled : settings.data?.localAccountsEnabled;
  return (
    <Stack gap="md" maw="48rem">
      <div>
        <PageHeading>{t('platformSettings.title')}</PageHeading>
        <Text>{t('platformSettings.intro')}</Text>
      </div>
      {settings.isPending && <LoadingState />}
      {settings.error && <QueryError error={settings.error} onRetry={() => void settings.refetch()} />}
      <ProblemAlert error={save.error} />
      {enabled !== undefined && (
        <Card withBorder padding="lg">
          <Switch
            label={t('platformSettings.localAccounts')}
            description={t('platformSettings.localAccountsHint')}
            checked={enabled}
            disabled={save.isPending}
            onChange={(event) => save.mutate({ localAccountsEnabled: event.currentTarget.checked })}
          />
        </Card>
      )}
      <StatusMessage>{save.isSuccess && !save.isPending && t(save.data.localAccountsEnabled ? 'platformSettings.on' : 'platformSettings.off')}</StatusMessage>
    </Stack>
  );
}
