import { Button, Card, CopyButton, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDetail } from '../../api/patients-api.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { IdentityCorrectionDialog } from './identity-correction-form.tsx';
import { RequestPanelButton } from '../panels/request-panel-button.tsx';

function Fact({ label, children }: { label: string; children: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

/**
 * The platform id (big, copyable) and what is not identifying; the identity only when the server sent it
 * (the enrolling hospital's staff), who may also correct it.
 */
export function PatientHeader({ patient }: { patient: PatientDetail }) {
  const { t } = useTranslation();
  const [correcting, setCorrecting] = useState(false);
  const [status, setStatus] = useState('');
  return (
    <Stack gap="sm">
      <PageHeading>{t('patient.title', { nickname: patient.nickname })}</PageHeading>
      <Group gap="sm" align="center">
        <Text size="xl" fw={700} ff="monospace" aria-label={t('patients.platformId')}>
          {patient.patientCode}
        </Text>
        <CopyButton value={patient.patientCode}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy} aria-live="polite">
              {copied ? t('patient.copied') : t('patient.copy')}
            </Button>
          )}
        </CopyButton>
        <RequestPanelButton patient={patient} />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0}>
        <Fact label={t('patients.nickname')}>{patient.nickname}</Fact>
        <Fact label={t('patients.sex')}>{t(`patients.sexValue.${patient.sex}`)}</Fact>
        <Fact label={t('patients.yearOfBirth')}>{patient.yearOfBirth === null ? t('common.none') : String(patient.yearOfBirth)}</Fact>
        <Fact label={t('patients.hospital')}>{patient.hospitalName}</Fact>
      </SimpleGrid>
      {patient.identity && (
        <Card withBorder padding="md" component="section" aria-labelledby="identity-heading">
          <Group justify="space-between" align="center" mb="xs">
            <Title order={2} size="h4" id="identity-heading">
              {t('patients.identity')}
            </Title>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                setStatus('');
                setCorrecting(true);
              }}
            >
              {t('identityCorrection.open')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
            <Fact label={t('patients.identityField.givenName')}>{patient.identity.givenName}</Fact>
            <Fact label={t('patients.identityField.familyName')}>{patient.identity.familyName}</Fact>
            <Fact label={t('patients.identityField.dateOfBirth')}>{patient.identity.dateOfBirth}</Fact>
            <Fact label={t('patients.identityField.recordNumber')}>{patient.identity.recordNumber}</Fact>
            <Fact label={t('patients.identityField.nationalId')}>{patient.identity.nationalId ?? t('common.none')}</Fact>
          </SimpleGrid>
          <StatusMessage>{status}</StatusMessage>
          <IdentityCorrectionDialog
            patient={patient}
            opened={correcting}
            onClose={() => setCorrecting(false)}
            onCorrected={() => {
              setCorrecting(false);
              setStatus(t('identityCorrection.done'));
            }}
          />
        </Card>
      )}
    </Stack>
  );
}
