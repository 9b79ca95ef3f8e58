import { Card, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordQuery } from '../../api/records-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { DiagnosesEditor } from './diagnoses-editor.tsx';
import { contentKey } from './editor-support.tsx';
import { FeaturesEditor } from './features-editor.tsx';
import { GeneticsEditor } from './genetics-editor.tsx';
import { HistologyEditor } from './histology-editor.tsx';
import { HistoryEditor } from './history-editor.tsx';
import { LaboratoryEditor } from './laboratory-editor.tsx';
import { RecordHistoryList } from './record-history.tsx';
import { RecordSummary } from './record-summary.tsx';

/** The editors, one tab per section (in the record's order); the tab names the form it holds. */
const editors = [
  { section: 'history', tab: 'record.editHistory', Editor: HistoryEditor },
  { section: 'phenotypicFeatures', tab: 'record.editFeatures', Editor: FeaturesEditor },
  { section: 'laboratoryResults', tab: 'record.editLaboratory', Editor: LaboratoryEditor },
  { section: 'genetics', tab: 'record.editGenetics', Editor: GeneticsEditor },
  { section: 'histology', tab: 'record.editHistology', Editor: HistologyEditor },
  { section: 'diagnoses', tab: 'record.editDiagnoses', Editor: DiagnosesEditor },
] as const;

/**
 * The case record: its version, a summary, editors for the enrolling hospital's staff, and its history.
 * Every editor stays mounted while another tab is open, and is keyed by its own section's saved content:
 * a change made in one tab survives a save in another (a new version that left this section alone),
 * while a new content of this section starts its editor afresh. Reloading after a conflict starts every
 * editor afresh from the record as it now is.
 */
export function RecordPanel({ patientId, editable }: { patientId: string; editable: boolean }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const record = useQuery(recordQuery(patientId));
  const [reloads, setReloads] = useState(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['patients', patientId, 'record'] });
  const reload = () => {
    setReloads((n) => n + 1);
    void refresh();
  };
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
                <Tabs defaultValue="history" keepMounted>
                  <Tabs.List aria-label={t('record.editTabs')}>
                    {editors.map(({ section, tab }) => (
                      <Tabs.Tab key={section} value={section}>
                        {t(tab)}
                      </Tabs.Tab>
                    ))}
                  </Tabs.List>
                  {editors.map(({ section, Editor }) => (
                    <Tabs.Panel key={section} value={section} pt="sm">
                      <Editor key={`${reloads}:${contentKey(record.data.content[section])}`} record={record.data} onSaved={refresh} onReload={reload} />
                    </Tabs.Panel>
                  ))}
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
