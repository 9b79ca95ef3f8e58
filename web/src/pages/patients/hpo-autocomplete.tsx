import { Autocomplete, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hpoSearchQuery, type HpoSearchHit } from '../../api/ontology-api.ts';

const optionValue = (hit: HpoSearchHit) => `${hit.label} (${hit.id})`;

/**
 * Finds an HPO term by label or synonym; each suggestion shows its label, the synonym found, the
 * definition and the parents (to tell apart terms of the same name in different branches). Enter picks
 * the highlighted suggestion and never submits the surrounding form.
 */
export function HpoAutocomplete({ onPick }: { onPick: (hit: HpoSearchHit) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const search = useQuery(hpoSearchQuery(q));
  const hits = search.data?.terms ?? [];
  const byValue = new Map(hits.map((hit) => [optionValue(hit), hit]));
  return (
    <Autocomplete
      label={t('record.hpoSearch')}
      description={search.isError ? t('record.hpoUnavailable') : t('record.hpoSearchHint')}
      value={text}
      onChange={setText}
      data={[...byValue.keys()]}
      filter={({ options }) => options}
      limit={10}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault();
      }}
      onOptionSubmit={(value) => {
        const hit = byValue.get(value);
        if (hit) onPick(hit);
        setText('');
      }}
      renderOption={({ option }) => {
        const hit = byValue.get(option.value);
        return (
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {option.value}
            </Text>
            {hit?.matchedSynonym && (
              <Text size="xs">{t('record.matchedSynonym', { synonym: hit.matchedSynonym })}</Text>
            )}
            {hit?.definition && (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {hit.definition}
              </Text>
            )}
            {hit && hit.parents.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('record.parents', { parents: hit.parents.map((parent) => parent.label).join(', ') })}
              </Text>
            )}
          </Stack>
        );
      }}
    />
  );
}
