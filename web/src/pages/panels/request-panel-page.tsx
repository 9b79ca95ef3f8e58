import { Anchor, Button, Card, Group, List, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createPanel, shareRecord, transitionPanel, updatePanelDraft } from '../../api/panels-api.ts';
import { patientListQuery } from '../../api/patients-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { recordQuery } from '../../api/records-api.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { CaseFields, emptyRequest, missingCaseFields, missingQuestionFields, QuestionFields, type RequestFieldValues } from './request-fields.tsx';
import { emptyShareChoice, ShareFields, toShare, type ShareChoice } from './share-fields.tsx';

type Mode = 'submit' | 'draft';

/**
 * Requesting a panel, step by step: the case and its network, the question, what the panel may see,
 * then a review. Submitting creates the draft, shares what was chosen and submits it; if a step is
 * refused (no care consent, say) the draft stays and the person reads why.
 */
export function RequestPanelPage({ patientId }: { patientId: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const myErn = session.affiliations.find((a) => a.role === 'healthProfessional' && a.ernId)?.ernId ?? null;
  const [step, setStep] = useState(0);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  // Keyboard and screen-reader users land on the new step's heading (not on the first load).
  useEffect(() => {
    if (shownStep.current !== step) stepHeading.current?.focus();
    shownStep.current = step;
  }, [step]);
  const [tried, setTried] = useState<number[]>([]);
  const [fields, setFields] = useState<RequestFieldValues>(() => emptyRequest(patientId ?? null, myErn));
  const [choice, setChoice] = useState<ShareChoice>(emptyShareChoice);
  const [draftId, setDraftId] = useState<string>();
  const [sharedAs, setSharedAs] = useState<string>();
  const erns = useQuery(ernListQuery);
  const patients = useQuery(patientListQuery(''));
  const record = useQuery({ ...recordQuery(fields.patientId ?? ''), enabled: !!fields.patientId });
  const ern = erns.data?.erns.find((e) => e.id === fields.ernId);
  const patient = patients.data?.patients.find((p) => p.id === fields.patientId);
  const version = record.data?.version ?? 0;
  const share = toShare(choice, version);

  const stepProblems = [
    () => missingCaseFields(fields, ern?.diseaseGroups.length ?? 0).length > 0,
    () => missingQuestionFields(fields).length > 0,
    () => version === 0 || share.sections.length + share.attachments.length === 0 || share.attachments.some((a) => a.label === ''),
  ];
  const next = () => {
    setTried((s) => [...s, step]);
    if (!stepProblems[step]?.()) setStep(step + 1);
  };

  const request = useMutation({
    mutationFn: async (mode: Mode) => {
      const body = { ernId: fields.ernId ?? '', diseaseGroupId: fields.diseaseGroupId, type: fields.type ?? 'diagnosis', urgency: fields.urgency, title: fields.title.trim(), clinicalQuestion: fields.clinicalQuestion.trim() };
      let id = draftId;
      if (!id) {
        id = (await createPanel({ patientId: fields.patientId ?? '', ...body })).id;
        setDraftId(id);
      } else {
        await updatePanelDraft(id, body);
      }
      const shareKey = JSON.stringify(share);
      if (shareKey !== sharedAs) {
        await shareRecord(id, share);
        setSharedAs(shareKey);
      }
      if (mode === 'submit') await transitionPanel(id, 'submit', {});
      return id;
    },
    onSuccess: async (id) => {
      await queryClient.invalidateQueries({ queryKey: ['panels'] });
      await navigate({ to: '/panels/$panelId', params: { panelId: id } });
    },
  });

  const stepLabels = [t('panels.request.stepCase'), t('panels.request.stepQuestion'), t('panels.request.stepShare'), t('panels.request.stepReview')];
  return (
    <Stack gap="md" maw="56rem">
      <div>
        <PageHeading>{t('panels.request.heading')}</PageHeading>
        <Text>{t('panels.request.intro')}</Text>
      </div>
      <Stepper active={step} onStepClick={(target) => target < step && setStep(target)} allowNextStepsSelect={false} size="sm" aria-label={t('panels.request.steps')}>
        {stepLabels.map((label, index) => (
          <Stepper.Step key={label} label={label} aria-current={index === step ? 'step' : undefined} />
        ))}
      </Stepper>
      <Card withBorder padding="lg" component="section" aria-label={stepLabels[step]}>
        <Stack gap="md">
          <Title order={2} size="h4" ref={stepHeading} tabIndex={-1} style={{ outline: 'none' }}>
            {t('panels.request.stepOf', { step: step + 1, total: stepLabels.length, label: stepLabels[step] ?? '' })}
          </Title>
          {step === 0 && <CaseFields value={fields} onChange={setFields} showMissing={tried.includes(0)} error={request.error} patient={draftId ? 'locked' : 'choose'} />}
          {step === 1 && <QuestionFields value={fields} onChange={setFields} showMissing={tried.includes(1)} error={request.error} />}
          {step === 2 && fields.patientId && (
            <>
              <ShareFields patientId={fields.patientId} value={choice} onChange={setChoice} showMissingLabels={tried.includes(2)} />
              {tried.includes(2) && version > 0 && share.sections.length + share.attachments.length === 0 && (
                <Text c="red.9" size="sm" role="alert">
                  {t('panels.share.nothingChosen')}
                </Text>
              )}
            </>
          )}
          {step === 3 && (
            <Stack gap="xs">
              <List spacing={4} aria-label={t('panels.request.reviewList')}>
                <List.Item>{t('panels.request.reviewPatient', { code: patient?.patientCode ?? '' })}</List.Item>
                <List.Item>{[ern?.name, ern?.diseaseGroups.find((g) => g.id === fields.diseaseGroupId)?.name].filter(Boolean).join(' · ')}</List.Item>
                <List.Item>{[fields.type ? t(`panels.type.${fields.type}`) : '', t(`panels.urgency.${fields.urgency}`)].join(' · ')}</List.Item>
                <List.Item>{t('panels.request.reviewTitle', { title: fields.title.trim() })}</List.Item>
                <List.Item>{t('panels.request.reviewShare', { version, sections: share.sections.map((s) => t(`record.section.${s}`)).join(', ') || t('common.none'), count: share.attachments.length })}</List.Item>
              </List>
              <Text size="sm">{t('panels.request.reviewHint')}</Text>
            </Stack>
          )}
          <div aria-live="polite">
            <ProblemAlert error={request.error} title={t('panels.request.failed')} />
            {request.error && draftId && (
              <Text size="sm" mt="xs">
                {t('panels.request.draftKept')}{' '}
                <Anchor renderRoot={(props) => <Link {...props} to="/panels/$panelId" params={{ panelId: draftId }} />}>
                  {t('panels.request.openDraft')}
                </Anchor>
              </Text>
            )}
          </div>
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep(step - 1)} disabled={step === 0}>
              {t('panels.request.back')}
            </Button>
            {step < 3 ? (
              <Button onClick={next}>{t('panels.request.next')}</Button>
            ) : (
              <Group gap="sm">
                <Button variant="default" onClick={() => request.mutate('draft')} loading={request.isPending && request.variables === 'draft'} disabled={request.isPending}>
                  {t('panels.request.saveDraft')}
                </Button>
                <Button onClick={() => request.mutate('submit')} loading={request.isPending && request.variables === 'submit'} disabled={request.isPending}>
                  {t('panels.request.submit')}
                </Button>
              </Group>
            )}
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
