import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { searchByRecordNumber } from '../../api/patients-api.ts';
import { patientHospitals } from '../../auth/roles.ts';
import { useSignedInSession } from '../../auth/use-session.ts';
import { fieldProblem, ProblemAlert } from '../../components/problem-alert.tsx';
import { PatientsTable } from './patients-table.tsx';

/** Finds a patient by the hospital's record number: identifying, so sent in a POST body. */
export function RecordNumberSearch() {
  const { t } = useTranslation();
  const hospitals = patientHospitals(useSignedInSession());
  const [hospitalId, setHospitalId] = useState<string | null>(hospitals[0]?.value ?? null);
  const [recordNumber, setRecordNumber] = useState('');
  const search = useMutation({ mutationFn: searchByRecordNumber });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    search.mutate({ hospitalId: hospitalId ?? '', recordNumber: recordNumber.trim() });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('patients.byRecordNumber')}>
      <Stack gap="sm">
        <ProblemAlert error={search.error} />
        <Group align="flex-end">
          <Select label={t('patients.hospital')} data={hospitals} value={hospitalId} onChange={setHospitalId} allowDeselect={false} required />
          <TextInput
            label={t('patients.recordNumber')}
            value={recordNumber}
            onChange={(e) => setRecordNumber(e.currentTarget.value)}
            autoComplete="off"
            required
            error={fieldProblem(search.error, 'recordNumber')}
          />
          <Button type="submit" variant="default" loading={search.isPending}>
            {t('patients.find')}
          </Button>
        </Group>
        <div aria-live="polite">
          {search.data &&
            (search.data.patients.length > 0 ? (
              <PatientsTable patients={search.data.patients} caption={t('patients.foundCaption')} />
            ) : (
              <Text>{t('patients.notFound')}</Text>
            ))}
        </div>
      </Stack>
    </form>
  );
}
