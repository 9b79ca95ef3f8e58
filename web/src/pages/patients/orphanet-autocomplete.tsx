import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { orphanetSearchQuery, type OrphanetSearchHit } from '../../api/ontology-api.ts';
import { TermAutocomplete } from './term-autocomplete.tsx';

function useOrphanetSearch(q: string) {
  const search = useQuery(orphanetSearchQuery(q));
  return { hits: search.data?.disorders ?? [], isError: search.isError };
}

/**
 * Finds an Orphanet disorder by name, synonym or ORPHAcode; each suggestion shows its name and code,
 * the synonym found and the kind of entry (disease, group, subtype).
 */
export function OrphanetAutocomplete({ onPick }: { onPick: (hit: OrphanetSearchHit) => void }) {
  const { t } = useTranslation();
  return (
    <TermAutocomplete
      label={t('record.orphanetSearch')}
      hint={t('record.orphanetSearchHint')}
      unavailable={t('record.orphanetUnavailable')}
      useSearch={useOrphanetSearch}
      optionValue={(hit) => `${hit.label} (${hit.code})`}
      onPick={onPick}
      details={(hit) => (
        <Text size="xs" c="dimmed">
          {hit.disorderType}
        </Text>
      )}
    />
  );
}
