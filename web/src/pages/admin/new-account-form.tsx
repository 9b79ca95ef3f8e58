import { Button, Group, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createLocalAccount } from '../../api/admin-api.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';

/** A local account with an initial password, for installations without an identity provider. */
export function NewAccountForm({ onCreated }: { onCreated: (name: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [initialPassword, setInitialPassword] = useState('');
  const create = useMutation({
    mutationFn: createLocalAccount,
    onSuccess: async (_created, body) => {
      setEmail('');
      setDisplayName('');
      setInitialPassword('');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'people'] });
      onCreated(body.displayName);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ email: email.trim(), displayName: displayName.trim(), initialPassword });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-account-heading">
      <Stack gap="sm">
        <ProblemAlert error={create.error} title={t('people.createFailed')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('people.email')}
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldProblem(create.error, 'email')}
          />
          <TextInput
            label={t('people.name')}
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={fieldProblem(create.error, 'displayName')}
          />
          <PasswordInput
            label={t('people.initialPassword')}
            description={t('people.initialPasswordHint')}
            required
            autoComplete="new-password"
            value={initialPassword}
            onChange={(e) => setInitialPassword(e.currentTarget.value)}
            error={fieldProblem(create.error, 'initialPassword')}
            visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('people.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
