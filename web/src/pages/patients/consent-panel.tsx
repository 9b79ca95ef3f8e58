import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consentFormUrl, consentsQuery, type ConsentView } from '../../api/consent-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';
import { AttachConsentFormDialog } from './attach-consent-form-dialog.tsx';
import { NewConsentForm } from './new-consent-form.tsx';
import { WithdrawConsentDialog } from './withdraw-consent-dialog.tsx';

/**
 * The patient's consents with their history and signed forms; record a new one, attach the signed form to
 * one recorded on attestation, withdraw one (effective at once).
 */
export function ConsentPanel({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const consents = useQuery(consentsQuery(patientId));
  const [withdrawing, setWithdrawing] = useState<ConsentView | null>(null);
  const [attaching, setAttaching] = useState<ConsentView | null>(null);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="consents-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="consents-heading">
          {t('consent.title')}
        </Title>
        {consents.isPending && <LoadingState />}
        {consents.error && <QueryError error={consents.error} onRetry={() => void consents.refetch()} />}
        {consents.data && !consents.data.careConsentActive && (
          <Text c="red.9" fw={500}>
            {t('consent.noCare')}
          </Text>
        )}
        {consents.data && (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs">
              <Table.Caption>{t('consent.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('consent.kind')}</Table.Th>
                  <Table.Th scope="col">{t('consent.givenBy')}</Table.Th>
                  <Table.Th scope="col">{t('consent.givenOn')}</Table.Th>
                  <Table.Th scope="col">{t('consent.signedForm')}</Table.Th>
                  <Table.Th scope="col">{t('consent.status')}</Table.Th>
                  <Table.Th scope="col">{t('consent.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {consents.data.consents.map((consent) => (
                  <Table.Tr key={consent.id}>
                    <Table.Th scope="row">
                      {t(`consent.kindValue.${consent.kind}`)}
                      {consent.scope && ` (${consent.scope})`}
                    </Table.Th>
                    <Table.Td>
                      {consent.givenBy === 'patient' ? t('consent.givenByValue.patient') : t('consent.representative', { relation: consent.representativeRelation ?? '' })}
                    </Table.Td>
                    <Table.Td>{format.date(consent.givenOn)}</Table.Td>
                    <Table.Td>
                      {consent.evidenceAttachmentId ? (
                        <Anchor href={consentFormUrl(patientId, consent.evidenceAttachmentId)} download aria-label={t('consent.downloadSignedForm', { kind: t(`consent.kindValue.${consent.kind}`) })}>
                          {t('consent.signedFormLink')}
                        </Anchor>
                      ) : (
                        <Text size="sm">{t('consent.keptByHospital')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="filled" color={consent.active ? 'teal.9' : 'gray.8'}>
                        {consent.active ? t('consent.active') : t('consent.withdrawn', { date: consent.withdrawnOn ? format.date(consent.withdrawnOn) : '' })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {consent.evidence === 'attestation' && (
                          <Button size="xs" variant="default" onClick={() => setAttaching(consent)} aria-label={t('consent.attachNamed', { kind: t(`consent.kindValue.${consent.kind}`) })}>
                            {t('consent.attach')}
                          </Button>
                        )}
                        {consent.active && (
                          <Button size="xs" variant="default" onClick={() => setWithdrawing(consent)} aria-label={t('consent.withdrawNamed', { kind: t(`consent.kindValue.${consent.kind}`) })}>
                            {t('consent.withdraw')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Title order={3} size="h4" id="new-consent-heading">
          {t('consent.record')}
        </Title>
        <NewConsentForm patientId={patientId} />
      </Stack>
      <WithdrawConsentDialog patientId={patientId} consent={withdrawing} onClose={() => setWithdrawing(null)} />
      <AttachConsentFormDialog patientId={patientId} consent={attaching} onClose={() => setAttaching(null)} />
    </Card>
  );
}
