import { Button, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveSection, type CurrentRecord, type GeneticTestItem, type VariantItem } from '../../api/records-api.ts';
import { ItemFieldset, optionalText, rowProblems, SectionForm, useRows } from './editor-support.tsx';
import { termText } from './record-format.ts';
import {
  classifications,
  inheritances,
  interpretationStatuses,
  structuralTypes,
  termById,
  termOptions,
  testResults,
  zygosities,
  type Classification,
  type Inheritance,
  type InterpretationStatus,
} from './record-vocabulary.ts';

const shown = new RegExp(
  '^body\\.content\\.(tests\\.\\d+\\.(name|laboratory|performedOn|result|note)' +
    '|variants\\.\\d+\\.(gene(\\..+)?|hgvs(\\.\\d+)?|label|structuralType(\\..+)?|zygosity(\\..+)?|inheritance|classification|interpretationStatus|diagnosisId|note))$',
);

/** HGVS fields left blank are not sent (a structural variant may have none). */
const withoutBlankHgvs = (variant: VariantItem): VariantItem => ({ ...variant, hgvs: variant.hgvs.filter((expression) => expression.trim() !== '') });

/**
 * Edits the genetics section: the tests performed, and the variants found (gene, HGVS expressions —
 * whose syntax the server checks, its message shown at the expression — or a structural type, zygosity,
 * inheritance, ACMG classification, interpretation and the diagnosis it bears on). VCF records and
 * other imported details are kept as they are.
 */
export function GeneticsEditor({ record, onSaved, onReload }: { record: CurrentRecord; onSaved: () => Promise<void>; onReload: () => void }) {
  const { t } = useTranslation();
  const tests = useRows<GeneticTestItem>(() => record.content.genetics.tests);
  const variants = useRows<VariantItem>(() => record.content.genetics.variants);
  const save = useMutation({
    mutationFn: (sent: { testKeys: string[]; variantKeys: string[]; content: { tests: GeneticTestItem[]; variants: VariantItem[] } }) =>
      saveSection(record.patientId, 'genetics', record.version, sent.content),
    onSuccess: onSaved,
  });
  const testProblem = rowProblems(save.error, save.variables?.testKeys, 'content.tests');
  const variantProblem = rowProblems(save.error, save.variables?.variantKeys, 'content.variants');
  const submit = () => {
    const cleaned = variants.rows.map((row) => withoutBlankHgvs(row.value));
    variants.rows.forEach((row, i) => variants.update(row.key, cleaned[i]!));
    save.mutate({ testKeys: tests.rows.map((row) => row.key), variantKeys: variants.rows.map((row) => row.key), content: { tests: tests.rows.map((row) => row.value), variants: cleaned } });
  };
  const diagnoses = record.content.diagnoses.map((d) => ({ value: d.id, label: termText(d.term) }));

  return (
    <SectionForm
      label={t('record.editGenetics')}
      error={save.error}
      shown={shown}
      onReload={onReload}
      onSubmit={submit}
      actions={
        <Button type="submit" loading={save.isPending}>
          {t('record.saveGenetics')}
        </Button>
      }
    >
      <Title order={3} size="h5">
        {t('record.geneticTests')}
      </Title>
      {tests.rows.length === 0 && <Text c="dimmed">{t('record.empty')}</Text>}
      {tests.rows.map(({ key, value, fresh }, index) => (
        <TestFields key={key} n={index + 1} test={value} fresh={fresh} problem={(field) => testProblem(key, field)} onChange={(change) => tests.update(key, change)} onRemove={() => tests.remove(key)} />
      ))}
      <Group>
        <Button variant="default" onClick={() => tests.add({ name: '' }, { fresh: true })}>
          {t('record.addTest')}
        </Button>
      </Group>
      <Title order={3} size="h5">
        {t('record.variants')}
      </Title>
      {variants.rows.length === 0 && <Text c="dimmed">{t('record.empty')}</Text>}
      {variants.rows.map(({ key, value, fresh }, index) => (
        <VariantFields
          key={key}
          n={index + 1}
          variant={value}
          fresh={fresh}
          diagnoses={diagnoses}
          problem={(field) => variantProblem(key, field)}
          onChange={(change) => variants.update(key, change)}
          onRemove={() => variants.remove(key)}
        />
      ))}
      <Group>
        <Button variant="default" onClick={() => variants.add({ hgvs: [] }, { fresh: true })}>
          {t('record.addVariant')}
        </Button>
      </Group>
    </SectionForm>
  );
}

