import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hospital } from '../../../../src/modules/organisations/organisations.contract.ts';
import { hospitalListQuery } from '../../api/onboarding-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { MembershipsDialog } from './memberships-dialog.tsx';
import { NewHospitalForm } from './new-hospital-form.tsx';

/** Hospitals and their membership in each network; new hospitals are added here. */
export function HospitalsPage() {
  const { t } = useTranslation();
  const hospitals = useQuery(hospitalListQuery);
  const [editing, setEditing] = useState<string>();
  const [message, setMessage] = useState<string>();
  const current: Hospital | undefined = hospitals.data?.hospitals.find((h) => h.id === editing);
  return (
    <Stack gap="md">
      <div>
        <PageHeading>{t('hospitals.title')}</PageHeading>
        <Text maw="48rem">{t('hospitals.intro')}</Text>
      </div>
      <Card withBorder padding="lg" component="section" aria-labelledby="new-hospital-heading">
        <Title order={2} size="h4" id="new-hospital-heading" mb="sm">
          {t('hospitals.new')}
        </Title>
        <NewHospitalForm onCreated={(name) => setMessage(t('hospitals.created', { name }))} />
      </Card>
      <StatusMessage>{message}</StatusMessage>
      {hospitals.isPending && <LoadingState />}
      {hospitals.error && <QueryError error={hospitals.error} onRetry={() => void hospitals.refetch()} />}
      {hospitals.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>{t('hospitals.count', { count: hospitals.data.hospitals.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('hospitals.name')}</Table.Th>
                <Table.Th scope="col">{t('hospitals.place')}</Table.Th>
                <Table.Th scope="col">{t('hospitals.memberships')}</Table.Th>
                <Table.Th scope="col">{t('sessions.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hospitals.data.hospitals.map((hospital) => (
                <Table.Tr key={hospital.id}>
                  <Table.Th scope="row" fw={500}>{hospital.name}</Table.Th>
                  <Table.Td>{`${hospital.city}, ${hospital.country}`}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {hospital.memberships.map((m) => (
                        <Badge key={m.ernId} variant="light" color="clinicalBlue.9" title={t(`hospitals.type.${m.type}`)}>
                          {m.ernCode.toUpperCase()}
                          {m.type === 'affiliatedPartner' ? ` (${t('hospitals.partnerShort')})` : ''}
                        </Badge>
                      ))}
                      {hospital.memberships.length === 0 && '—'}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setEditing(hospital.id)}
                      aria-label={t('hospitals.editMembershipsOf', { name: hospital.name })}
                    >
                      {t('hospitals.editMemberships')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {current && <MembershipsDialog hospital={current} onClose={() => setEditing(undefined)} />}
    </Stack>
  );
}
