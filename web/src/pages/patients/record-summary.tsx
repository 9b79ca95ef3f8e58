import type { ReactNode } from 'react';
import { List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CurrentRecord, LaboratoryResultView } from '../../api/records-api.ts';
import { termText, useRecordFormat } from './record-format.ts';
import { offeredKey, zygosities } from './record-vocabulary.ts';

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

/** Parts of an item's line that are present, joined. */
const joined = (parts: (string | false | undefined | null)[], separator = ', ') => parts.filter((part): part is string => typeof part === 'string' && part !== '').join(separator);

/** The server's out-of-range flag, said in words and marked in the error colour (never by colour alone). */
function OutOfRangeFlag({ flag }: { flag: LaboratoryResultView['outOfRange'] }) {
  const { t } = useTranslation();
  if (flag === null) return null;
  return (
    <Text span fw={700} c="red.9">
      {` — ${t(`record.outOfRange.${flag}`)}`}
    </Text>
  );
}

/** The case record read-only: each section in brief. */
export function RecordSummary({ record }: { record: CurrentRecord }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const { content } = record;
  const none = <Text c="dimmed">{t('record.empty')}</Text>;
  const { tests, variants } = content.genetics;
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
        {content.phenotypicFeatures.length === 0 ? (
          none
        ) : (
          <List size="sm">
            {content.phenotypicFeatures.map((feature) => (
              <List.Item key={feature.id}>
                {termText(feature.type)}
                {feature.excluded && ` — ${t('record.excluded')}`}
                {(feature.onset || feature.severity) &&
                  ` — ${joined([feature.onset && t('record.onsetText', { onset: format.timeElement(feature.onset) }), feature.severity && (feature.severity.label ?? feature.severity.id)])}`}
                {feature.note && ` — ${feature.note}`}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t('record.section.laboratoryResults')}>
        {content.laboratoryResults.length === 0 ? (
          none
        ) : (
          <List size="sm">
            {content.laboratoryResults.map((result) => (
              <List.Item key={result.id}>
                {`${result.analyte}${result.loinc ? ` (LOINC ${result.loinc})` : ''}: ${joined([format.labValue(result), format.referenceRange(result.referenceRange), result.date])}`}
                <OutOfRangeFlag flag={result.outOfRange} />
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t('record.section.genetics')}>
        {tests.length === 0 && variants.length === 0 && none}
        {tests.length > 0 && (
          <List size="sm" aria-label={t('record.geneticTests')}>
            {tests.map((test) => (
              <List.Item key={test.id}>{joined([test.name, test.result && t(`record.testResult.${test.result}`), test.performedOn, test.laboratory])}</List.Item>
            ))}
          </List>
        )}
        {variants.length > 0 && (
          <List size="sm" aria-label={t('record.variants')}>
            {variants.map((variant) => {
              const zygosity = offeredKey(zygosities, variant.zygosity);
              const described = joined([variant.gene?.symbol, ...variant.hgvs, variant.label, variant.structuralType && (variant.structuralType.label ?? variant.structuralType.id)], ' ');
              return (
                <List.Item key={variant.id}>
                  {joined(
                    [
                      described,
                      variant.zygosity && (zygosity ? t(`record.zygosity.${zygosity}`) : (variant.zygosity.label ?? variant.zygosity.id)),
                      variant.inheritance && t(`record.inheritance.${variant.inheritance}`),
                      variant.classification && t(`record.classification.${variant.classification}`),
                      variant.interpretationStatus && t(`record.interpretation.${variant.interpretationStatus}`),
                    ],
                    ' — ',
                  )}
                </List.Item>
              );
            })}
          </List>
        )}
      </Section>
      <Section title={t('record.section.histology')}>
        {content.histology.length === 0 ? (
          none
        ) : (
          <List size="sm">
            {content.histology.map((report) => (
              <List.Item key={report.id}>{joined([joined([report.specimen, report.takenOn]), report.conclusion ?? report.findings], ': ')}</List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t('record.section.diagnoses')}>
        {content.diagnoses.length === 0 ? (
          none
        ) : (
          <List size="sm">
            {content.diagnoses.map((diagnosis) => (
              <List.Item key={diagnosis.id}>{`${termText(diagnosis.term)} — ${t(`record.diagnosisStatus.${diagnosis.status}`)}`}</List.Item>
            ))}
          </List>
        )}
      </Section>
    </SimpleGrid>
  );
}
