import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmSecondFactor } from '../../api/auth-api.ts';
import { isStepUpRequired, providerStepUpHref, signOutcomeReport, type OutcomeReportList, type OutcomeReportVersion } from '../../api/outcome-reports-api.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { Dialog } from '../../components/dialog.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';

/**
 * Signing one revision. The server re-checks the lead's second factor: when it is not recent, the dialog asks
 * for a fresh authenticator code right here and signs again with it — or, for a session from the identity
 * provider without a local authenticator, offers a fresh login there (which comes back to this page).
 * Missing approvals are a warning the lead confirms, not a wall.
 */
export function OutcomeSignDialog({ panelId, version, pending, opened, onClose, onSigned }: { panelId: string; version: OutcomeReportVersion; pending: OutcomeReportList['pendingApprovals']; opened: boolean; onClose: () => void; onSigned: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const [acknowledged, setAcknowledged] = useState(false);
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const sign = () => signOutcomeReport(panelId, version.version, { expectedRevision: version.revision, ...(pending.length > 0 ? { acknowledgeMissingApprovals: acknowledged } : {}) });
  const mutation = useMutation({
    mutationFn: async (withCode: string | undefined) => {
      if (withCode !== undefined) await confirmSecondFactor(withCode);
      return sign();
    },
    onSuccess: async (signed) => {
      setAskCode(false);
      setCode('');
      onClose();
      onSigned(t('outcomeReport.sign.signed', { version: signed.version }));
      await queryClient.invalidateQueries({ queryKey: ['panels', panelId] });
      await queryClient.invalidateQueries({ queryKey: ['panels', 'board'] });
    },
    onError: (error) => {
      if (isStepUpRequired(error)) setAskCode(true);
    },
  });
  const stepUpNeeded = askCode || isStepUpRequired(mutation.error);
  const canEnterCode = session.secondFactor.enrolled || session.method === 'local';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(stepUpNeeded && canEnterCode ? code.trim() : undefined);
  };
  const close = () => {
    mutation.reset();
    setAskCode(false);
    setCode('');
    onClose();
  };
  const here = `${window.location.pathname}${window.location.search}`;
  return (
    <Dialog opened={opened} onClose={close} title={t('outcomeReport.sign.title', { version: version.version })}>
      <form onSubmit={submit} noValidate aria-label={t('outcomeReport.sign.formLabel', { version: version.version })}>
        <Stack gap="md">
          <Text size="sm">{t('outcomeReport.sign.intro', { revision: version.revision })}</Text>
          {pending.length > 0 && (
            <Alert color="orange" variant="light" title={t('outcomeReport.sign.pendingTitle')}>
              <Stack gap="xs">
                <Text size="sm">{t('outcomeReport.sign.pendingText', { names: pending.map((p) => p.displayName).join(', '), revision: version.revision })}</Text>
                <Checkbox label={t('outcomeReport.sign.acknowledge')} checked={acknowledged} onChange={(e) => setAcknowledged(e.currentTarget.checked)} error={fieldProblem(mutation.error, 'acknowledgeMissingApprovals')} />
              </Stack>
            </Alert>
          )}
          {stepUpNeeded ? (
            <Alert color="clinicalBlue" variant="light" title={t('outcomeReport.sign.stepUpTitle')} role="alert">
              {canEnterCode ? (
                <TextInput label={t('secondFactor.codeLabel')} description={t('outcomeReport.sign.stepUpHint')} value={code} onChange={(e) => setCode(e.currentTarget.value)} inputMode="numeric" autoComplete="one-time-code" maxLength={10} data-autofocus />
              ) : (
                <Text size="sm">
                  {t('outcomeReport.sign.providerIntro')} <Anchor href={providerStepUpHref(here)}>{t('outcomeReport.sign.providerLink')}</Anchor>
                </Text>
              )}
            </Alert>
          ) : (
            <ProblemAlert error={mutation.error} title={t('outcomeReport.sign.failed')} />
          )}
          {stepUpNeeded && mutation.error !== null && !isStepUpRequired(mutation.error) && <ProblemAlert error={mutation.error} title={t('outcomeReport.sign.failed')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={(pending.length > 0 && !acknowledged) || (stepUpNeeded && (!canEnterCode || code.trim() === ''))}>
              {stepUpNeeded ? t('outcomeReport.sign.confirmAndSign') : t('outcomeReport.sign.submit', { version: version.version })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
