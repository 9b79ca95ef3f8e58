import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { saveSection, type CurrentRecord, type SectionContent } from '../../api/records-api.ts';
import { fieldProblem } from '../../components/problem-alert.tsx';
import { SaveProblem } from './conflict-alert.tsx';
import { HpoAutocomplete } from './hpo-autocomplete.tsx';

type Feature = SectionContent['phenotypicFeatures'][number];

/** Edits the phenotypic features: HPO terms (picked or typed), present or excluded. Other item fields are kept. */
export function FeaturesEditor({ record, onSaved, onReload }: { record: CurrentRecord; onSaved: () => Promise<void>; onReload: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Feature[]>(() => record.content.phenotypicFeatures);
  const save = useMutation({
    mutationFn: () => saveSection(record.patientId, 'phenotypicFeatures', record.version, items),
    onSuccess: onSaved,
  });
  const update = (index: number, patch: Partial<Feature>) => setItems(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const add = (id = '', label = '') => setItems([...items, { type: { id, label }, excluded: false }]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('record.editFeatures')}>
      <Stack gap="sm">
        <SaveProblem error={save.error} onReload={onReload} />
        <HpoAutocomplete onPick={(hit) => add(hit.id, hit.label)} />
        {items.length === 0 && <Text c="dimmed">{t('record.empty')}</Text>}
        {items.map((item, index) => (
          <Group key={item.id ?? `new-${index}`} align="flex-end" wrap="wrap">
            <TextInput
              label={t('record.termId', { n: index + 1 })}
              value={item.type.id}
              onChange={(e) => update(index, { type: { ...item.type, id: e.currentTarget.value } })}
              error={fieldProblem(save.error, `content.${index}.type.id`)}
              w="10rem"
            />
            <TextInput label={t('record.termLabel', { n: index + 1 })} value={item.type.label ?? ''} onChange={(e) => update(index, { type: { ...item.type, label: e.currentTarget.value } })} miw="16rem" />
            <Checkbox label={t('record.excludedCheck')} checked={item.excluded} onChange={(e) => update(index, { excluded: e.currentTarget.checked })} mb={8} />
            <Button variant="default" onClick={() => setItems(items.filter((_, i) => i !== index))} aria-label={t('record.removeNamed', { n: index + 1 })}>
              {t('record.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => add()}>
            {t('record.addFeature')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('record.saveFeatures')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
