import { Button, Checkbox, Group, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hpoTermQuery, isHpoId } from '../../api/ontology-api.ts';
import { saveSection, type CurrentRecord, type SectionItem } from '../../api/records-api.ts';
import { StatusMessage } from '../../components/status-message.tsx';
import { ItemFieldset, optionalText, rowProblems, SectionForm, useRows } from './editor-support.tsx';
import { HpoAutocomplete } from './hpo-autocomplete.tsx';
import { OnsetFields } from './onset-fields.tsx';
import { termText } from './record-format.ts';
import { severityClasses, termById, termOptions } from './record-vocabulary.ts';

type Feature = SectionItem<'phenotypicFeatures'>;

/** The paths of the server's problems that a field here shows. */
const shown = /^body\.content\.\d+\.(type\.id|type\.label|excluded|onset(\..+)?|severity(\..+)?|note)$/;

/**
 * Edits the phenotypic features: HPO terms (picked from the search or typed by id, whose label is then
 * looked up), each observed or excluded, with onset, severity and a note. Other item fields (resolution,
 * modifiers) are kept as they are.
 */
export function FeaturesEditor({ record, onSaved, onReload }: { record: CurrentRecord; onSaved: () => Promise<void>; onReload: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { rows, add, update, remove } = useRows<Feature>(() => record.content.phenotypicFeatures);
  const [announcement, setAnnouncement] = useState('');
  const save = useMutation({
    mutationFn: (sent: { keys: string[]; content: Feature[] }) => saveSection(record.patientId, 'phenotypicFeatures', record.version, sent.content),
    onSuccess: onSaved,
  });
  const problem = rowProblems(save.error, save.variables?.keys);
  const submit = () => save.mutate({ keys: rows.map((row) => row.key), content: rows.map((row) => row.value) });

  const pick = (id: string, label: string) => {
    if (rows.some((row) => row.value.type.id === id)) {
      setAnnouncement(t('record.alreadyListed', { term: termText({ id, label }) }));
      return;
    }
    add({ type: { id, label }, excluded: false });
    setAnnouncement(t('record.added', { term: termText({ id, label }) }));
  };
  /** A term typed by id gets its label from the HPO release, so it is not typed twice. */
  const lookUpLabel = (key: string, feature: Feature) => {
    const id = feature.type.id.trim();
    if (!isHpoId(id) || feature.type.label) return;
    queryClient
      .fetchQuery(hpoTermQuery(id))
      .then((term) => update(key, (current) => (current.type.id.trim() === id && !current.type.label ? { ...current, type: { id: term.id, label: term.label } } : current)))
      .catch(() => undefined); // an unknown id: the server's check on save says so
  };

  return (
    <SectionForm
      label={t('record.editFeatures')}
      error={save.error}
      shown={shown}
      onReload={onReload}
      onSubmit={submit}
      actions={
        <>
          <Button variant="default" onClick={() => add({ type: { id: '', label: '' }, excluded: false }, { fresh: true })}>
            {t('record.addFeature')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('record.saveFeatures')}
          </Button>
        </>
      }
    >
      <HpoAutocomplete onPick={(hit) => pick(hit.id, hit.label)} />
      <StatusMessage>{announcement}</StatusMessage>
      {rows.length === 0 && <Text c="dimmed">{t('record.empty')}</Text>}
      {rows.map(({ key, value: feature, fresh }, index) => {
        const n = index + 1;
        return (
          <ItemFieldset key={key} n={n} legend={feature.type.id ? t('record.featureLegend', { n, term: termText(feature.type) }) : t('record.featureN', { n })} onRemove={() => remove(key)}>
            <Group align="flex-end" wrap="wrap" gap="sm">
              <TextInput
                label={t('record.termId', { n })}
                value={feature.type.id}
                onChange={(e) => update(key, { type: { ...feature.type, id: e.currentTarget.value } })}
                onBlur={() => lookUpLabel(key, feature)}
                error={problem(key, 'type.id')}
                autoFocus={fresh}
                w="10rem"
              />
              <TextInput label={t('record.termLabel', { n })} value={feature.type.label ?? ''} onChange={(e) => update(key, { type: { ...feature.type, label: e.currentTarget.value } })} error={problem(key, 'type.label')} miw="16rem" />
              <Checkbox label={t('record.excludedCheck')} checked={feature.excluded} onChange={(e) => update(key, { excluded: e.currentTarget.checked })} mb={8} />
            </Group>
            <Group align="flex-end" wrap="wrap" gap="sm">
              <OnsetFields n={n} value={feature.onset} onChange={(onset) => update(key, { onset })} problem={problem(key, 'onset', { under: true })} />
              <Select
                label={t('record.severityN', { n })}
                data={termOptions(severityClasses, feature.severity, (k) => t(`record.severityClass.${k}`))}
                value={feature.severity?.id ?? null}
                onChange={(id) => update(key, { severity: termById(severityClasses, feature.severity, id) })}
                error={problem(key, 'severity', { under: true })}
                clearable
                w="10rem"
              />
            </Group>
            <Textarea label={t('record.noteN', { n })} value={feature.note ?? ''} onChange={(e) => update(key, { note: optionalText(e.currentTarget.value) })} error={problem(key, 'note')} autosize minRows={1} maxRows={6} />
          </ItemFieldset>
        );
      })}
    </SectionForm>
  );
}