function TestFields({ n, test, fresh, problem, onChange, onRemove }: { n: number; test: GeneticTestItem; fresh: boolean | undefined; problem: (field: string) => string | undefined; onChange: (change: Partial<GeneticTestItem>) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <ItemFieldset n={n} legend={test.name ? t('record.testLegend', { n, name: test.name }) : t('record.testN', { n })} onRemove={onRemove}>
      <Group align="flex-start" wrap="wrap" gap="sm">
        <TextInput label={t('record.testNameN', { n })} description={t('record.testNameHint')} value={test.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={problem('name')} required autoFocus={fresh} miw="18rem" />
        <TextInput label={t('record.laboratoryN', { n })} value={test.laboratory ?? ''} onChange={(e) => onChange({ laboratory: optionalText(e.currentTarget.value) })} error={problem('laboratory')} miw="12rem" />
        <TextInput label={t('record.performedOnN', { n })} description={t('record.dateHint')} value={test.performedOn ?? ''} onChange={(e) => onChange({ performedOn: optionalText(e.currentTarget.value.trim()) })} error={problem('performedOn')} w="10rem" />
        <Select
          label={t('record.testResultN', { n })}
          data={testResults.map((value) => ({ value, label: t(`record.testResult.${value}`) }))}
          value={test.result ?? null}
          onChange={(value) => onChange({ result: value ?? undefined })}
          error={problem('result')}
          clearable
          w="10rem"
        />
      </Group>
      <Textarea label={t('record.noteN', { n })} value={test.note ?? ''} onChange={(e) => onChange({ note: optionalText(e.currentTarget.value) })} error={problem('note')} autosize minRows={1} maxRows={6} />
    </ItemFieldset>
  );
}

function VariantFields({
  n,
  variant,
  fresh,
  diagnoses,
  problem,
  onChange,
  onRemove,
}: {
  n: number;
  variant: VariantItem;
  fresh: boolean | undefined;
  diagnoses: { value: string; label: string }[];
  problem: (field: string) => string | undefined;
  onChange: (change: Partial<VariantItem>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  // a variant without expressions still offers one field to type into
  const expressions = variant.hgvs.length === 0 ? [''] : variant.hgvs;
  const setExpression = (j: number, text: string) => onChange({ hgvs: expressions.map((e, i) => (i === j ? text : e)) });
  const symbol = variant.gene?.symbol ?? '';
  const linkOptions = variant.diagnosisId && !diagnoses.some((d) => d.value === variant.diagnosisId) ? [...diagnoses, { value: variant.diagnosisId, label: t('record.missingDiagnosis') }] : diagnoses;
  const title = [symbol, variant.hgvs[0] ?? variant.label].filter(Boolean).join(' ');
  return (
    <ItemFieldset n={n} legend={title ? t('record.variantLegend', { n, variant: title }) : t('record.variantN', { n })} onRemove={onRemove}>
      <Group align="flex-start" wrap="wrap" gap="sm">
        <TextInput
          label={t('record.geneN', { n })}
          description={t('record.geneHint')}
          value={symbol}
          onChange={(e) => {
            const next = e.currentTarget.value.trim();
            onChange({ gene: next === '' ? undefined : { symbol: next, hgncId: next === variant.gene?.symbol ? variant.gene.hgncId : undefined } });
          }}
          error={problem('gene.symbol') ?? problem('gene')}
          autoFocus={fresh}
          w="9rem"
        />
        <Stack gap={4} style={{ flexGrow: 1 }} miw="20rem">
          {expressions.map((expression, j) => (
            <Group key={j} align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label={j === 0 ? t('record.hgvsN', { n }) : t('record.hgvsMoreN', { n, m: j + 1 })}
                description={j === 0 ? t('record.hgvsHint') : undefined}
                value={expression}
                onChange={(e) => setExpression(j, e.currentTarget.value)}
                error={problem(`hgvs.${j}`) ?? (variant.hgvs.length === 0 ? problem('hgvs') : undefined)}
                spellCheck={false}
                autoComplete="off"
                style={{ flexGrow: 1 }}
              />
              {j > 0 && (
                <Button variant="default" size="xs" mb={4} onClick={() => onChange({ hgvs: expressions.filter((_, i) => i !== j) })} aria-label={t('record.removeHgvsNamed', { n, m: j + 1 })}>
                  {t('record.remove')}
                </Button>
              )}
            </Group>
          ))}
          {expressions.length < 10 && (
            <Group>
              <Button variant="subtle" size="xs" onClick={() => onChange({ hgvs: [...expressions, ''] })} aria-label={t('record.addHgvsNamed', { n })}>
                {t('record.addHgvs')}
              </Button>
            </Group>
          )}
        </Stack>
      </Group>
      <Group align="flex-start" wrap="wrap" gap="sm">
        <TextInput label={t('record.variantLabelN', { n })} description={t('record.variantLabelHint')} value={variant.label ?? ''} onChange={(e) => onChange({ label: optionalText(e.currentTarget.value) })} error={problem('label')} miw="16rem" />
        <Select
          label={t('record.structuralTypeN', { n })}
          data={termOptions(structuralTypes, variant.structuralType, (k) => t(`record.structuralType.${k}`))}
          value={variant.structuralType?.id ?? null}
          onChange={(id) => onChange({ structuralType: termById(structuralTypes, variant.structuralType, id) })}
          error={problem('structuralType')}
          clearable
          w="14rem"
        />
      </Group>
      <Group align="flex-start" wrap="wrap" gap="sm">
        <Select
          label={t('record.zygosityN', { n })}
          data={termOptions(zygosities, variant.zygosity, (k) => t(`record.zygosity.${k}`))}
          value={variant.zygosity?.id ?? null}
          onChange={(id) => onChange({ zygosity: termById(zygosities, variant.zygosity, id) })}
          error={problem('zygosity')}
          clearable
          w="12rem"
        />
        <EnumSelect label={t('record.inheritanceN', { n })} values={inheritances} value={variant.inheritance} name={(v) => t(`record.inheritance.${v}`)} onChange={(inheritance: Inheritance | undefined) => onChange({ inheritance })} error={problem('inheritance')} />
        <EnumSelect label={t('record.classificationN', { n })} values={classifications} value={variant.classification} name={(v) => t(`record.classification.${v}`)} onChange={(classification: Classification | undefined) => onChange({ classification })} error={problem('classification')} />
        <EnumSelect
          label={t('record.interpretationN', { n })}
          values={interpretationStatuses}
          value={variant.interpretationStatus}
          name={(v) => t(`record.interpretation.${v}`)}
          onChange={(interpretationStatus: InterpretationStatus | undefined) => onChange({ interpretationStatus })}
          error={problem('interpretationStatus')}
        />
        <Select
          label={t('record.linkedDiagnosisN', { n })}
          data={linkOptions}
          value={variant.diagnosisId ?? null}
          onChange={(id) => onChange({ diagnosisId: id ?? undefined })}
          error={problem('diagnosisId')}
          clearable
          disabled={linkOptions.length === 0}
          w="16rem"
        />
      </Group>
      {variant.vcf && <Text size="sm">{t('record.vcfKept', { assembly: variant.vcf.genomeAssembly, chrom: variant.vcf.chrom, pos: variant.vcf.pos, ref: variant.vcf.ref, alt: variant.vcf.alt })}</Text>}
      <Textarea label={t('record.noteN', { n })} value={variant.note ?? ''} onChange={(e) => onChange({ note: optionalText(e.currentTarget.value) })} error={problem('note')} autosize minRows={1} maxRows={6} />
    </ItemFieldset>
  );
}

function EnumSelect<T extends string>({ label, values, value, name, onChange, error }: { label: string; values: T[]; value: T | undefined; name: (value: T) => string; onChange: (value: T | undefined) => void; error: string | undefined }) {
  return <Select label={label} data={values.map((v) => ({ value: v, label: name(v) }))} value={value ?? null} onChange={(v) => onChange(v ?? undefined)} error={error} clearable w="13rem" />;
}
