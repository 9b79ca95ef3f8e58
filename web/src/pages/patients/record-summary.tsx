import type { ReactNode } from 'react';
import { List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CurrentRecord } from '../../api/records-api.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The case record read-only: each section in brief. */
export function RecordSummary({ record }: { record: CurrentRecord }) {
  const { t } = useTranslation();
  const { content } = record;
  const none = <Text c="dimmed">{t('record.empty')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Section title={t('record.section.history')}>
        {content.history.medicalHistory || content.history.familyHistory ? (
          <>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{content.history.medicalHistory}</Text>
            {content.history.familyHistory && <Text style={{ whiteSpace: 'pre-wrap' }}>{t('record.familyHistoryText', { text: content.history.familyHistory })}</Text>}
          </>
        ) : (
          none
        )}
      </Section>
      <Section title={t('record.section.phenotypicFeatures')}>
        {content.phenotypicFeatures.length === 0
          ? none
          : (
              <List size="sm">
                {content.phenotypicFeatures.map((feature) => (
                  <List.Item key={feature.id}>
                    {`${feature.type.label ?? ''} (${feature.type.id})`}
                    {feature.excluded && ` — ${t('record.excluded')}`}
                  </List.Item>
                ))}
              </List>
            )}
      </Section>
      <Section title={t('record.section.diagnoses')}>
        {content.diagnoses.length === 0
          ? none
          : (
              <List size="sm">
                {content.diagnoses.map((diagnosis) => (
                  <List.Item key={diagnosis.id}>{`${diagnosis.term.label ?? ''} (${diagnosis.term.id}) — ${t(`record.diagnosisStatus.${diagnosis.status}`)}`}</List.Item>
                ))}
              </List>
            )}
      </Section>
      <Section title={t('record.otherSections')}>
        <Text size="sm">
          {t('record.counts', {
            laboratory: content.laboratoryResults.length,
            tests: content.genetics.tests.length,
            variants: content.genetics.variants.length,
            histology: content.histology.length,
          })}
        </Text>
      </Section>
    </SimpleGrid>
  );
}
