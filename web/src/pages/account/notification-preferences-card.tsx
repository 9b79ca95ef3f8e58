import { Card, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notificationPreferencesQuery, updateNotificationPreferences } from '../../api/me-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { emailCategories, modesOf, type EmailCategory, type EmailMode } from '../../../../src/modules/notifications/notification-categories.contract.ts';

/** Per kind of notification: e-mail at once, in one daily summary, or not at all. The inbox always has everything. */
export function NotificationPreferencesCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const preferences = useQuery(notificationPreferencesQuery);
  const save = useMutation({
    mutationFn: (change: { category: EmailCategory; mode: EmailMode }) => updateNotificationPreferences({ email: { [change.category]: change.mode } }),
    onSuccess: (saved) => queryClient.setQueryData(notificationPreferencesQuery.queryKey, saved),
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="notification-preferences-heading">
      <Title order={2} size="h4" id="notification-preferences-heading" mb="xs">
        {t('notificationPreferences.title')}
      </Title>
      {preferences.isPending && <LoadingState />}
      {preferences.error && <QueryError error={preferences.error} onRetry={() => void preferences.refetch()} />}
      {preferences.data && (
        <Stack gap="sm">
          <Text maw="48rem">{t('notificationPreferences.intro', { hour: `${String(preferences.data.digestHour).padStart(2, '0')}:00`, timeZone: preferences.data.timeZone })}</Text>
          <ProblemAlert error={save.error} title={t('notificationPreferences.saveFailed')} />
          <Table>
            <Table.Tbody>
              {emailCategories.map((category) => (
                <Table.Tr key={category}>
                  <Table.Th scope="row" id={`email-category-${category}`} fw={500}>
                    {t(`notificationPreferences.category.${category}`)}
                  </Table.Th>
                  <Table.Td>
                    <SegmentedControl
                      aria-labelledby={`email-category-${category}`}
                      value={preferences.data.email[category]}
                      onChange={(mode) => save.mutate({ category, mode })}
                      disabled={save.isPending}
                      data={modesOf(category).map((mode) => ({ value: mode, label: t(`notificationPreferences.mode.${mode}`) }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <StatusMessage>{save.isSuccess && t('notificationPreferences.saved')}</StatusMessage>
        </Stack>
      )}
    </Card>
  );
}
