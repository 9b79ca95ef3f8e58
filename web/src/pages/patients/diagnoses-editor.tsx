import { Button, Group, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orphanetDisorderQuery } from '../../api/ontology-api.ts';
import { saveSection, type CurrentRecord, type SectionItem } from '../../api/records-api.ts';
import { StatusMessage } from '../../components/status-message.tsx';
import { ItemFieldset, optionalText, rowProblems, SectionForm, useRows } from './editor-support.tsx';
import { OrphanetAutocomplete } from './orphanet-autocomplete.tsx';
import { termText } from './record-format.ts';
import { diagnosisCodeSystems, diagnosisStatuses } from './record-vocabulary.ts';

type Diagnosis = SectionItem<'diagnoses'>;

const shown = /^body\.content\.\d+\.(term\.id|term\.label|status|note)$/;

/** Other spellings of a code system's prefix that people paste ("Orphanet:95", "ICD-10:G11.1"). */
const prefixAliases: Record<string, string> = { ORPHANET: 'ORPHA', 'ICD-10': 'ICD10', ICD: 'ICD10' };

/** "OMIM:229300" as code system and code; a code typed without a prefix keeps the chosen system. */
function splitCode(id: string): { system: string; code: string } {
  const colon = id.indexOf(':');
  if (colon < 0) return { system: '', code: id };
  const prefix = id.slice(0, colon).trim().toUpperCase();
  return { system: prefixAliases[prefix] ?? prefix, code: id.slice(colon + 1).trim() };
}

/**
 * Edits the diagnoses: found in Orphanet by name (or typed as an ORPHAcode, OMIM, ICD-10 or MONDO code,
 * which the server checks), each suspected, confirmed or excluded, with a note. An ORPHAcode typed by
 * hand gets its name from Orphanet. Other item fields (onset, resolution) are kept as they are.
 */
export function DiagnosesEditor({ record, onSaved, onReload }: { record: CurrentRecord; onSaved: () => Promise<void>; onReload: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { rows, add, update, remove } = useRows<Diagnosis>(() => record.content.diagnoses);
  const [announcement, setAnnouncement] = useState('');
  const save = useMutation({
    mutationFn: (sent: { keys: string[]; content: Diagnosis[] }) => saveSection(record.patientId, 'diagnoses', record.version, sent.content),
    onSuccess: onSaved,
  });
  const problem = rowProblems(save.error, save.variables?.keys);

  const pick = (code: string, label: string) => {
    if (rows.some((row) => row.value.term.id === code)) {
      setAnnouncement(t('record.alreadyListed', { term: termText({ id: code, label }) }));
      return;
    }
    add({ term: { id: code, label }, status: 'suspected' });
    setAnnouncement(t('record.added', { term: termText({ id: code, label }) }));
  };
  const setCode = (key: string, diagnosis: Diagnosis, system: string, code: string) => {
    const typed = splitCode(code);
    const chosen = typed.system || system;
    const rest = typed.system ? typed.code : code.trim();
    // ICD-10 codes are upper case (G11.1); the others are digits
    const id = `${chosen}:${chosen === 'ICD10' ? rest.toUpperCase() : rest}`;
    update(key, { term: { ...diagnosis.term, id } });
  };
  /** An ORPHAcode typed by hand gets Orphanet's name for it, so it is not typed twice. */
  const lookUpLabel = (key: string, diagnosis: Diagnosis) => {
    const id = diagnosis.term.id;
    if (diagnosis.term.label || !/^ORPHA:\d{1,7}$/.test(id)) return;
    queryClient
      .fetchQuery(orphanetDisorderQuery(id))
      .then((disorder) => update(key, (current) => (current.term.id === id && !current.term.label ? { ...current, term: { id, label: disorder.label } } : current)))
      .catch(() => undefined); // not loaded: the label stays for the person to give
  };

  return (
    <SectionForm
      label={t('record.editDiagnoses')}
      error={save.error}
      shown={shown}
      onReload={onReload}
      onSubmit={() => save.mutate({ keys: rows.map((row) => row.key), content: rows.map((row) => row.value) })}
      actions={
        <>
          <Button variant="default" onClick={() => add({ term: { id: 'ORPHA:', label: '' }, status: 'suspected' }, { fresh: true })}>
            {t('record.addDiagnosisByCode')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('record.saveDiagnoses')}
          </Button>
        </>
      }
    >
      <OrphanetAutocomplete onPick={(hit) => pick(hit.code, hit.label)} />
      <StatusMessage>{announcement}</StatusMessage>
      {rows.length === 0 && <Text c="dimmed">{t('record.empty')}</Text>}
      {rows.map(({ key, value: diagnosis, fresh }, index) => {
        const n = index + 1;
        const { system, code } = splitCode(diagnosis.term.id);
        const systems: string[] = [...diagnosisCodeSystems];
        const systemOptions = systems.map((s) => ({ value: s, label: t(`record.codeSystem.${s as (typeof diagnosisCodeSystems)[number]}`) }));
        if (system && !systems.includes(system)) systemOptions.push({ value: system, label: system });
        const complete = code !== '';
        return (
          <ItemFieldset key={key} n={n} legend={complete ? t('record.diagnosisLegend', { n, term: termText(diagnosis.term) }) : t('record.diagnosisN', { n })} onRemove={() => remove(key)}>
            <Group align="flex-start" wrap="wrap" gap="sm">
              <Select label={t('record.codeSystemN', { n })} data={systemOptions} value={system || null} allowDeselect={false} onChange={(s) => update(key, { term: { ...diagnosis.term, id: `${s ?? ''}:${code}` } })} w="12rem" />
              <TextInput
                label={t('record.codeN', { n })}
                description={t('record.codeNumberHint')}
                value={code}
                onChange={(e) => setCode(key, diagnosis, system, e.currentTarget.value)}
                onBlur={() => lookUpLabel(key, diagnosis)}
                error={problem(key, 'term.id')}
                autoFocus={fresh}
                w="10rem"
              />
              <TextInput label={t('record.termLabel', { n })} value={diagnosis.term.label ?? ''} onChange={(e) => update(key, { term: { ...diagnosis.term, label: e.currentTarget.value } })} error={problem(key, 'term.label')} miw="16rem" style={{ flexGrow: 1 }} />
              <Select
                label={t('record.statusN', { n })}
                data={diagnosisStatuses.map((value) => ({ value, label: t(`record.diagnosisStatus.${value}`) }))}
                value={diagnosis.status}
                allowDeselect={false}
                onChange={(value) => update(key, { status: value ?? 'suspected' })}
                error={problem(key, 'status')}
                w="10rem"
              />
            </Group>
            <Textarea label={t('record.noteN', { n })} value={diagnosis.note ?? ''} onChange={(e) => update(key, { note: optionalText(e.currentTarget.value) })} error={problem(key, 'note')} autosize minRows={1} maxRows={6} />
          </ItemFieldset>
        );
      })}
    </SectionForm>
  );
}
