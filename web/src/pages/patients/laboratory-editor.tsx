import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveSection, type CurrentRecord, type SectionItem } from '../../api/records-api.ts';
import { ItemFieldset, optionalText, rowProblems, SectionForm, useRows } from './editor-support.tsx';
import { comparators, type Comparator } from './record-vocabulary.ts';

type Result = SectionItem<'laboratoryResults'>;

const shown = /^body\.content\.\d+\.(analyte|loinc|comparator|value|originalText|unit|referenceRange(\..+)?|date|note)$/;
const comparatorKey = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const satisfies Record<Comparator, string>;

/** A result typed as the laboratory wrote it ("<0,5") becomes comparator "<" and value "0.5"; the text is kept. */
export function splitTypedValue(result: Result): Result {
  const typed = result.value?.trim();
  if (typed === undefined) return result;
  const parts = /^(<=|>=|≤|≥|<|>)?\s*(-?\d+)(?:[.,](\d+))?$/.exec(typed);
  if (!parts) return result;
  const [, sign, whole = '', fraction] = parts;
  const value = fraction === undefined ? whole : `${whole}.${fraction}`;
  if (!sign) return { ...result, value };
  const comparator = ({ '≤': '<=', '≥': '>=' } as Record<string, Comparator>)[sign] ?? (sign as Comparator);
  return { ...result, comparator, value, originalText: result.originalText ?? typed };
}

/** The laboratory results without the server's computed flag (it is never sent back). */
const editable = (record: CurrentRecord): Result[] => record.content.laboratoryResults.map(({ outOfRange: _flag, ...result }) => result);

/**
 * Edits the laboratory results: analyte (with an optional LOINC code), comparator, value, the text as
 * the laboratory wrote it, UCUM unit, reference range, date. The server checks LOINC syntax and UCUM
 * units and computes the out-of-range flag the summary shows. "Repeat" starts a new result of the same
 * analyte, unit and range, so a series is not typed twice.
 */
export function LaboratoryEditor({ record, onSaved, onReload }: { record: CurrentRecord; onSaved: () => Promise<void>; onReload: () => void }) {
  const { t } = useTranslation();
  const { rows, add, update, remove } = useRows<Result>(() => editable(record));
  const save = useMutation({
    mutationFn: (sent: { keys: string[]; content: Result[] }) => saveSection(record.patientId, 'laboratoryResults', record.version, sent.content),
    onSuccess: onSaved,
  });
  const problem = rowProblems(save.error, save.variables?.keys);
  const submit = () => {
    const content = rows.map((row) => splitTypedValue(row.value));
    rows.forEach((row, i) => update(row.key, content[i]!));
    save.mutate({ keys: rows.map((row) => row.key), content });
  };
  const range = (result: Result, bound: 'low' | 'high', text: string) => {
    const referenceRange = { ...result.referenceRange, [bound]: optionalText(text.trim().replace(',', '.')) };
    return referenceRange.low === undefined && referenceRange.high === undefined ? undefined : referenceRange;
  };

  return (
    <SectionForm
      label={t('record.editLaboratory')}
      error={save.error}
      shown={shown}
      onReload={onReload}
      onSubmit={submit}
      actions={
        <>
          <Button variant="default" onClick={() => add({ analyte: '' }, { fresh: true })}>
            {t('record.addLaboratory')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('record.saveLaboratory')}
          </Button>
        </>
      }
    >
      {rows.length === 0 && <Text c="dimmed">{t('record.empty')}</Text>}
      {rows.map(({ key, value: result, fresh }, index) => {
        const n = index + 1;
        return (
          <ItemFieldset
            key={key}
            n={n}
            legend={result.analyte ? t('record.resultLegend', { n, analyte: result.analyte }) : t('record.resultN', { n })}
            onRemove={() => remove(key)}
            actions={
              <Button
                variant="default"
                size="xs"
                onClick={() => add({ analyte: result.analyte, loinc: result.loinc, assay: result.assay, unit: result.unit, sourceUnit: result.sourceUnit, referenceRange: result.referenceRange }, { fresh: true })}
                aria-label={t('record.repeatResultNamed', { n })}
              >
                {t('record.repeatResult')}
              </Button>
            }
          >
            <Group align="flex-start" wrap="wrap" gap="sm">
              <TextInput label={t('record.analyteN', { n })} value={result.analyte} onChange={(e) => update(key, { analyte: e.currentTarget.value })} error={problem(key, 'analyte')} required autoFocus={fresh && result.analyte === ''} miw="14rem" />
              <TextInput label={t('record.loincN', { n })} description={t('record.loincHint')} value={result.loinc ?? ''} onChange={(e) => update(key, { loinc: optionalText(e.currentTarget.value.trim()) })} error={problem(key, 'loinc')} w="9rem" />
              <TextInput label={t('record.dateN', { n })} description={t('record.dateHint')} value={result.date ?? ''} onChange={(e) => update(key, { date: optionalText(e.currentTarget.value.trim()) })} error={problem(key, 'date')} w="10rem" />
            </Group>
            <Group align="flex-start" wrap="wrap" gap="sm">
              <Select
                label={t('record.comparatorN', { n })}
                data={comparators.map((c) => ({ value: c, label: t(`record.comparator.${comparatorKey[c]}`) }))}
                value={result.comparator ?? null}
                onChange={(c) => update(key, { comparator: c ?? undefined })}
                error={problem(key, 'comparator')}
                clearable
                w="7rem"
              />
              <TextInput
                label={t('record.valueN', { n })}
                inputMode="decimal"
                value={result.value ?? ''}
                onChange={(e) => update(key, { value: optionalText(e.currentTarget.value) })}
                onBlur={() => update(key, splitTypedValue)}
                error={problem(key, 'value')}
                autoFocus={fresh && result.analyte !== ''}
                w="8rem"
              />
              <TextInput label={t('record.unitN', { n })} description={t('record.unitHint')} value={result.unit ?? ''} onChange={(e) => update(key, { unit: optionalText(e.currentTarget.value.trim()) })} error={problem(key, 'unit')} w="9rem" />
              <TextInput label={t('record.rangeLowN', { n })} inputMode="decimal" value={result.referenceRange?.low ?? ''} onChange={(e) => update(key, { referenceRange: range(result, 'low', e.currentTarget.value) })} error={problem(key, 'referenceRange.low')} w="9rem" />
              <TextInput
                label={t('record.rangeHighN', { n })}
                inputMode="decimal"
                value={result.referenceRange?.high ?? ''}
                onChange={(e) => update(key, { referenceRange: range(result, 'high', e.currentTarget.value) })}
                error={problem(key, 'referenceRange.high') ?? problem(key, 'referenceRange')}
                w="9rem"
              />
            </Group>
            <Group align="flex-start" wrap="wrap" gap="sm">
              <TextInput label={t('record.originalTextN', { n })} description={t('record.originalTextHint')} value={result.originalText ?? ''} onChange={(e) => update(key, { originalText: optionalText(e.currentTarget.value) })} error={problem(key, 'originalText')} w="12rem" />
              <TextInput label={t('record.noteN', { n })} value={result.note ?? ''} onChange={(e) => update(key, { note: optionalText(e.currentTarget.value) })} error={problem(key, 'note')} style={{ flexGrow: 1 }} miw="14rem" />
            </Group>
          </ItemFieldset>
        );
      })}
    </SectionForm>
  );
}
