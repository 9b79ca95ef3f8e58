import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmSecondFactor, submitRecoveryCode } from '../../api/auth-api.ts';
import { useContinueSignIn } from '../../auth/use-continue-sign-in.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { SignOutButton } from '../../layout/sign-out-button.tsx';
import { CodeForm } from './code-form.tsx';


/** The second step of signing in: a code from the authenticator app, or one of the recovery codes. */
export function SecondFactorPage({ returnTo }: { returnTo: string | undefined }) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [switched, setSwitched] = useState(false);
  const continueSignIn = useContinueSignIn(returnTo);
  const totp = useMutation({ mutationFn: confirmSecondFactor, onSuccess: ({ next }) => continueSignIn(next) });
  const recovery = useMutation({ mutationFn: submitRecoveryCode, onSuccess: ({ next }) => continueSignIn(next) });
  const toggle = () => {
    setUseRecovery((value) => !value);
    setSwitched(true);
    totp.reset();
    recovery.reset();
  };
  return (
    <Stack gap="md" maw="28rem">
      <div>
        <PageHeading>{t('secondFactor.title')}</PageHeading>
        <Text>{useRecovery ? t('secondFactor.recoveryIntro') : t('secondFactor.intro')}</Text>
      </div>
      <Card withBorder padding="lg">
        {useRecovery ? (
          <CodeForm
            key="recovery"
            kind="recovery"
            label={t('secondFactor.recoveryLabel')}
            description={t('secondFactor.recoveryHint')}
            submitLabel={t('secondFactor.confirm')}
            pending={recovery.isPending}
            error={recovery.error}
            onSubmit={(code) => recovery.mutate(code)}
            focusOnMount={switched}
          />
        ) : (
          <CodeForm
            key="totp"
            kind="totp"
            label={t('secondFactor.codeLabel')}
            description={t('secondFactor.codeHint')}
            submitLabel={t('secondFactor.confirm')}
            pending={totp.isPending}
            error={totp.error}
            onSubmit={(code) => totp.mutate(code)}
            focusOnMount={switched}
          />
        )}
      </Card>
      <Group justify="space-between" gap="sm">
        <Anchor component="button" type="button" onClick={toggle} fw={600}>
          {useRecovery ? t('secondFactor.useAuthenticator') : t('secondFactor.useRecovery')}
        </Anchor>
        <SignOutButton variant="subtle" />
      </Group>
      {!useRecovery && (
        <Text size="sm" c="dimmed">
          {t('secondFactor.lostBoth')}
        </Text>
      )}
    </Stack>
  );
}
