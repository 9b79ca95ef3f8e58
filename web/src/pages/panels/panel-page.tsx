import { Alert, Anchor, Card, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { panelQuery } from '../../api/panels-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { CallLink } from '../calls/call-link.tsx';
import { ContributionsView } from './contributions-view.tsx';
import { InvitationBanner } from './invitation-banner.tsx';
import { MembersView } from './members-view.tsx';
import { OutcomeReportPanel } from './outcome-report-panel.tsx';
import { PanelActions } from './panel-actions.tsx';
import { PanelCaseView } from './panel-case-view.tsx';
import { PanelDiscussion } from './panel-discussion.tsx';
import { PanelFacts } from './panel-facts.tsx';
import { PanelHistory } from './panel-history.tsx';

const tabs = ['case', 'contributions', 'members', 'discussion', 'outcome', 'history'] as const;
type Tab = (typeof tabs)[number];

/**
 * One panel: what it is and where it stands, my invitation, what I may do now, the clinical question;
 * then the case as shared, the contributions, the members, the discussion and the outcome report (each
 * built by its own part of the app), and the panel's history. Never the patient's identity.
 */
export function PanelPage({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const panel = useQuery(panelQuery(panelId));
  const [tab, setTab] = useState<Tab>('case');
  const [message, setMessage] = useState('');
  if (panel.isPending) return <LoadingState />;
  if (panel.error) return <QueryError error={panel.error} onRetry={() => void panel.refetch()} />;
  const data = panel.data;
  const returned = data.status === 'draft' ? data.transitions.findLast((step) => step.action === 'returnToDraft') : undefined;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/panels" size="sm">
          {t('panels.page.back')}
        </Anchor>
        <PageHeading>{data.title}</PageHeading>
      </div>
      <PanelFacts panel={data} />
      <StatusMessage>{message}</StatusMessage>
      <InvitationBanner panel={data} onAnswered={setMessage} />
      {returned && (
        <Alert color="clinicalBlue" variant="light" title={t('panels.page.returnedTitle', { name: returned.by.displayName })}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {returned.reason}
          </Text>
        </Alert>
      )}
      {data.caseWithheld && (
        <Alert color="red" variant="light" title={t('panels.case.withheldTitle')}>
          {data.caseWithheld.message}
        </Alert>
      )}
      <PanelActions panel={data} onDone={setMessage} />
      <CallLink panelId={data.id} show={data.myRole !== null && (data.status === 'open' || data.status === 'outcomeDrafting')} />
      <Card withBorder padding="lg" component="section" aria-labelledby="question-heading">
        <Title order={2} size="h4" id="question-heading" mb="xs">
          {t('panels.page.question')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{data.clinicalQuestion}</Text>
      </Card>
      <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? 'case')}>
        <Tabs.List aria-label={t('panels.page.tabs')}>
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`panels.page.tab.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="case" pt="md">
          <PanelCaseView panel={data} />
        </Tabs.Panel>
        <Tabs.Panel value="contributions" pt="md">
          <ContributionsView panel={data} />
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="md">
          <MembersView panel={data} />
        </Tabs.Panel>
        <Tabs.Panel value="discussion" pt="md">
          {/* The discussion (messages, information requests, timeline, real time) is built in panel-discussion.tsx. */}
          <PanelDiscussion panelId={data.id} />
        </Tabs.Panel>
        <Tabs.Panel value="outcome" pt="md">
          {/* The outcome report (draft, approvals, signing, PDF) is built in outcome-report-panel.tsx. */}
          <OutcomeReportPanel panelId={data.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <PanelHistory panel={data} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
