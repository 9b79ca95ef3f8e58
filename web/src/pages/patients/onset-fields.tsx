import { Group, Select, Text, TextInput } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hpoTermQuery } from '../../api/ontology-api.ts';
import type { OntologyTerm, TimeElement } from '../../api/records-api.ts';
import { useRecordFormat } from './record-format.ts';

/** HP:0003674 Onset: its subclasses (and theirs) are the onset classes offered. */
const ONSET = 'HP:0003674';

/** The onset classes in the order of a life (HPO lists them alphabetically); others follow by label. */
const lifeOrder = [
  'HP:0030674', 'HP:0011460', 'HP:0011461', 'HP:0003577', 'HP:0003623', 'HP:0410280', 'HP:0003593', 'HP:0011463',
  'HP:0003621', 'HP:0003581', 'HP:0011462', 'HP:0003596', 'HP:0003584', 'HP:4000040',
];
const byLife = (a: OntologyTerm, b: OntologyTerm) => {
  const rank = (term: OntologyTerm) => (lifeOrder.includes(term.id) ? lifeOrder.indexOf(term.id) : lifeOrder.length);
  return rank(a) - rank(b) || (a.label ?? '').localeCompare(b.label ?? '');
};

/** The children of HP:0003674 Onset and their children, from the loaded HPO release. */
function useOnsetClasses() {
  const root = useQuery(hpoTermQuery(ONSET));
  const children = [...(root.data?.children ?? [])].sort(byLife);
  const grandchildren = useQueries({ queries: children.map((child) => hpoTermQuery(child.id)) });
  const classes = children.flatMap((child, i) => [
    { term: child, depth: 0 },
    ...[...(grandchildren[i]?.data?.children ?? [])].sort(byLife).map((term) => ({ term, depth: 1 })),
  ]);
  return { classes, isError: root.isError };
}

type Form = 'none' | 'age' | 'ageRange' | 'ontologyClass' | 'kept';
const YEARS_MONTHS = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?$/;

interface Draft {
  form: Form;
  years: string;
  months: string;
  toYears: string;
  toMonths: string;
  onsetClass: OntologyTerm | undefined;
}

function yearsMonths(iso: string | undefined): { years: string; months: string } | undefined {
  const parts = iso === undefined ? undefined : YEARS_MONTHS.exec(iso);
  return parts ? { years: parts[1] ?? '', months: parts[2] ?? '' } : undefined;
}

/** The form an onset is edited in; a form this editor does not offer (a timestamp, weeks) is kept as it came. */
function draftOf(onset: TimeElement | undefined): Draft {
  const draft: Draft = { form: 'none', years: '', months: '', toYears: '', toMonths: '', onsetClass: undefined };
  if (onset === undefined) return draft;
  if ('age' in onset) {
    const age = yearsMonths(onset.age.iso8601duration);
    return age ? { ...draft, form: 'age', ...age } : { ...draft, form: 'kept' };
  }
  if ('ageRange' in onset) {
    const from = yearsMonths(onset.ageRange.start.iso8601duration);
    const to = yearsMonths(onset.ageRange.end.iso8601duration);
    return from && to ? { ...draft, form: 'ageRange', ...from, toYears: to.years, toMonths: to.months } : { ...draft, form: 'kept' };
  }
  if ('ontologyClass' in onset) return { ...draft, form: 'ontologyClass', onsetClass: onset.ontologyClass };
  return { ...draft, form: 'kept' };
}

/** P3Y6M from "3" and "6"; "P" (which the server refuses, so the person is told) when both are blank. */
const duration = (years: string, months: string) => `P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}`;

function valueOf(draft: Draft, kept: TimeElement | undefined): TimeElement | undefined {
  switch (draft.form) {
    case 'none':
      return undefined;
    case 'age':
      return { age: { iso8601duration: duration(draft.years, draft.months) } };
    case 'ageRange':
      return { ageRange: { start: { iso8601duration: duration(draft.years, draft.months) }, end: { iso8601duration: duration(draft.toYears, draft.toMonths) } } };
    case 'ontologyClass':
      return { ontologyClass: draft.onsetClass ?? { id: '' } };
    case 'kept':
      return kept;
  }
}

