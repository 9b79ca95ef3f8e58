import { List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelCase } from '../../api/panels-api.ts';
import type { RecordSection } from '../../api/records-api.ts';
import { termText, useRecordFormat } from '../patients/record-format.ts';
import { offeredKey, zygosities } from '../patients/record-vocabulary.ts';

type Content = NonNullable<PanelCase['content']>;

const joined = (parts: (string | false | undefined | null)[], separator = ', ') => parts.filter((part): part is string => typeof part === 'string' && part !== '').join(separator);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Title order={4} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/**
 * The shared sections of the pinned record version, read-only — only those the panel was given (an
 * unshared section is simply absent, never shown as empty).
 */
export function CaseSections({ content, sections }: { content: Content; sections: RecordSection[] }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const none = <Text c="dimmed">{t('record.empty')}</Text>;
  const render: Record<RecordSection, () => ReactNode> = {
    history: () => {
      const history = content.history;
      if (!history || (!history.medicalHistory && !history.familyHistory)) return none;
      return (
        <>
          {history.medicalHistory && <Text style={{ whiteSpace: 'pre-wrap' }}>{history.medicalHistory}</Text>}
          {history.familyHistory && <Text style={{ whiteSpace: 'pre-wrap' }}>{t('record.familyHistoryText', { text: history.familyHistory })}</Text>}
        </>
      );
    },
    phenotypicFeatures: () =>
      content.phenotypicFeatures?.length ? (
        <List size="sm">
          {content.phenotypicFeatures.map((feature) => (
            <List.Item key={feature.id}>
              {joined(
                [termText(feature.type), feature.excluded && t('record.excluded'), feature.onset && t('record.onsetText', { onset: format.timeElement(feature.onset) }), feature.severity && (feature.severity.label ?? feature.severity.id), feature.note],
                ' — ',
              )}
            </List.Item>
          ))}
        </List>
      ) : (
        none
      ),
    laboratoryResults: () =>
      content.laboratoryResults?.length ? (
        <List size="sm">
          {content.laboratoryResults.map((result) => (
            <List.Item key={result.id}>
              {`${result.analyte}: ${joined([format.labValue(result), format.referenceRange(result.referenceRange), result.date])}`}
              {result.outOfRange && (
                <Text span fw={700} c="red.9">
                  {` — ${t(`record.outOfRange.${result.outOfRange}`)}`}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      ) : (
        none
      ),
    genetics: () => {
      const tests = content.genetics?.tests ?? [];
      const variants = content.genetics?.variants ?? [];
      if (tests.length + variants.length === 0) return none;
      return (
        <>
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
                return (
                  <List.Item key={variant.id}>
                    {joined(
                      [
                        joined([variant.gene?.symbol, ...variant.hgvs, variant.label, variant.structuralType && (variant.structuralType.label ?? variant.structuralType.id)], ' '),
                        variant.zygosity && (zygosity ? t(`record.zygosity.${zygosity}`) : (variant.zygosity.label ?? variant.zygosity.id)),
                        variant.inheritance && t(`record.inheritance.${variant.inheritance}`),
                        variant.classification && t(`record.classification.${variant.classification}`),
                      ],
                      ' — ',
                    )}
                  </List.Item>
                );
              })}
            </List>
          )}
        </>
      );
    },
    histology: () =>
      content.histology?.length ? (
        <List size="sm">
          {content.histology.map((report) => (
            <List.Item key={report.id}>{joined([joined([report.specimen, report.takenOn]), report.conclusion ?? report.findings], ': ')}</List.Item>
          ))}
        </List>
      ) : (
        none
      ),
    diagnoses: () =>
      content.diagnoses?.length ? (
        <List size="sm">
          {content.diagnoses.map((diagnosis) => (
            <List.Item key={diagnosis.id}>{`${termText(diagnosis.term)} — ${t(`record.diagnosisStatus.${diagnosis.status}`)}`}</List.Item>
          ))}
        </List>
      ) : (
        none
      ),
  };
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      {sections.map((section) => (
        <Section key={section} title={t(`record.section.${section}`)}>
          {render[section]()}
        </Section>
      ))}
    </SimpleGrid>
  );
}
