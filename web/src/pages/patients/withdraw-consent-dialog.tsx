import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { withdrawConsent, type ConsentView } from '../../api/consent-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { today } from './consent-fields.tsx';

/** Withdraws a consent from a date, with an optional note; it stays in the history. */
export function WithdrawConsentDialog({ patientId, consent, onClose }: { patientId: string; consent: ConsentView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [withdrawnOn, setWithdrawnOn] = useState(today);
  const [note, setNote] = useState('');
  const withdraw = useMutation({
    mutationFn: (id: string) => withdrawConsent(patientId, id, { withdrawnOn, note: note.trim() || null }),
    onSuccess: (list) => {
      queryClient.setQueryData(['patients', patientId, 'consents'], list);
      setNote('');
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (consent) withdraw.mutate(consent.id);
  };
  return (
    <Dialog opened={consent !== null} onClose={onClose} title={t('consent.withdrawTitle')}>
      <form onSubmit={submit} noValidate aria-label={t('consent.withdrawTitle')}>
        <Stack gap="sm">
          {consent && <Text>{t('consent.withdrawIntro', { kind: t(`consent.kindValue.${consent.kind}`) })}</Text>}
          <ProblemAlert error={withdraw.error} />
          <TextInput type="date" label={t('consent.withdrawnOn')} value={withdrawnOn} onChange={(e) => setWithdrawnOn(e.currentTarget.value)} required error={fieldProblem(withdraw.error, 'withdrawnOn')} />
          <Textarea label={t('consent.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={withdraw.isPending}>
              {t('consent.withdraw')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
