import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { hpoSearchWords, hpoTerms } from '../../db/schema/index.ts';
import { normaliseText } from './normalise-text.ts';
import { matchedSynonym, prefixRange, rankedPrefixHits, shortDefinition } from './search-support.ts';
import { prefixOrCorrected, preparedVocabulary } from './search-vocabulary.ts';

export interface TermRef {
  id: string;
  label: string;
}

export interface HpoSearchHit extends TermRef {
  /** The synonym the term was found through, when it was not its label. */
  matchedSynonym: string | null;
  definition: string | null;
  parents: TermRef[];
}

/** An HPO id as people type it: "HP:0001250", "hp 0001250", "0001250". */
export const typedHpoId = (q: string): string | undefined => {
  const digits = /^(?:hp\s*:?\s*)?(\d{7})$/i.exec(q.trim())?.[1];
  return digits ? `HP:${digits}` : undefined;
};

/** The found terms (columns id, name, kind, rank) with what a suggestion shows: label, definition, parents. */
function withDetails(db: Db | Tx, found: SQL) {
  return db
    .select({
      id: hpoTerms.id,
      label: hpoTerms.label,
      definition: hpoTerms.definition,
      name: sql<string>`found.name`,
      kind: sql<string>`found.kind`,
      rank: sql<number>`found.rank`,
      parents: sql<TermRef[]>`(select coalesce(json_agg(json_build_object('id', p.id, 'label', p.label) order by p.label collate "C"), '[]'::json)
        from hpo_term_parents e join hpo_terms p on p.id = e.parent_id where e.term_id = found.id)`,
    })
    .from(sql`${found} as found`)
    .innerJoin(hpoTerms, sql`${hpoTerms.id} = found.id`)
    .orderBy(sql`found.rank, length(found.name), found.name collate "C"`);
}

/**
 * The autocomplete over the HPO's active terms, as prepared statements (named on PostgreSQL, where that
 * saves parsing and planning on every keystroke) built once per database handle.
 */
export function hpoSearch(db: Db | Tx) {
  const byPrefix = withDetails(db, rankedPrefixHits('hpo_search_keys', 'term_id')).prepare('hpo_search_prefix');
  // An alternative id (a term merged into another) finds the term it was merged into.
  const byId = withDetails(
    db,
    sql`(select t.id, t.label as name, 'label' as kind, 0 as rank from hpo_terms t
      where t.id = coalesce((select a.term_id from hpo_alt_ids a where a.alt_id = ${sql.placeholder('id')}), ${sql.placeholder('id')}) and not t.obsolete)`,
  ).prepare('hpo_search_id');
  const vocabulary = preparedVocabulary(db, hpoSearchWords, 'hpo_search');
  const byText = (query: string, limit: number) => prefixOrCorrected(query, (key) => byPrefix.execute({ ...prefixRange(key), limit }), vocabulary);

  /** Active terms for what a person typed: an HPO id (or alternative id) finds its term; text is ranked as rankedPrefixHits says. */
  return async function searchHpo(q: string, limit: number): Promise<HpoSearchHit[]> {
    const id = typedHpoId(q);
    const query = normaliseText(q);
    const found = id !== undefined ? await byId.execute({ id }) : query === '' ? [] : await byText(query, limit);
    return found.map((hit) => ({
      id: hit.id,
      label: hit.label,
      matchedSynonym: matchedSynonym(hit),
      definition: shortDefinition(hit.definition),
      parents: hit.parents,
    }));
  };
}
