import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, SimpleGrid, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptReferral, declineReferral, postReferralMessage, referralFileHref, referralOutcomeHref, referralQuery, reviewReferral, type ReferralDetail } from '../../api/referrals-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';

function Thread({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [asks, setAsks] = useState(false);
  const post = useMutation({
    mutationFn: () => postReferralMessage(referral.id, { body: body.trim(), requestsInformation: asks }),
    onSuccess: async () => {
      setBody('');
      setAsks(false);
      await queryClient.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    post.mutate();
  };
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h3" mb="xs">{t('referrals.thread')}</Title>
      {referral.messages.length === 0 && <Text size="sm">{t('referrals.threadEmpty')}</Text>}
      <Stack gap="xs" component="ul" aria-label={t('referrals.thread')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {referral.messages.map((m) => (
          <li key={m.id}>
            <Text size="sm" fw={600}>{`${m.authorName} (${t(`referrals.side.${m.side}`)})`}</Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
          </li>
        ))}
      </Stack>
      {referral.can.post && (
        <form onSubmit={submit} aria-label={t('referrals.writeMessage')}>
          <Stack gap="xs" mt="sm">
            <ProblemAlert error={post.error} title={t('referrals.postFailed')} />
            <Textarea label={t('referrals.writeMessage')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} required error={fieldProblem(post.error, 'body')} />
            {referral.side === 'centre' && <Checkbox label={t('referrals.requestsInformation')} checked={asks} onChange={(e) => setAsks(e.currentTarget.checked)} />}
            <Group>
              <Button type="submit" loading={post.isPending} disabled={body.trim().length === 0}>{t('referrals.send')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}

function Decisions({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [suggestion, setSuggestion] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['referrals'] });
  const review = useMutation({ mutationFn: () => reviewReferral(referral.id), onSuccess: refresh });
  const accept = useMutation({ mutationFn: () => acceptReferral(referral.id), onSuccess: refresh });
  const decline = useMutation({ mutationFn: () => declineReferral(referral.id, { reason: reason.trim(), suggestion: suggestion.trim() || null }), onSuccess: refresh });
  if (!referral.can.accept && !referral.can.review) return null;
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h3" mb="xs">{t('referrals.decision')}</Title>
      <ProblemAlert error={review.error ?? accept.error ?? decline.error} title={t('referrals.decisionFailed')} />
      <Text size="sm" mb="sm">{t('referrals.acceptHint')}</Text>
      <Group>
        {referral.can.review && <Button variant="default" loading={review.isPending} onClick={() => review.mutate()}>{t('referrals.review')}</Button>}
        <Button loading={accept.isPending} onClick={() => accept.mutate()}>{t('referrals.accept')}</Button>
        <Button variant="outline" color="red.8" onClick={() => setDeclining(true)}>{t('referrals.decline')}</Button>
      </Group>
      {declining && (
        <Stack gap="xs" mt="sm">
          <Textarea label={t('referrals.declineReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required error={fieldProblem(decline.error, 'reason')} />
          <TextInput label={t('referrals.declineSuggestion')} value={suggestion} onChange={(e) => setSuggestion(e.currentTarget.value)} />
          <Group>
            <Button color="red.8" loading={decline.isPending} disabled={reason.trim().length < 3} onClick={() => decline.mutate()}>{t('referrals.confirmDecline')}</Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

/** One referral: where it stands, the case as sent (the identity for the centre only), files, the thread, the decision and the outcome. */
export function ReferralPage({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const query = useQuery(referralQuery(referralId));
  if (query.isPending) return <LoadingState />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  return (
    <Stack gap="md" maw="56rem">
      <div>
        <PageHeading>{t('referrals.pageTitle', { code: r.referralCode })}</PageHeading>
        <Group gap="xs">
          <Badge size="lg" variant="light">{t(`referrals.status.${r.status}`)}</Badge>
          <Text>{`${r.ern.name} · ${r.hospital.name}, ${r.hospital.city} · ${t(`referrals.urgencyValue.${r.urgency}`)}`}</Text>
        </Group>
      </div>
      {r.decline && (
        <Alert color="red" variant="light" title={t('referrals.declinedTitle')}>
          <Text>{r.decline.reason}</Text>
          {r.decline.suggestion && <Text mt="xs">{t('referrals.suggestion', { suggestion: r.decline.suggestion })}</Text>}
        </Alert>
      )}
      {r.outcomeAvailable && (
        <Alert color="teal" variant="light" title={t('referrals.outcomeTitle')}>
          <Anchor href={referralOutcomeHref(r.id)} download>{t('referrals.downloadOutcome')}</Anchor>
        </Alert>
      )}
      {r.patientId && (
        <Alert variant="light" title={t('referrals.enrolledTitle')}>
          <Anchor renderRoot={(props) => <Link {...props} to="/patients/$patientId" params={{ patientId: r.patientId! }} />}>{t('referrals.openPatient')}</Anchor>
        </Alert>
      )}
      <Decisions referral={r} />
      <Card withBorder padding="lg">
        <Title order={2} size="h3" mb="xs">{t('referrals.caseTitle')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
          <Text>{t('referrals.patientLine', { nickname: r.nickname, sex: t(`patients.sexValue.${r.sex}`) })}</Text>
          <Text>{t('referrals.fromLine', { name: r.referrer.displayName, hospital: r.referrer.hospital, country: r.referrer.country })}</Text>
          {r.identity && <Text>{t('referrals.identityLine', { name: `${r.identity.givenName} ${r.identity.familyName}`, dateOfBirth: r.identity.dateOfBirth, recordNumber: r.identity.recordNumber })}</Text>}
        </SimpleGrid>
        <Text fw={600}>{t('referrals.clinicalQuestion')}</Text>
        <Text mb="xs" style={{ whiteSpace: 'pre-wrap' }}>{r.clinicalQuestion}</Text>
        <Text fw={600}>{t('referrals.caseSummary')}</Text>
        <Text mb="xs" style={{ whiteSpace: 'pre-wrap' }}>{r.caseSummary}</Text>
        {r.keyResults && (
          <>
            <Text fw={600}>{t('referrals.keyResults')}</Text>
            <Text mb="xs" style={{ whiteSpace: 'pre-wrap' }}>{r.keyResults}</Text>
          </>
        )}
        <Text fw={600}>{t('referrals.phenotype')}</Text>
        <List size="sm" mb="xs">
          {r.phenotypicFeatures.map((f) => <List.Item key={f.id}>{`${f.label} (${f.id})${f.excluded ? ` — ${t('referrals.excluded')}` : ''}`}</List.Item>)}
          {r.hasPhenopacket && <List.Item>{t('referrals.hasPhenopacket')}</List.Item>}
        </List>
        <Text fw={600}>{t('referrals.consentTitle')}</Text>
        <Text size="sm" mb="xs">{t(`referrals.consentLine.${r.consent.evidence}`, { date: r.consent.givenOn })}</Text>
        <Text fw={600}>{t('referrals.files')}</Text>
        {r.files.length === 0 ? <Text size="sm">{t('referrals.noFiles')}</Text> : (
          <List size="sm">
            {r.files.map((f) => <List.Item key={f.id}><Anchor href={referralFileHref(r.id, f.id)} download>{f.fileName}</Anchor>{` (${t(`referrals.fileKind.${f.kind}`)})`}</List.Item>)}
          </List>
        )}
      </Card>
      <Thread referral={r} />
      <Card withBorder padding="lg">
        <Title order={2} size="h3" mb="xs">{t('referrals.history')}</Title>
        <Timeline active={r.history.length - 1} bulletSize={14} lineWidth={2}>
          {r.history.map((h) => <Timeline.Item key={h.seq} title={t(`referrals.status.${h.status}`)}><Text size="xs">{new Date(h.at).toLocaleString()}</Text></Timeline.Item>)}
        </Timeline>
      </Card>
    </Stack>
  );
}
