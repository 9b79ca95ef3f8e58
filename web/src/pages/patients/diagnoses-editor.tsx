import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { saveSection, type CurrentRecord, type SectionContent } from '../../api/records-api.ts';
import { fieldProblem } from '../../components/problem-alert.tsx';
import { SaveProblem } from './conflict-alert.tsx';

type Diagnosis = SectionContent['diagnoses'][number];
const statuses = ['suspected', 'confirmed', 'excluded'] as const;

/** Edits the diagnoses: a code (ORPHA, OMIM, ICD-10, MONDO) with its label and a status. Other item fields are kept. */
export function DiagnosesEditor({ record, onSaved, onReload }: { record: CurrentRecord; onSaved: () => Promise<void>; onReload: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Diagnosis[]>(() => record.content.diagnoses);
  const save = useMutation({
    mutationFn: () => saveSection(record.patientId, 'diagnoses', record.version, items),
    onSuccess: onSaved,
  });
  const update = (index: number, patch: Partial<Diagnosis>) => setItems(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('record.editDiagnoses')}>
      <Stack gap="sm">
        <SaveProblem error={save.error} onReload={onReload} />
        {items.length === 0 && <Text c="dimmed">{t('record.empty')}</Text>}
        {items.map((item, index) => (
          <Group key={item.id ?? `new-${index}`} align="flex-end" wrap="wrap">
            <TextInput
              label={t('record.codeN', { n: index + 1 })}
              description={t('record.codeHint')}
              value={item.term.id}
              onChange={(e) => update(index, { term: { ...item.term, id: e.currentTarget.value } })}
              error={fieldProblem(save.error, `content.${index}.term.id`)}
              w="11rem"
            />
            <TextInput label={t('record.termLabel', { n: index + 1 })} value={item.term.label ?? ''} onChange={(e) => update(index, { term: { ...item.term, label: e.currentTarget.value } })} miw="16rem" />
            <Select
              label={t('record.statusN', { n: index + 1 })}
              data={statuses.map((value) => ({ value, label: t(`record.diagnosisStatus.${value}`) }))}
              value={item.status}
              allowDeselect={false}
              onChange={(value) => update(index, { status: (value ?? 'suspected') })}
              w="10rem"
            />
            <Button variant="default" onClick={() => setItems(items.filter((_, i) => i !== index))} aria-label={t('record.removeNamed', { n: index + 1 })}>
              {t('record.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setItems([...items, { term: { id: '', label: '' }, status: 'suspected' }])}>
            {t('record.addDiagnosis')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('record.saveDiagnoses')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
