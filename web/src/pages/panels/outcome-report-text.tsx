import { List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutcomeReportDraft } from '../../api/outcome-reports-api.ts';

/** A block of the report's text, kept as the lead wrote it (paragraphs and line breaks). */
function Block({ title, text, order }: { title: string; text: string; order: 4 | 5 }) {
  const { t } = useTranslation();
  return (
    <div>
      <Title order={order} size="h6">
        {title}
      </Title>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text.trim() === '' ? t('common.none') : text}
      </Text>
    </div>
  );
}

/** What a version says (a draft, or the signed content): read-only. */
export function OutcomeReportText({ text, headingOrder }: { text: OutcomeReportDraft; headingOrder: 4 | 5 }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Block title={t('outcomeReport.fields.summary')} text={text.summary} order={headingOrder} />
      <Block title={t('outcomeReport.fields.conclusion')} text={text.conclusion} order={headingOrder} />
      <div>
        <Title order={headingOrder} size="h6">
          {t('outcomeReport.fields.diagnoses')}
        </Title>
        {text.diagnoses.length === 0 ? (
          <Text size="sm">{t('common.none')}</Text>
        ) : (
          <List size="sm">
            {text.diagnoses.map((d) => (
              <List.Item key={`${d.code}-${d.label}`}>{t('outcomeReport.diagnosisLine', { label: d.label, code: d.code, status: t(`outcomeReport.diagnosisStatus.${d.status}`) })}</List.Item>
            ))}
          </List>
        )}
      </div>
      <Block title={t('outcomeReport.fields.investigations')} text={text.recommendations.investigations} order={headingOrder} />
      <Block title={t('outcomeReport.fields.treatment')} text={text.recommendations.treatment} order={headingOrder} />
      <Block title={t('outcomeReport.fields.followUp')} text={text.recommendations.followUp} order={headingOrder} />
    </Stack>
  );
}
