import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { saveSection, type CurrentRecord } from '../../api/records-api.ts';
import { SaveProblem } from './conflict-alert.tsx';

/** Edits the history section; the save names the version it was made on (409 if someone saved since). */
export function HistoryEditor({ record, onSaved, onReload }: { record: CurrentRecord; onSaved: () => Promise<void>; onReload: () => void }) {
  const { t } = useTranslation();
  const [medicalHistory, setMedicalHistory] = useState(record.content.history.medicalHistory);
  const [familyHistory, setFamilyHistory] = useState(record.content.history.familyHistory);
  const save = useMutation({
    mutationFn: () => saveSection(record.patientId, 'history', record.version, { medicalHistory, familyHistory }),
    onSuccess: onSaved,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('record.editHistory')}>
      <Stack gap="sm">
        <SaveProblem error={save.error} onReload={onReload} />
        <Textarea label={t('record.medicalHistory')} value={medicalHistory} onChange={(e) => setMedicalHistory(e.currentTarget.value)} autosize minRows={3} maxRows={16} />
        <Textarea label={t('record.familyHistory')} value={familyHistory} onChange={(e) => setFamilyHistory(e.currentTarget.value)} autosize minRows={2} maxRows={12} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('record.saveHistory')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
