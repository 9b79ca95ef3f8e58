import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hpoSearchQuery, type HpoSearchHit } from '../../api/ontology-api.ts';
import { TermAutocomplete } from './term-autocomplete.tsx';

function useHpoSearch(q: string) {
  const search = useQuery(hpoSearchQuery(q));
  return { hits: search.data?.terms ?? [], isError: search.isError };
}

/**
 * Finds an HPO term by label or synonym; each suggestion shows its label, the synonym found, the
 * definition and the parents (to tell apart terms of the same name in different branches).
 */
export function HpoAutocomplete({ onPick }: { onPick: (hit: HpoSearchHit) => void }) {
  const { t } = useTranslation();
  return (
    <TermAutocomplete
      label={t('record.hpoSearch')}
      hint={t('record.hpoSearchHint')}
      unavailable={t('record.hpoUnavailable')}
      useSearch={useHpoSearch}
      optionValue={(hit) => `${hit.label} (${hit.id})`}
      onPick={onPick}
      details={(hit) => (
        <>
          {hit.definition && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {hit.definition}
            </Text>
          )}
          {hit.parents.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('record.parents', { parents: hit.parents.map((parent) => parent.label).join(', ') })}
            </Text>
          )}
        </>
      )}
    />
  );
}
