import { Autocomplete, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface TermSearch<Hit> {
  hits: Hit[];
  isError: boolean;
}

/**
 * An ontology search box (HPO terms, Orphanet disorders): debounced, the server's ranking kept as it is,
 * each suggestion shows its name, the synonym found and what `details` adds. Enter picks the highlighted
 * suggestion and never submits the surrounding form. `useSearch` is a hook: pass a module-level function.
 */
export function TermAutocomplete<Hit extends { matchedSynonym?: string | null | undefined }>(props: {
  label: string;
  hint: string;
  unavailable: string;
  useSearch: (q: string) => TermSearch<Hit>;
  optionValue: (hit: Hit) => string;
  details: (hit: Hit) => ReactNode;
  onPick: (hit: Hit) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const search = props.useSearch(q);
  const byValue = new Map(search.hits.map((hit) => [props.optionValue(hit), hit]));
  return (
    <Autocomplete
      label={props.label}
      description={search.isError ? props.unavailable : props.hint}
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
        if (hit) props.onPick(hit);
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
            {hit && props.details(hit)}
          </Stack>
        );
      }}
    />
  );
}
