import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outcomeReportsKey, outcomeReportsQuery, type OutcomeReportList, type OutcomeReportVersion } from '../../api/outcome-reports-api.ts';
import { useStreamInvalidation } from '../../api/realtime.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { OutcomeApprovals } from './outcome-approvals.tsx';
import { emptyDraft, OutcomeDraftEditor } from './outcome-draft-editor.tsx';
import { OutcomeReportText } from './outcome-report-text.tsx';
import { OutcomeSignDialog } from './outcome-sign-dialog.tsx';
import { OutcomeVersions } from './outcome-versions.tsx';

/** The version being drafted: the lead edits it, members read and approve it, the lead signs it. */
function OpenDraft({ panelId, list, draft, onMessage }: { panelId: string; list: OutcomeReportList; draft: OutcomeReportVersion; onMessage: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const [reloads, setReloads] = useState(0);
  const [signing, setSigning] = useState(false);
  const lead = list.myRole === 'lead';
  const headingId = `outcome-draft-${draft.version}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id={headingId}>
            {draft.version === 1 ? t('outcomeReport.draft.title') : t('outcomeReport.draft.amendmentTitle', { version: draft.version })}
          </Title>
          <Text size="sm">{t('outcomeReport.draft.revisionLine', { revision: draft.revision, date: format.dateTime(draft.updatedAt), recordVersion: draft.recordVersion })}</Text>
          {draft.amendmentReason && <Text size="sm">{t('outcomeReport.versions.amendmentReason', { reason: draft.amendmentReason })}</Text>}
        </div>
        {lead && list.can.editDraft ? (
          <OutcomeDraftEditor key={`${draft.version}-${reloads}`} panelId={panelId} version={draft.version} revision={draft.revision} draft={draft.draft ?? emptyDraft} onReload={() => setReloads((n) => n + 1)} onSaved={onMessage} />
        ) : (
          <OutcomeReportText text={draft.draft ?? emptyDraft} headingOrder={4} />
        )}
        <OutcomeApprovals panelId={panelId} version={draft} pending={list.pendingApprovals} canApprove={list.can.approve} onApproved={onMessage} />
        {lead && list.can.sign && (
          <Group>
            <Button color="teal.9" onClick={() => setSigning(true)}>
              {t('outcomeReport.sign.open', { version: draft.version, revision: draft.revision })}
            </Button>
          </Group>
        )}
      </Stack>
      <OutcomeSignDialog panelId={panelId} version={draft} pending={list.pendingApprovals} opened={signing} onClose={() => setSigning(false)} onSigned={onMessage} />
    </Card>
  );
}

/**
 * The panel's outcome report: the draft (the lead's editor; members read and approve each revision), signing
 * with a fresh second factor, the signed versions with their PDFs and hashes, and amendments. Readers who are
 * not members (coordinators, the enrolling hospital) see the signed versions only.
 */
export function OutcomeReportPanel({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const reports = useQuery(outcomeReportsQuery(panelId));
  const [message, setMessage] = useState('');
  useStreamInvalidation(`panel:${panelId.toLowerCase()}`, [outcomeReportsKey(panelId)]);
  if (reports.isPending) return <LoadingState />;
  if (reports.error) return <QueryError error={reports.error} onRetry={() => void reports.refetch()} />;
  const list = reports.data;
  const open = list.versions.find((v) => v.state === 'draft');
  const signed = list.versions.filter((v) => v.state === 'signed');
  return (
    <Stack gap="lg" component="section" aria-labelledby="outcome-report-heading">
      <Title order={2} size="h3" id="outcome-report-heading">
        {t('outcomeReport.title')}
      </Title>
      <StatusMessage>{message}</StatusMessage>
      {list.blocked && (
        <Alert color="red" variant="light" title={t('outcomeReport.blockedTitle')}>
          {list.blocked}
        </Alert>
      )}
      {open && <OpenDraft panelId={panelId} list={list} draft={open} onMessage={setMessage} />}
      {list.can.startDraft && (
        <Card withBorder padding="lg" component="section" aria-labelledby="outcome-new-draft">
          <Stack gap="md">
            <div>
              <Title order={3} size="h4" id="outcome-new-draft">
                {t('outcomeReport.draft.title')}
              </Title>
              <Text size="sm">{t('outcomeReport.draft.startIntro')}</Text>
            </div>
            <OutcomeDraftEditor panelId={panelId} version={1} revision={0} draft={emptyDraft} onReload={() => void reports.refetch()} onSaved={setMessage} />
          </Stack>
        </Card>
      )}
      {!open && !list.can.startDraft && signed.length === 0 && <Text>{list.access === 'member' ? t('outcomeReport.notStarted') : t('outcomeReport.noneSigned')}</Text>}
      {signed.length > 0 && <OutcomeVersions panelId={panelId} versions={signed} canAmend={list.can.amend} onChanged={setMessage} />}
    </Stack>
  );
}
