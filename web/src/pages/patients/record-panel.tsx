import { Card, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { recordQuery } from '../../api/records-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { DiagnosesEditor } from './diagnoses-editor.tsx';
import { FeaturesEditor } from './features-editor.tsx';
import { HistoryEditor } from './history-editor.tsx';
import { RecordHistoryList } from './record-history.tsx';
import { RecordSummary } from './record-summary.tsx';

/** The case record: its version, a summary, editors for the enrolling hospital's staff, and its history. */
export function RecordPanel({ patientId, editable }: { patientId: string; editable: boolean }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const record = useQuery(recordQuery(patientId));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['patients', patientId, 'record'] });
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="record-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="record-heading">
            {t('record.title')}
          </Title>
          {record.isPending && <LoadingState />}
          {record.error && <QueryError error={record.error} onRetry={() => void record.refetch()} />}
          {record.data && (
            <>
              <Text aria-live="polite">
                {record.data.version === 0
                  ? t('record.noVersionYet')
                  : t('record.currentVersion', { version: record.data.version, name: record.data.updatedBy?.displayName ?? '', when: record.data.updatedAt ? format.dateTime(record.data.updatedAt) : '' })}
              </Text>
              <RecordSummary record={record.data} />
              {editable && (
                <Tabs defaultValue="history" keepMounted={false}>
                  <Tabs.List aria-label={t('record.editTabs')}>
                    <Tabs.Tab value="history">{t('record.editHistory')}</Tabs.Tab>
                    <Tabs.Tab value="features">{t('record.editFeatures')}</Tabs.Tab>
                    <Tabs.Tab value="diagnoses">{t('record.editDiagnoses')}</Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="history" pt="sm">
                    <HistoryEditor key={record.data.version} record={record.data} onSaved={refresh} onReload={() => void refresh()} />
                  </Tabs.Panel>
                  <Tabs.Panel value="features" pt="sm">
                    <FeaturesEditor key={record.data.version} record={record.data} onSaved={refresh} onReload={() => void refresh()} />
                  </Tabs.Panel>
                  <Tabs.Panel value="diagnoses" pt="sm">
                    <DiagnosesEditor key={record.data.version} record={record.data} onSaved={refresh} onReload={() => void refresh()} />
                  </Tabs.Panel>
                </Tabs>
              )}
            </>
          )}
        </Stack>
      </Card>
      <RecordHistoryList patientId={patientId} />
    </Stack>
  );
}
