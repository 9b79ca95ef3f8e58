import { Code, Table } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../api/patients-api.ts';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/** Patients, pseudonymised: platform id, nickname and what is not identifying. */
export function PatientsTable({ patients, caption }: { patients: PatientSummary[]; caption: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('patients.platformId')}</Table.Th>
            <Table.Th scope="col">{t('patients.nickname')}</Table.Th>
            <Table.Th scope="col">{t('patients.sex')}</Table.Th>
            <Table.Th scope="col">{t('patients.yearOfBirth')}</Table.Th>
            <Table.Th scope="col">{t('patients.hospital')}</Table.Th>
            <Table.Th scope="col">{t('patients.enrolled')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((patient) => (
            <Table.Tr key={patient.id}>
              <Table.Th scope="row">
                <Link to="/patients/$patientId" params={{ patientId: patient.id }} aria-label={t('patients.open', { code: patient.patientCode, nickname: patient.nickname })}>
                  <Code>{patient.patientCode}</Code>
                </Link>
              </Table.Th>
              <Table.Td>{patient.nickname}</Table.Td>
              <Table.Td>{t(`patients.sexValue.${patient.sex}`)}</Table.Td>
              <Table.Td>{patient.yearOfBirth ?? t('common.none')}</Table.Td>
              <Table.Td>{patient.hospitalName}</Table.Td>
              <Table.Td>{format.date(patient.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
