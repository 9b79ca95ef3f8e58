import { Button, Group, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updatePanelDraft, type PanelDetail } from '../../api/panels-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { Dialog } from '../../components/dialog.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { CaseFields, missingCaseFields, missingQuestionFields, QuestionFields, type RequestFieldValues } from './request-fields.tsx';

/** The lead changes a draft request (e.g. after the coordinator returned it with a question), then submits it again. */
export function EditDraftDialog({ panel, onClose, onSaved }: { panel: PanelDetail; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const erns = useQuery(ernListQuery);
  const [fields, setFields] = useState<RequestFieldValues>({
    patientId: null,
    ernId: panel.ern.id,
    diseaseGroupId: panel.diseaseGroup?.id ?? null,
    type: panel.type,
    urgency: panel.urgency,
    title: panel.title,
    clinicalQuestion: panel.clinicalQuestion,
  });
  const [tried, setTried] = useState(false);
  const groups = erns.data?.erns.find((e) => e.id === fields.ernId)?.diseaseGroups.length ?? 0;
  const mutation = useMutation({
    mutationFn: () =>
      updatePanelDraft(panel.id, {
        ernId: fields.ernId ?? undefined,
        diseaseGroupId: fields.diseaseGroupId,
        type: fields.type ?? undefined,
        urgency: fields.urgency,
        title: fields.title.trim(),
        clinicalQuestion: fields.clinicalQuestion.trim(),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['panels'] });
      onSaved(t('panels.draft.saved'));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (missingCaseFields(fields, groups, false).length === 0 && missingQuestionFields(fields).length === 0) mutation.mutate();
  };
  return (
    <Dialog opened onClose={onClose} title={t('panels.draft.title')} size="xl">
      <form onSubmit={submit} noValidate aria-label={t('panels.draft.title')}>
        <Stack gap="md">
          <ProblemAlert error={mutation.error} />
          <CaseFields value={fields} onChange={setFields} showMissing={tried} error={mutation.error} patient="hidden" />
          <QuestionFields value={fields} onChange={setFields} showMissing={tried} error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
