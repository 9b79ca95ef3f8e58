import { Anchor, Button, Card, Code, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { outcomePdfHref, outcomeReportsKey, startAmendment, verifyOutcomeHash, type OutcomeReportVersion } from '../../api/outcome-reports-api.ts';
import { Dialog } from '../../components/dialog.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { OutcomeReportText } from './outcome-report-text.tsx';

/** One signed version: who signed when, why it was amended, its hash, the PDF, and (on request) what it says. */
function SignedVersion({ panelId, version }: { panelId: string; version: OutcomeReportVersion }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const [showText, setShowText] = useState(false);
  const content = version.content!;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`outcome-version-${version.version}`}>
      <Stack gap="xs">
        <Title order={4} size="h5" id={`outcome-version-${version.version}`}>
          {t('outcomeReport.versions.version', { version: version.version })}
        </Title>
        <Text size="sm">{t('outcomeReport.versions.signedBy', { name: version.signedBy?.displayName ?? '', date: format.dateTime(version.signedAt!), revision: version.revision })}</Text>
        {version.amendmentReason && <Text size="sm">{t('outcomeReport.versions.amendmentReason', { reason: version.amendmentReason })}</Text>}
        <Text size="sm">{t('outcomeReport.versions.recordVersion', { recordVersion: version.recordVersion })}</Text>
        <Text size="sm">
          {t('outcomeReport.versions.approvedBy')} {content.approvals.length === 0 ? t('outcomeReport.versions.noApprovals') : content.approvals.map((a) => a.name).join(', ')}
        </Text>
        <Text size="sm">
          {t('outcomeReport.versions.hash')} <Code style={{ wordBreak: 'break-all' }}>{version.contentHash}</Code>
        </Text>
        <Group gap="md">
          <Anchor href={outcomePdfHref(panelId, version.version)} download aria-label={t('outcomeReport.versions.downloadNamed', { version: version.version })}>
            {t('outcomeReport.versions.download')}
          </Anchor>
          <Button size="xs" variant="default" onClick={() => setShowText((shown) => !shown)} aria-expanded={showText}>
            {showText ? t('outcomeReport.versions.hideText') : t('outcomeReport.versions.showText', { version: version.version })}
          </Button>
        </Group>
        {showText && <OutcomeReportText text={content} headingOrder={5} />}
      </Stack>
    </Card>
  );
}

/** The lead starts the next version from the last signed one, saying why (also after closing). */
function AmendmentDialog({ panelId, opened, onClose, onStarted }: { panelId: string; opened: boolean; onClose: () => void; onStarted: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const mutation = useMutation({
    mutationFn: () => startAmendment(panelId, { reason: reason.trim() }),
    onSuccess: async (started) => {
      setReason('');
      onClose();
      onStarted(t('outcomeReport.amend.started', { version: started.version }));
      await queryClient.invalidateQueries({ queryKey: outcomeReportsKey(panelId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <Dialog opened={opened} onClose={onClose} title={t('outcomeReport.amend.title')}>
      <form onSubmit={submit} noValidate aria-label={t('outcomeReport.amend.title')}>
        <Stack gap="md">
          <Text size="sm">{t('outcomeReport.amend.intro')}</Text>
          <ProblemAlert error={fieldProblem(mutation.error, 'reason') ? undefined : mutation.error} title={t('outcomeReport.amend.failed')} />
          <Textarea label={t('outcomeReport.amend.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} maxLength={5_000} required error={fieldProblem(mutation.error, 'reason')} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('outcomeReport.amend.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** Checks the hash printed on a paper copy against the signed versions of this panel's report. */
function VerifyPrintout({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const [hash, setHash] = useState('');
  const mutation = useMutation({ mutationFn: () => verifyOutcomeHash(panelId, hash.trim()) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const result = mutation.data;
  return (
    <form onSubmit={submit} noValidate aria-label={t('outcomeReport.verify.title')}>
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t('outcomeReport.verify.title')}
        </Title>
        <Group align="flex-end" gap="sm">
          <TextInput label={t('outcomeReport.verify.hash')} description={t('outcomeReport.verify.hint')} value={hash} onChange={(e) => setHash(e.currentTarget.value)} style={{ flexGrow: 1 }} />
          <Button type="submit" variant="default" loading={mutation.isPending}>
            {t('outcomeReport.verify.check')}
          </Button>
        </Group>
        <div aria-live="polite">
          {result && (
            <Text size="sm" fw={500}>
              {result.matches
                ? t('outcomeReport.verify.matches', { version: result.version ?? 0, name: result.signedBy ?? '', date: result.signedAt ? format.dateTime(result.signedAt) : '' })
                : t('outcomeReport.verify.noMatch')}{' '}
              {result.matches && result.latestVersion !== null && result.version !== null && result.latestVersion > result.version && t('outcomeReport.verify.amendedSince', { latest: result.latestVersion })}
            </Text>
          )}
        </div>
        <ProblemAlert error={mutation.error} title={t('outcomeReport.verify.failed')} />
      </Stack>
    </form>
  );
}

/** The signed versions, newest first, each with its PDF and hash; the amendment for the lead; the printout check. */
export function OutcomeVersions({ panelId, versions, canAmend, onChanged }: { panelId: string; versions: OutcomeReportVersion[]; canAmend: boolean; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const [amending, setAmending] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('outcomeReport.versions.title')}
        </Title>
        {canAmend && <Button onClick={() => setAmending(true)}>{t('outcomeReport.amend.open')}</Button>}
      </Group>
      {versions.map((version) => (
        <SignedVersion key={version.id} panelId={panelId} version={version} />
      ))}
      <VerifyPrintout panelId={panelId} />
      <AmendmentDialog panelId={panelId} opened={amending} onClose={() => setAmending(false)} onStarted={onChanged} />
    </Stack>
  );
}
