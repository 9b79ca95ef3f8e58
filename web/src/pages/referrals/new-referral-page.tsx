import { Alert, Badge, Button, Card, Checkbox, CloseButton, FileInput, Group, List, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSex } from '../../api/patients-api.ts';
import { ernGuideQuery, referrerErnsQuery, sendReferral, uploadReferralFile, type NewReferralBody } from '../../api/referrals-api.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { HpoAutocomplete } from '../patients/hpo-autocomplete.tsx';

const sexes: PatientSex[] = ['female', 'male', 'other', 'unknown'];
const urgencies = ['routine', 'urgent', 'veryUrgent'] as const;
const emptyIdentity = { givenName: '', familyName: '', dateOfBirth: '', recordNumber: '' };
type Feature = { id: string; label: string; excluded: boolean };

/** What a network covers, its disease groups, and the centres proposed for the referral (one to pick). */
function ErnGuidePanel({ ernId, hospitalId, onPick }: { ernId: string; hospitalId: string | null; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const guide = useQuery(ernGuideQuery(ernId));
  if (guide.error) return <QueryError error={guide.error} onRetry={() => void guide.refetch()} />;
  if (!guide.data) return null;
  const g = guide.data;
  return (
    <Stack gap="sm">
      <Text>{t('referrals.new.covers', { field: g.ern.field })}</Text>
      {g.diseaseGroups.length > 0 && (
        <div>
          <Text fw={600} size="sm">{t('referrals.new.diseaseGroups')}</Text>
          <List size="sm">{g.diseaseGroups.map((d) => <List.Item key={d.id}>{d.name}</List.Item>)}</List>
        </div>
      )}
      {g.alternatives && <Alert color="yellow" variant="light">{t('referrals.new.alternatives', { country: g.country })}</Alert>}
      <Radio.Group label={t('referrals.new.centre')} description={t('referrals.new.centreHint')} value={hospitalId} onChange={onPick} required>
        <Stack gap="xs" mt="xs">
          {g.centres.map((c) => (
            <Radio
              key={c.id}
              value={c.id}
              label={`${c.name}, ${c.city} (${c.country})`}
              description={c.expertise.length > 0 ? t('referrals.new.expertise', { groups: c.expertise.join(', ') }) : t(`referrals.new.membership.${c.membership}`)}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}

/** The referral form: network and centre (with the guide), the case, phenotype (HPO or a phenopacket), files and the patient's consent. */
export function NewReferralPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const erns = useQuery(referrerErnsQuery);
  const [ernId, setErnId] = useState<string | null>(null);
  const [hospitalId, setHospitalId] = useState<string | null>(null);
  const [nickname, setNickname] = useState('');
  const [sex, setSex] = useState<string | null>(null);
  const [identity, setIdentity] = useState(emptyIdentity);
  const [urgency, setUrgency] = useState<string>('routine');
  const [clinicalQuestion, setClinicalQuestion] = useState('');
  const [caseSummary, setCaseSummary] = useState('');
  const [keyResults, setKeyResults] = useState('');
  const [features, setFeatures] = useState<Feature[]>([]);
  const [phenopacket, setPhenopacket] = useState<{ name: string; content: Record<string, unknown> } | null>(null);
  const [packetError, setPacketError] = useState<string | null>(null);
  const [attachment, setAttachment] = useState<File | null>(null);
  const [consentForm, setConsentForm] = useState<File | null>(null);
  const [givenBy, setGivenBy] = useState<'patient' | 'legalRepresentative'>('patient');
  const [relation, setRelation] = useState('');
  const [givenOn, setGivenOn] = useState('');
  const [language, setLanguage] = useState(i18n.language.slice(0, 2));
  const [evidence, setEvidence] = useState<'attestation' | 'upload'>('attestation');
  const [confirmed, setConfirmed] = useState(false);
  const send = useMutation({
    mutationFn: async (body: NewReferralBody) => {
      const sent = await sendReferral(body);
      if (attachment) await uploadReferralFile(sent.id, 'attachment', attachment);
      if (evidence === 'upload' && consentForm) await uploadReferralFile(sent.id, 'consentForm', consentForm);
      return sent;
    },
    onSuccess: async (sent) => {
      await queryClient.invalidateQueries({ queryKey: ['referrals'] });
      await navigate({ to: '/referrals/$referralId', params: { referralId: sent.id } });
    },
  });
  const readPacket = async (file: File | null) => {
    setPacketError(null);
    setPhenopacket(null);
    if (!file) return;
    try {
      const parsed: unknown = JSON.parse(await file.text());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      setPhenopacket({ name: file.name, content: parsed as Record<string, unknown> });
    } catch {
      setPacketError(t('referrals.new.phenopacketUnreadable'));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate({
      ernId: ernId ?? '',
      diseaseGroupId: null,
      hospitalId: hospitalId ?? '',
      nickname: nickname.trim(),
      sex: (sex ?? '') as PatientSex,
      identity: { ...identity, nationalId: null },
      urgency: urgency as (typeof urgencies)[number],
      clinicalQuestion: clinicalQuestion.trim(),
      caseSummary: caseSummary.trim(),
      keyResults: keyResults.trim(),
      phenotypicFeatures: features,
      phenopacket: phenopacket?.content ?? null,
      consent: { givenBy, representativeRelation: givenBy === 'legalRepresentative' ? relation.trim() || null : null, givenOn, language, evidence, confirmed: confirmed as true },
    });
  };
  const field = (name: keyof typeof emptyIdentity) => ({
    label: t(`patients.identityField.${name}`),
    value: identity[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setIdentity({ ...identity, [name]: e.currentTarget.value }),
    required: true,
    autoComplete: 'off',
    error: fieldProblem(send.error, `identity.${name}`),
  });
  const myErns = erns.data?.erns ?? [];
  return (
    <Stack gap="md" maw="52rem">
      <div>
        <PageHeading>{t('referrals.new.title')}</PageHeading>
        <Text>{t('referrals.new.intro')}</Text>
      </div>
      {erns.error && <QueryError error={erns.error} onRetry={() => void erns.refetch()} />}
      {erns.data && myErns.length === 0 && <Alert variant="light">{t('referrals.new.noErn')}</Alert>}
      <form onSubmit={submit} noValidate aria-label={t('referrals.new.title')}>
        <Stack gap="md">
          <ProblemAlert error={send.error} title={t('referrals.new.failed')} />
          <Card withBorder padding="lg">
            <Title order={2} size="h3" mb="xs">{t('referrals.new.where')}</Title>
            <Stack gap="sm">
              <Select
                label={t('referrals.ern')}
                data={myErns.map((e) => ({ value: e.id, label: `${e.name} — ${e.field}` }))}
                value={ernId}
                onChange={(value) => {
                  setErnId(value);
                  setHospitalId(null);
                }}
                required
                error={fieldProblem(send.error, 'ernId')}
              />
              {ernId && <ErnGuidePanel ernId={ernId} hospitalId={hospitalId} onPick={setHospitalId} />}
              {fieldProblem(send.error, 'hospitalId') && <Text c="red.8" size="sm">{fieldProblem(send.error, 'hospitalId')}</Text>}
            </Stack>
          </Card>
          <Card withBorder padding="lg">
            <Title order={2} size="h3" mb="xs">{t('referrals.new.patient')}</Title>
            <Text size="sm" mb="sm">{t('referrals.new.identityHint')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('patients.nickname')} description={t('patients.new.nicknameHint')} value={nickname} onChange={(e) => setNickname(e.currentTarget.value)} required error={fieldProblem(send.error, 'nickname')} />
              <Select label={t('patients.sex')} data={sexes.map((value) => ({ value, label: t(`patients.sexValue.${value}`) }))} value={sex} onChange={setSex} required error={fieldProblem(send.error, 'sex')} />
              <TextInput {...field('givenName')} />
              <TextInput {...field('familyName')} />
              <TextInput type="date" {...field('dateOfBirth')} />
              <TextInput {...field('recordNumber')} />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="lg">
            <Title order={2} size="h3" mb="xs">{t('referrals.new.case')}</Title>
            <Stack gap="sm">
              <Select label={t('referrals.urgency')} data={urgencies.map((value) => ({ value, label: t(`referrals.urgencyValue.${value}`) }))} value={urgency} onChange={(v) => setUrgency(v ?? 'routine')} allowDeselect={false} required />
              <Textarea label={t('referrals.clinicalQuestion')} value={clinicalQuestion} onChange={(e) => setClinicalQuestion(e.currentTarget.value)} autosize minRows={2} required error={fieldProblem(send.error, 'clinicalQuestion')} />
              <Textarea label={t('referrals.caseSummary')} value={caseSummary} onChange={(e) => setCaseSummary(e.currentTarget.value)} autosize minRows={3} required error={fieldProblem(send.error, 'caseSummary')} />
              <Textarea label={t('referrals.keyResults')} value={keyResults} onChange={(e) => setKeyResults(e.currentTarget.value)} autosize minRows={2} error={fieldProblem(send.error, 'keyResults')} />
              <HpoAutocomplete onPick={(hit) => setFeatures((list) => (list.some((f) => f.id === hit.id) ? list : [...list, { id: hit.id, label: hit.label, excluded: false }]))} />
              {features.length > 0 && (
                <Group gap="xs" aria-label={t('referrals.new.featuresChosen')}>
                  {features.map((f) => (
                    <Badge key={f.id} variant="light" rightSection={<CloseButton size="xs" aria-label={t('referrals.new.removeFeature', { label: f.label })} onClick={() => setFeatures((list) => list.filter((x) => x.id !== f.id))} />}>
                      {`${f.label} (${f.id})`}
                    </Badge>
                  ))}
                </Group>
              )}
              <FileInput label={t('referrals.new.phenopacket')} description={phenopacket ? t('referrals.new.phenopacketRead', { name: phenopacket.name }) : t('referrals.new.phenopacketHint')} accept="application/json,.json" clearable clearButtonProps={{ 'aria-label': t('referrals.new.clearFile') }} onChange={(file) => void readPacket(file)} error={packetError ?? fieldProblem(send.error, 'phenopacket')} />
              <FileInput label={t('referrals.new.attachment')} description={t('referrals.new.attachmentHint')} accept="application/pdf,image/png,image/jpeg" clearable clearButtonProps={{ 'aria-label': t('referrals.new.clearFile') }} value={attachment} onChange={setAttachment} />
            </Stack>
          </Card>
          <Card withBorder padding="lg">
            <Title order={2} size="h3" mb="xs">{t('referrals.new.consent')}</Title>
            <Stack gap="sm">
              <Radio.Group label={t('consent.givenBy')} value={givenBy} onChange={(v) => setGivenBy(v === 'legalRepresentative' ? 'legalRepresentative' : 'patient')} required>
                <Group mt="xs">
                  <Radio value="patient" label={t('consent.givenByValue.patient')} />
                  <Radio value="legalRepresentative" label={t('consent.givenByValue.legalRepresentative')} />
                </Group>
              </Radio.Group>
              {givenBy === 'legalRepresentative' && <TextInput label={t('referrals.new.relation')} value={relation} onChange={(e) => setRelation(e.currentTarget.value)} required error={fieldProblem(send.error, 'consent.representativeRelation')} />}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput type="date" label={t('referrals.new.givenOn')} value={givenOn} onChange={(e) => setGivenOn(e.currentTarget.value)} required error={fieldProblem(send.error, 'consent.givenOn')} />
                <TextInput label={t('referrals.new.language')} value={language} onChange={(e) => setLanguage(e.currentTarget.value)} maxLength={2} required error={fieldProblem(send.error, 'consent.language')} />
              </SimpleGrid>
              <Radio.Group label={t('referrals.new.evidence')} value={evidence} onChange={(v) => setEvidence(v === 'upload' ? 'upload' : 'attestation')} required>
                <Group mt="xs">
                  <Radio value="attestation" label={t('referrals.new.evidenceValue.attestation')} />
                  <Radio value="upload" label={t('referrals.new.evidenceValue.upload')} />
                </Group>
              </Radio.Group>
              {evidence === 'upload' && <FileInput label={t('referrals.new.consentForm')} accept="application/pdf,image/png,image/jpeg,image/tiff" clearable clearButtonProps={{ 'aria-label': t('referrals.new.clearFile') }} value={consentForm} onChange={setConsentForm} required />}
              <Checkbox label={t('referrals.new.confirm')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} error={fieldProblem(send.error, 'consent.confirmed')} />
            </Stack>
          </Card>
          <Group>
            <Button type="submit" loading={send.isPending} disabled={!confirmed || (evidence === 'upload' && !consentForm)}>
              {t('referrals.new.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
