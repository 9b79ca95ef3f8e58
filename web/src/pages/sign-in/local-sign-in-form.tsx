import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signIn } from '../../api/auth-api.ts';
import { useContinueSignIn } from '../../auth/use-continue-sign-in.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';

/** E-mail and password of a local account; the server says what comes next (a code, or set-up). */
export function LocalSignInForm({ returnTo }: { returnTo: string | undefined }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const continueSignIn = useContinueSignIn(returnTo);
  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: continueSignIn,
    meta: { handlesUnauthenticated: true }, // a wrong password is shown here, not redirected
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = { email: !email.trim(), password: !password };
    setMissing(blank);
    if (!blank.email && !blank.password) mutation.mutate({ email, password });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="local-sign-in-heading">
      <Stack gap="md">
        <ProblemAlert error={mutation.error} title={t('signIn.failed')} />
        <TextInput
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          error={missing.email && t('signIn.emailMissing')}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <PasswordInput
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          value={password}
          error={missing.password && t('signIn.passwordMissing')}
          onChange={(event) => setPassword(event.currentTarget.value)}
          visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
        />
        <Button type="submit" loading={mutation.isPending}>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
