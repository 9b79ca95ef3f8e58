import { Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fileAccessRequest, hospitalListQuery, type RequestableRole } from '../../api/onboarding-api.ts';
import { ernListQuery } from '../../api/queries.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { hospitalBoundRoles, requestableRoles } from './requestable-roles.ts';

interface Missing {
  ernId?: boolean;
  role?: boolean;
  hospitalId?: boolean;
  justification?: boolean;
  statedHospital?: boolean;
  statedCountry?: boolean;
}

/** A network, a role, the hospital (for roles held at one) and a justification the coordinator reads. */
export function AccessRequestForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const erns = useQuery(ernListQuery);
  const hospitals = useQuery(hospitalListQuery);
  const [ernId, setErnId] = useState<string | null>(null);
  const [role, setRole] = useState<RequestableRole | null>(null);
  const [hospitalId, setHospitalId] = useState<string | null>(null);
  const [justification, setJustification] = useState('');
  const [statedHospital, setStatedHospital] = useState('');
  const [statedCountry, setStatedCountry] = useState('');
  const referrer = role === 'referrer';
  const [missing, setMissing] = useState<Missing>({});
  const needsHospital = role !== null && hospitalBoundRoles.includes(role);
  const memberHospitals = (hospitals.data?.hospitals ?? []).filter((h) => h.memberships.some((m) => m.ernId === ernId));
  const file = useMutation({
    mutationFn: fileAccessRequest,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['access-requests'] });
      await navigate({ to: '/access-requests', search: { filed: true } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const country = statedCountry.trim().toUpperCase();
    const now: Missing = { ernId: !ernId, role: !role, hospitalId: needsHospital && !hospitalId, justification: justification.trim().length < 10, statedHospital: referrer && statedHospital.trim().length < 2, statedCountry: referrer && !/^[A-Z]{2}$/.test(country) };
    setMissing(now);
    if (!ernId || !role || now.hospitalId || now.justification || now.statedHospital || now.statedCountry) return;
    file.mutate({ ernId, role, hospitalId: needsHospital ? hospitalId : null, justification: justification.trim(), statedHospital: referrer ? statedHospital.trim() : null, statedCountry: referrer ? country : null });
  };
  const problem = (field: keyof Missing, text: string) => (missing[field] ? text : fieldProblem(file.error, field));
  return (
    <form onSubmit={submit} noValidate aria-label={t('accessRequests.formLabel')}>
      <Stack gap="md" maw="40rem">
        <ProblemAlert error={file.error} title={t('accessRequests.fileFailed')} />
        <Select
          label={t('accessRequests.ern')}
          required
          searchable
          data={(erns.data?.erns ?? []).map((ern) => ({ value: ern.id, label: `${ern.name} — ${ern.field}` }))}
          value={ernId}
          onChange={(value) => {
            setErnId(value);
            setHospitalId(null);
          }}
          error={problem('ernId', t('accessRequests.ernMissing'))}
        />
        <Select
          label={t('accessRequests.role')}
          required
          data={requestableRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
          value={role}
          onChange={(value) => setRole(requestableRoles.find((r) => r === value) ?? null)}
          description={role === 'guestExpert' ? t('accessRequests.guestHint') : referrer ? t('accessRequests.referrerHint') : undefined}
          error={problem('role', t('accessRequests.roleMissing'))}
        />
        {needsHospital && (
          <Select
            label={t('accessRequests.hospital')}
            required
            searchable
            disabled={!ernId}
            description={ernId ? t('accessRequests.hospitalHint') : t('accessRequests.hospitalNeedsErn')}
            nothingFoundMessage={t('accessRequests.noMemberHospital')}
            data={memberHospitals.map((h) => ({ value: h.id, label: `${h.name}, ${h.city}` }))}
            value={hospitalId}
            onChange={setHospitalId}
            error={problem('hospitalId', t('accessRequests.hospitalMissing'))}
          />
        )}
        {referrer && (
          <>
            <TextInput label={t('accessRequests.statedHospital')} required maxLength={200} value={statedHospital} onChange={(event) => setStatedHospital(event.currentTarget.value)} error={problem('statedHospital', t('accessRequests.statedHospitalMissing'))} />
            <TextInput label={t('accessRequests.statedCountry')} description={t('accessRequests.statedCountryHint')} required maxLength={2} value={statedCountry} onChange={(event) => setStatedCountry(event.currentTarget.value)} error={problem('statedCountry', t('accessRequests.statedCountryMissing'))} />
          </>
        )}
        <Textarea
          label={t('accessRequests.justification')}
          description={t('accessRequests.justificationHint')}
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={justification}
          onChange={(event) => setJustification(event.currentTarget.value)}
          error={problem('justification', t('accessRequests.justificationMissing'))}
        />
        <Group>
          <Button type="submit" loading={file.isPending}>
            {t('accessRequests.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