const digits = (text: string) => text.replace(/\D/g, '').slice(0, 4);

/**
 * The onset of a phenotypic feature: an age (years and months, stored as an ISO 8601 duration), an age
 * range, or an HPO onset class. `problem` is the server's word on it; the message shown names what to give.
 */
export function OnsetFields({ n, value, onChange, problem }: { n: number; value: TimeElement | undefined; onChange: (value: TimeElement | undefined) => void; problem: string | undefined }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const [initial] = useState(value);
  const [draft, setDraft] = useState(() => draftOf(value));
  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    onChange(valueOf(next, initial));
  };
  const forms: { value: Form; label: string }[] = [
    { value: 'none', label: t('record.onsetForm.none') },
    { value: 'age', label: t('record.onsetForm.age') },
    { value: 'ageRange', label: t('record.onsetForm.ageRange') },
    { value: 'ontologyClass', label: t('record.onsetForm.ontologyClass') },
  ];
  if (draftOf(initial).form === 'kept' && initial) forms.push({ value: 'kept', label: t('record.onsetForm.kept', { onset: format.timeElement(initial) }) });
  // the server speaks of ISO 8601 durations and codes; the person entered years, months or a class
  const said: Record<Form, string | undefined> = { none: problem, kept: problem, age: t('record.onsetProblem.age'), ageRange: t('record.onsetProblem.ageRange'), ontologyClass: t('record.onsetProblem.ontologyClass') };
  const shownProblem = problem && said[draft.form];
  const number = (field: 'years' | 'months' | 'toYears' | 'toMonths', label: string, name: string) => (
    <TextInput label={label} aria-label={name} inputMode="numeric" value={draft[field]} onChange={(e) => change({ [field]: digits(e.currentTarget.value) })} w="6.5rem" />
  );
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Select
        label={t('record.onsetN', { n })}
        data={forms}
        value={draft.form}
        allowDeselect={false}
        onChange={(form) => change({ form: form ?? 'none' })}
        error={shownProblem}
        w="13rem"
      />
      {draft.form === 'age' && (
        <>
          {number('years', t('record.years'), t('record.onsetAgeYears', { n }))}
          {number('months', t('record.months'), t('record.onsetAgeMonths', { n }))}
        </>
      )}
      {draft.form === 'ageRange' && (
        <>
          {number('years', t('record.fromYears'), t('record.onsetFromYears', { n }))}
          {number('months', t('record.fromMonths'), t('record.onsetFromMonths', { n }))}
          {number('toYears', t('record.toYears'), t('record.onsetToYears', { n }))}
          {number('toMonths', t('record.toMonths'), t('record.onsetToMonths', { n }))}
        </>
      )}
      {draft.form === 'ontologyClass' && <OnsetClassSelect n={n} value={draft.onsetClass} onChange={(onsetClass) => change({ onsetClass })} />}
    </Group>
  );
}

function OnsetClassSelect({ n, value, onChange }: { n: number; value: OntologyTerm | undefined; onChange: (term: OntologyTerm | undefined) => void }) {
  const { t } = useTranslation();
  const { classes, isError } = useOnsetClasses();
  const offered = value && !classes.some((c) => c.term.id === value.id) ? [...classes, { term: value, depth: 0 }] : classes;
  const depthOf = new Map(offered.map((c) => [c.term.id, c.depth]));
  return (
    <Select
      label={t('record.onsetClassN', { n })}
      description={isError ? t('record.onsetClassesUnavailable') : undefined}
      data={offered.map((c) => ({ value: c.term.id, label: c.term.label ?? c.term.id }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(offered.find((c) => c.term.id === id)?.term)}
      searchable
      w="14rem"
      renderOption={({ option }) => <Text size="sm" pl={depthOf.get(option.value) ? 'md' : 0}>{option.label}</Text>}
    />
  );
}
