import { Button, Group, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ernSettingsQuery, updateErnSettings, type ErnSettings } from '../../api/admin-api.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusMessage } from '../../components/status-message.tsx';

/** One network's settings: triage, employment confirmation, helpdesk address, guest period. */
export function ErnSettingsForm({ ernId, ernName, settings }: { ernId: string; ernName: string; settings: ErnSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(settings);
  const save = useMutation({
    mutationFn: () => updateErnSettings(ernId, { ...draft, helpdeskEmail: draft.helpdeskEmail?.trim() || null }),
    onSuccess: (saved) => queryClient.setQueryData(ernSettingsQuery(ernId).queryKey, saved),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('ernSettings.formLabel', { ern: ernName })}>
      <Stack gap="md" maw="40rem">
        <ProblemAlert error={save.error} title={t('ernSettings.saveFailed')} />
        <Switch
          label={t('ernSettings.triageRequired')}
          description={t('ernSettings.triageRequiredHint')}
          checked={draft.triageRequired}
          onChange={(event) => setDraft({ ...draft, triageRequired: event.currentTarget.checked })}
        />
        <Switch
          label={t('ernSettings.employmentConfirmationRequired')}
          description={t('ernSettings.employmentConfirmationRequiredHint')}
          checked={draft.employmentConfirmationRequired}
          onChange={(event) => setDraft({ ...draft, employmentConfirmationRequired: event.currentTarget.checked })}
        />
        <TextInput
          type="email"
          label={t('ernSettings.helpdeskEmail')}
          description={t('ernSettings.helpdeskEmailHint')}
          value={draft.helpdeskEmail ?? ''}
          onChange={(event) => setDraft({ ...draft, helpdeskEmail: event.currentTarget.value })}
          error={fieldProblem(save.error, 'helpdeskEmail')}
        />
        <TextInput
          type="number"
          inputMode="numeric"
          label={t('ernSettings.guestAccountDays')}
          description={t('ernSettings.guestAccountDaysHint')}
          min={1}
          max={365}
          step={1}
          maw="12rem"
          value={String(draft.guestAccountDays)}
          onChange={(event) => setDraft({ ...draft, guestAccountDays: Math.trunc(Number(event.currentTarget.value)) })}
          error={fieldProblem(save.error, 'guestAccountDays')}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('ernSettings.save')}
          </Button>
        </Group>
        <StatusMessage>{save.isSuccess && !save.isPending && t('ernSettings.saved', { ern: ernName })}</StatusMessage>
      </Stack>
    </form>
  );
}
