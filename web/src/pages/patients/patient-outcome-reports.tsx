import { Anchor, Card, Code, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { outcomePdfHref, patientOutcomeReportsQuery } from '../../api/outcome-reports-api.ts';
import { LoadingState } from '../../components/loading-state.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDateFormat } from '../../i18n/use-date-format.ts';

/**
 * The signed outcome reports of this patient's panels, for the enrolling hospital's staff: they reach the
 * referring clinician here, and stay here — read-only — after a withdrawal of care consent.
 */
export function PatientOutcomeReports({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const reports = useQuery(patientOutcomeReportsQuery(patientId));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="patient-outcome-reports-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="patient-outcome-reports-heading">
          {t('outcomeReport.patient.title')}
        </Title>
        {reports.isPending && <LoadingState />}
        {reports.error && <QueryError error={reports.error} onRetry={() => void reports.refetch()} />}
        {reports.data?.reports.length === 0 && <Text size="sm">{t('outcomeReport.patient.none')}</Text>}
        {reports.data && reports.data.reports.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs">
              <Table.Caption>{t('outcomeReport.patient.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('outcomeReport.patient.panel')}</Table.Th>
                  <Table.Th scope="col">{t('outcomeReport.patient.version')}</Table.Th>
                  <Table.Th scope="col">{t('outcomeReport.patient.signed')}</Table.Th>
                  <Table.Th scope="col">{t('outcomeReport.fields.conclusion')}</Table.Th>
                  <Table.Th scope="col">{t('outcomeReport.patient.pdf')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reports.data.reports.map((report) => (
                  <Table.Tr key={`${report.panelId}-${report.version}`}>
                    <Table.Th scope="row">
                      {report.panelTitle}
                      <Text size="xs">{report.ern.name}</Text>
                    </Table.Th>
                    <Table.Td>
                      {t('outcomeReport.patient.versionNumber', { version: report.version })}
                      {report.amendmentReason && <Text size="xs">{t('outcomeReport.versions.amendmentReason', { reason: report.amendmentReason })}</Text>}
                    </Table.Td>
                    <Table.Td>
                      {t('outcomeReport.patient.signedBy', { name: report.signedBy, date: format.dateTime(report.signedAt) })}
                      <Text size="xs">
                        SHA-256 <Code style={{ wordBreak: 'break-all' }}>{report.contentHash}</Code>
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap' }}>
                        {report.conclusion}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor href={outcomePdfHref(report.panelId, report.version)} download aria-label={t('outcomeReport.patient.downloadNamed', { title: report.panelTitle, version: report.version })}>
                        {t('outcomeReport.versions.download')}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
