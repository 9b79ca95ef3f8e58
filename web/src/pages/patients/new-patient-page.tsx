import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client.ts';
import { enrolPatient, type PatientSex } from '../../api/patients-api.ts';
import { patientHospitals } from '../../auth/roles.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { consentBody, ConsentFields, emptyConsentFields } from './consent-fields.tsx';

const sexes: PatientSex[] = ['female', 'male', 'other', 'unknown'];
const emptyIdentity = { givenName: '', familyName: '', dateOfBirth: '', recordNumber: '', nationalId: '' };

/** Enrols a patient of one of my hospitals, with the care consent that allows it. */
export function NewPatientPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const hospitals = patientHospitals(useSignedInSession());
  const [hospitalId, setHospitalId] = useState<string | null>(hospitals[0]?.value ?? null);
  const [nickname, setNickname] = useState('');
  const [sex, setSex] = useState<string | null>(null);
  const [identity, setIdentity] = useState(emptyIdentity);
  const [consent, setConsent] = useState(() => emptyConsentFields(i18n.language));
  const enrol = useMutation({
    mutationFn: enrolPatient,
    onSuccess: async (patient) => {
      await queryClient.invalidateQueries({ queryKey: ['patients', 'list'] });
      await navigate({ to: '/patients/$patientId', params: { patientId: patient.id } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    enrol.mutate({
      hospitalId: hospitalId ?? '',
      nickname: nickname.trim(),
      sex: (sex ?? '') as PatientSex,
      identity: { ...identity, nationalId: identity.nationalId.trim() || null },
      careConsent: consentBody(consent),
    });
  };
  const field = (name: keyof typeof emptyIdentity, required = true) => ({
    label: t(`patients.identityField.${name}`),
    value: identity[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setIdentity({ ...identity, [name]: e.currentTarget.value }),
    required,
    autoComplete: 'off',
    error: fieldProblem(enrol.error, `identity.${name}`),
  });
  const duplicate = enrol.error instanceof ApiError && enrol.error.status === 409;
  return (
    <Stack gap="md" maw="48rem">
      <div>
        <PageHeading>{t('patients.new.title')}</PageHeading>
        <Text>{t('patients.new.intro')}</Text>
      </div>
      <form onSubmit={submit} noValidate aria-label={t('patients.new.title')}>
        <Stack gap="md">
          <ProblemAlert error={enrol.error} title={duplicate ? t('patients.new.duplicate') : t('patients.new.failed')} />
          <Card withBorder padding="lg">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select label={t('patients.hospital')} data={hospitals} value={hospitalId} onChange={setHospitalId} allowDeselect={false} required error={fieldProblem(enrol.error, 'hospitalId')} />
              <TextInput label={t('patients.nickname')} description={t('patients.new.nicknameHint')} value={nickname} onChange={(e) => setNickname(e.currentTarget.value)} required error={fieldProblem(enrol.error, 'nickname')} />
              <Select label={t('patients.sex')} data={sexes.map((value) => ({ value, label: t(`patients.sexValue.${value}`) }))} value={sex} onChange={setSex} required error={fieldProblem(enrol.error, 'sex')} />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="lg">
            <Title order={2} size="h3" mb="xs">
              {t('patients.identity')}
            </Title>
            <Text size="sm" mb="sm">
              {t('patients.new.identityHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...field('givenName')} />
              <TextInput {...field('familyName')} />
              <TextInput type="date" {...field('dateOfBirth')} />
              <TextInput {...field('recordNumber')} />
              <TextInput {...field('nationalId', false)} />
            </SimpleGrid>
          </Card>
          <Card withBorder padding="lg">
            <Title order={2} size="h3" mb="sm">
              {t('patients.new.careConsent')}
            </Title>
            <ConsentFields value={consent} onChange={setConsent} error={enrol.error} prefix="careConsent." />
          </Card>
          <Group>
            <Button type="submit" loading={enrol.isPending}>
              {t('patients.new.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
