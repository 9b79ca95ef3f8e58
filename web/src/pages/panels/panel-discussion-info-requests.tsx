import { Badge, Button, Card, Checkbox, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { answerInfoRequest, askInfoRequest, discussionKey, panelInfoRequestsQuery, type InfoRequestView } from '../../api/discussion-api.ts';
import type { PanelDetail } from '../../api/panels-api.ts';
import { recordQuery } from '../../api/records-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { emptyShareChoice, ShareFields, toShare, type ShareChoice } from './share-fields.tsx';

interface AnswerFormProps {
  request: Pick<InfoRequestView, 'id'>;
  /** The patient, when the person may share a record version with the answer (the enrolling hospital's lead or requester). */
  sharePatientId: string | undefined;
  /** What the panel sees now: a new share starts from it. */
  currentSections: ShareChoice['sections'];
  onAnswered: () => Promise<void> | void;
}

/** The enrolling hospital answers; the lead or requester may share the record's current version with the answer in the same step. */
export function InfoRequestAnswerForm({ request, sharePatientId, currentSections, onAnswered }: AnswerFormProps) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [sharing, setSharing] = useState(false);
  const [choice, setChoice] = useState<ShareChoice>(() => ({ ...emptyShareChoice(), sections: currentSections }));
  const record = useQuery({ ...recordQuery(sharePatientId ?? ''), enabled: sharing && sharePatientId !== undefined });
  const share = sharing && record.data ? toShare(choice, record.data.version) : undefined;
  const mutation = useMutation({
    mutationFn: () => answerInfoRequest(request.id, { answer: answer.trim(), ...(share ? { share } : {}) }),
    onSuccess: async () => {
      setAnswer('');
      setSharing(false);
      await onAnswered();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (answer.trim() !== '' && (!sharing || share)) mutation.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('discussion.info.answerLabel')}>
      <Stack gap="sm">
        <ProblemAlert error={mutation.error} title={t('discussion.info.answerFailed')} />
        <Textarea label={t('discussion.info.answerLabel')} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} autosize minRows={3} maxLength={10_000} error={fieldProblem(mutation.error, 'answer')} />
        {sharePatientId !== undefined && (
          <Checkbox label={t('discussion.info.shareWithAnswer')} description={t('discussion.info.shareWithAnswerHint')} checked={sharing} onChange={(e) => setSharing(e.currentTarget.checked)} />
        )}
        {sharing && sharePatientId !== undefined && <ShareFields patientId={sharePatientId} value={choice} onChange={setChoice} showMissingLabels={mutation.isError} />}
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('discussion.info.answer')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RequestCard({ panel, request, canAnswer, sharePatientId, onAnswered }: { panel: PanelDetail; request: InfoRequestView; canAnswer: boolean; sharePatientId: string | undefined; onAnswered: () => Promise<void> }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const headingId = `info-request-${request.id}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={600} id={headingId}>
            {t('discussion.info.askedBy', { name: request.askedBy.displayName, when: format.dateTime(request.askedAt) })}
          </Text>
          <Badge color={request.open ? 'violet.9' : 'teal.9'} variant="filled">
            {request.open ? t('discussion.info.open') : t('discussion.info.answered')}
          </Badge>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{request.question}</Text>
        {request.answer !== null && (
          <div>
            <Text size="sm" fw={600}>
              {t('discussion.info.answerBy', { name: request.answeredBy?.displayName ?? '', when: request.answeredAt ? format.dateTime(request.answeredAt) : '' })}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{request.answer}</Text>
            {request.answerShareSeq !== null && <Text size="sm">{t('discussion.info.sharedWith', { seq: request.answerShareSeq })}</Text>}
          </div>
        )}
        {request.open && canAnswer && <InfoRequestAnswerForm request={request} sharePatientId={sharePatientId} currentSections={panel.currentShare?.sections ?? []} onAnswered={onAnswered} />}
      </Stack>
    </Card>
  );
}

function AskForm({ panelId, onAsked }: { panelId: string; onAsked: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState('');
  const mutation = useMutation({
    mutationFn: () => askInfoRequest(panelId, question.trim()),
    onSuccess: async () => {
      setQuestion('');
      await onAsked(t('discussion.info.asked'));
    },
  });
  return (
    <form
      noValidate
      aria-label={t('discussion.info.askLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      <Stack gap="sm">
        <ProblemAlert error={mutation.error} />
        <Textarea label={t('discussion.info.askLabel')} description={t('discussion.info.askHint')} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} autosize minRows={2} maxLength={5000} error={fieldProblem(mutation.error, 'question')} />
        <Group>
          <Button type="submit" variant="light" loading={mutation.isPending}>
            {t('discussion.info.ask')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Requests for more information to the enrolling clinician: open ones first; members ask, the enrolling hospital answers. */
export function PanelDiscussionInfoRequests({ panel }: { panel: PanelDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(panelInfoRequestsQuery(panel.id));
  const [status, setStatus] = useState('');
  const sharing = list.data?.canShareWithAnswer === true;
  const refresh = async (message = '') => {
    setStatus(message);
    await queryClient.invalidateQueries({ queryKey: discussionKey(panel.id) });
  };
  let body;
  if (list.isPending) body = <LoadingState />;
  else if (list.error) body = <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  else {
    // The enrolling hospital's staff (the only ones the panel names the patient's id to) share a new record version with the answer.
    const sharePatientId = sharing ? (panel.patientId ?? undefined) : undefined;
    body = (
      <Stack gap="sm">
        {list.data.infoRequests.length === 0 && <Text>{t('discussion.info.none')}</Text>}
        {list.data.infoRequests.map((request) => (
          <RequestCard key={request.id} panel={panel} request={request} canAnswer={list.data.canAnswer} sharePatientId={sharePatientId} onAnswered={() => refresh(t('discussion.info.answeredStatus'))} />
        ))}
        {list.data.canAsk && <AskForm panelId={panel.id} onAsked={refresh} />}
      </Stack>
    );
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="info-requests-heading">
      <Title order={3} size="h4" id="info-requests-heading">
        {t('discussion.info.title')}
      </Title>
      <StatusMessage>{status}</StatusMessage>
      {body}
    </Stack>
  );
}
