import { Button, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { inviteGuest } from '../../api/panels-api.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';

const empty = { email: '', displayName: '', justification: '' };

/**
 * Invites an expert by e-mail. Without an account here, a guest-account request goes to the network's
 * coordinators; the invitation waits for their decision.
 */
export function GuestInvitationForm({ panelId, onInvited }: { panelId: string; onInvited: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState(empty);
  const mutation = useMutation({
    mutationFn: () => inviteGuest(panelId, { email: fields.email.trim(), displayName: fields.displayName.trim(), justification: fields.justification.trim() }),
    onSuccess: async (result) => {
      onInvited(result.guestAccountRequested ? t('panels.guest.requested', { name: fields.displayName.trim() }) : t('panels.guest.invitedDirectly', { name: fields.displayName.trim() }));
      setFields(empty);
      await queryClient.invalidateQueries({ queryKey: ['panels', panelId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const set = (name: keyof typeof empty) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  return (
    <form onSubmit={submit} noValidate aria-label={t('panels.guest.form')}>
      <Stack gap="sm">
        <Text size="sm">{t('panels.guest.intro')}</Text>
        <ProblemAlert error={mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="email" label={t('panels.guest.email')} value={fields.email} onChange={(e) => set('email')(e.currentTarget.value)} required autoComplete="off" error={fieldProblem(mutation.error, 'email')} />
          <TextInput label={t('panels.guest.displayName')} value={fields.displayName} onChange={(e) => set('displayName')(e.currentTarget.value)} required maxLength={200} error={fieldProblem(mutation.error, 'displayName')} />
        </SimpleGrid>
        <Textarea
          label={t('panels.guest.justification')}
          description={t('panels.guest.justificationHint')}
          value={fields.justification}
          onChange={(e) => set('justification')(e.currentTarget.value)}
          required
          autosize
          minRows={2}
          maxLength={2000}
          error={fieldProblem(mutation.error, 'justification')}
        />
        <Group>
          <Button type="submit" variant="default" loading={mutation.isPending}>
            {t('panels.guest.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
