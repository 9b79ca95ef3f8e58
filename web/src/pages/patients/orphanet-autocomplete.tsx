import { Autocomplete, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orphanetSearchQuery, type OrphanetSearchHit } from '../../api/ontology-api.ts';

const optionValue = (hit: OrphanetSearchHit) => `${hit.label} (${hit.code})`;

/**
 * Finds an Orphanet disorder by name, synonym or ORPHAcode; each suggestion shows its name and code,
 * the synonym found and the kind of entry (disease, group, subtype). Enter picks the highlighted
 * suggestion and never submits the surrounding form.
 */
export function OrphanetAutocomplete({ onPick }: { onPick: (hit: OrphanetSearchHit) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const search = useQuery(orphanetSearchQuery(q));
  const hits = search.data?.disorders ?? [];
  const byValue = new Map(hits.map((hit) => [optionValue(hit), hit]));
  return (
    <Autocomplete
      label={t('record.orphanetSearch')}
      description={search.isError ? t('record.orphanetUnavailable') : t('record.orphanetSearchHint')}
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
            {hit?.matchedSynonym && <Text size="xs">{t('record.matchedSynonym', { synonym: hit.matchedSynonym })}</Text>}
            {hit && (
              <Text size="xs" c="dimmed">
                {hit.disorderType}
              </Text>
            )}
          </Stack>
        );
      }}
    />
  );
}
