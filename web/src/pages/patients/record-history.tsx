import { Card, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { recordHistoryQuery } from '../../api/records-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/** Every version of the record, newest first: who, when, which sections changed. */
export function RecordHistoryList({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const history = useQuery(recordHistoryQuery(patientId));
  const versions = [...(history.data?.versions ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="record-history-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="record-history-heading">
          {t('record.historyTitle')}
        </Title>
        {history.isPending && <LoadingState />}
        {history.error && <QueryError error={history.error} onRetry={() => void history.refetch()} />}
        {history.data && versions.length === 0 && <Text>{t('record.noVersions')}</Text>}
        {versions.length > 0 && (
          <List listStyleType="none" spacing="xs" aria-label={t('record.versionsLabel')}>
            {versions.map((version) => (
              <List.Item key={version.version}>
                <Text fw={600} span>
                  {t('record.version', { version: version.version })}
                </Text>
                <Text span>
                  {' · '}
                  {t('record.versionBy', { name: version.createdBy.displayName, when: format.dateTime(version.createdAt) })}
                  {' · '}
                  {version.changedSections.map((section) => t(`record.section.${section}`)).join(', ') || t('common.none')}
                  {version.source === 'phenopacketImport' && ` · ${t('record.fromImport')}`}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}
