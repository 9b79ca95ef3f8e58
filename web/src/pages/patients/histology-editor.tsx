import { Button, Group, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveSection, type CurrentRecord, type SectionItem } from '../../api/records-api.ts';
import { ItemFieldset, optionalText, rowProblems, SectionForm, useRows } from './editor-support.tsx';

type Report = SectionItem<'histology'>;

const shown = /^body\.content\.\d+\.(specimen|takenOn|laboratory|findings|conclusion)$/;

/** Edits the histology reports: specimen, when it was taken, the laboratory, the findings and the conclusion. */
export function HistologyEditor({ record, onSaved, onReload }: { record: CurrentRecord; onSaved: () => Promise<void>; onReload: () => void }) {
  const { t } = useTranslation();
  const { rows, add, update, remove } = useRows<Report>(() => record.content.histology);
  const save = useMutation({
    mutationFn: (sent: { keys: string[]; content: Report[] }) => saveSection(record.patientId, 'histology', record.version, sent.content),
    onSuccess: onSaved,
  });
  const problem = rowProblems(save.error, save.variables?.keys);
  return (
    <SectionForm
      label={t('record.editHistology')}
      error={save.error}
      shown={shown}
      onReload={onReload}
      onSubmit={() => save.mutate({ keys: rows.map((row) => row.key), content: rows.map((row) => row.value) })}
      actions={
        <>
          <Button variant="default" onClick={() => add({ specimen: '', findings: '' }, { fresh: true })}>
            {t('record.addHistology')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('record.saveHistology')}
          </Button>
        </>
      }
    >
      {rows.length === 0 && <Text c="dimmed">{t('record.empty')}</Text>}
      {rows.map(({ key, value: report, fresh }, index) => {
        const n = index + 1;
        return (
          <ItemFieldset key={key} n={n} legend={report.specimen ? t('record.histologyLegend', { n, specimen: report.specimen }) : t('record.histologyN', { n })} onRemove={() => remove(key)}>
            <Group align="flex-start" wrap="wrap" gap="sm">
              <TextInput label={t('record.specimenN', { n })} description={t('record.specimenHint')} value={report.specimen} onChange={(e) => update(key, { specimen: e.currentTarget.value })} error={problem(key, 'specimen')} required autoFocus={fresh} miw="18rem" />
              <TextInput label={t('record.takenOnN', { n })} description={t('record.dateHint')} value={report.takenOn ?? ''} onChange={(e) => update(key, { takenOn: optionalText(e.currentTarget.value.trim()) })} error={problem(key, 'takenOn')} w="10rem" />
              <TextInput label={t('record.laboratoryN', { n })} value={report.laboratory ?? ''} onChange={(e) => update(key, { laboratory: optionalText(e.currentTarget.value) })} error={problem(key, 'laboratory')} miw="14rem" />
            </Group>
            <Textarea label={t('record.findingsN', { n })} value={report.findings} onChange={(e) => update(key, { findings: e.currentTarget.value })} error={problem(key, 'findings')} autosize minRows={3} maxRows={16} />
            <Textarea label={t('record.conclusionN', { n })} value={report.conclusion ?? ''} onChange={(e) => update(key, { conclusion: optionalText(e.currentTarget.value) })} error={problem(key, 'conclusion')} autosize minRows={1} maxRows={6} />
          </ItemFieldset>
        );
      })}
    </SectionForm>
  );
}
