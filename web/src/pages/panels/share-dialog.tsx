import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shareRecord, type PanelDetail } from '../../api/panels-api.ts';
import { recordQuery } from '../../api/records-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { emptyShareChoice, ShareFields, toShare, type ShareChoice } from './share-fields.tsx';

/** The current sections the last share gave, so a later share starts from what the panel already sees. */
const startingChoice = (panel: PanelDetail): ShareChoice => ({ ...emptyShareChoice(), sections: panel.currentShare?.sections ?? [] });

/** Shares the record's current version (and chosen files) with the panel: a new share, the earlier ones kept. */
export function ShareDialog({ panel, onClose, onShared }: { panel: PanelDetail; onClose: () => void; onShared: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The panel names the patient's id only to those who may share the record (the enrolling hospital's staff).
  const patientId = panel.patientId;
  const record = useQuery({ ...recordQuery(patientId ?? ''), enabled: patientId !== null });
  const [choice, setChoice] = useState<ShareChoice>(() => startingChoice(panel));
  const [tried, setTried] = useState(false);
  const version = record.data?.version ?? 0;
  const share = toShare(choice, version);
  const mutation = useMutation({
    mutationFn: () => shareRecord(panel.id, share),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['panels', panel.id] });
      onShared(t('panels.share.done', { version: saved.recordVersion }));
    },
  });
  const nothing = share.sections.length + share.attachments.length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (version > 0 && !nothing && !share.attachments.some((a) => a.label === '')) mutation.mutate();
  };
  return (
    <Dialog opened onClose={onClose} title={t('panels.share.title')} size="xl">
      <form onSubmit={submit} noValidate aria-label={t('panels.share.title')}>
        <Stack gap="md">
          <Text size="sm">{t('panels.share.intro')}</Text>
          <ProblemAlert error={mutation.error} />
          {patientId === null && <Text>{t('panels.share.notYourPatient')}</Text>}
          {patientId !== null && <ShareFields patientId={patientId} value={choice} onChange={setChoice} showMissingLabels={tried} />}
          {tried && version > 0 && nothing && (
            <Text c="red.9" size="sm" role="alert">
              {t('panels.share.nothingChosen')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={patientId === null}>
              {t('panels.share.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
