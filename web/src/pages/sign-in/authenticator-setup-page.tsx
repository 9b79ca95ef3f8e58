import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../api/auth-api.ts';
import { useContinueSignIn } from '../../auth/use-continue-sign-in.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SignOutButton } from '../../layout/sign-out-button.tsx';
import { RecoveryCodesStep } from './recovery-codes-step.tsx';
import { TotpEnrolmentStep } from './totp-enrolment-step.tsx';

const enrolmentKey = ['totp-enrolment'];

/** Setting up an authenticator app: scan, confirm with a first code, then save the recovery codes. */
export function AuthenticatorSetupPage({ returnTo }: { returnTo: string | undefined }) {
  const { t } = useTranslation();
  const continueSignIn = useContinueSignIn(returnTo);
  const session = useSignedInSession();
  // Someone who has an authenticator replaces it only when they say so: starting makes a new secret.
  const [replacing, setReplacing] = useState(false);
  const mayStart = !session.secondFactor.enrolled || replacing;
  const confirmation = useMutation({ mutationFn: confirmTotpEnrolment });
  const codes = confirmation.data?.recoveryCodes;
  // Starting the set-up makes a new secret: once per visit, never on focus or reconnect, never after
  // confirming (that would replace the authenticator just set up), forgotten on leaving the page.
  const enrolment = useQuery({
    queryKey: enrolmentKey,
    queryFn: startTotpEnrolment,
    enabled: mayStart && !codes,
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });
  const finish = useMutation({ mutationFn: () => continueSignIn('done') });
  return (
    <Stack gap="md" maw="36rem">
      <div>
        <PageHeading>{t('authenticator.title')}</PageHeading>
        {!codes && <Text>{t('authenticator.intro')}</Text>}
      </div>
      <Card withBorder padding="lg">
        {!mayStart ? (
          <Stack gap="sm" align="flex-start">
            <Text>{t('authenticator.replaceText')}</Text>
            <Button variant="outline" onClick={() => setReplacing(true)}>
              {t('authenticator.replace')}
            </Button>
          </Stack>
        ) : codes ? (
          <RecoveryCodesStep codes={codes} onDone={() => finish.mutate()} pending={finish.isPending} />
        ) : enrolment.data ? (
          <TotpEnrolmentStep
            enrolment={enrolment.data}
            pending={confirmation.isPending}
            error={confirmation.error}
            onConfirm={(code) => confirmation.mutate(code)}
          />
        ) : enrolment.isPending ? (
          <LoadingState />
        ) : (
          <ProblemAlert error={enrolment.error} title={t('authenticator.startFailed')} />
        )}
      </Card>
      {!codes && (
        <Group justify="flex-end">
          <SignOutButton variant="subtle" />
        </Group>
      )}
    </Stack>
  );
}
