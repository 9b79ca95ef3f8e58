import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reassignLead, type ExpertView, type PanelDetail } from '../../api/panels-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { ExpertPicker } from './expert-picker.tsx';

/** A coordinator makes another health professional the lead; the previous lead stays on the panel as a member. */
export function ReassignLeadDialog({ panel, onClose, onDone }: { panel: PanelDetail; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<ExpertView[]>([]);
  const person = chosen[0];
  const mutation = useMutation({
    mutationFn: () => reassignLead(panel.id, person?.personId ?? ''),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['panels'] });
      onDone(t('panels.lead.done', { name: person?.displayName ?? '' }));
    },
  });
  return (
    <Dialog opened onClose={onClose} title={t('panels.lead.title')} size="xl">
      <Stack gap="md">
        <Text>{t('panels.lead.text', { name: panel.lead?.displayName ?? t('common.none') })}</Text>
        <ProblemAlert error={mutation.error} />
        <ExpertPicker selected={chosen} onChange={setChosen} single healthProfessionalsOnly defaultErnId={panel.ern.id} exclude={panel.lead ? [panel.lead.personId] : []} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => mutation.mutate()} loading={mutation.isPending} disabled={!person}>
            {person ? t('panels.lead.submitNamed', { name: person.displayName }) : t('panels.lead.submit')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
