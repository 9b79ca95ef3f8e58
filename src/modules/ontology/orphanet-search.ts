import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { orphanetDisorders, orphanetSearchWords } from '../../db/schema/index.ts';
import { normaliseText } from './normalise-text.ts';
import { matchedSynonym, prefixRange, rankedPrefixHits } from './search-support.ts';
import { prefixOrCorrected, preparedVocabulary } from './search-vocabulary.ts';

export interface OrphanetSearchHit {
  /** "ORPHA:95". */
  code: string;
  label: string;
  disorderType: string;
  matchedSynonym: string | null;
}

export const orphaCode = (code: number): string => `ORPHA:${code}`;

/** An ORPHAcode as people type it: "ORPHA:95", "orpha 95", "95". */
export const typedOrphaCode = (q: string): number | undefined => {
  const digits = /^(?:orpha\s*:?\s*)?(\d{1,7})$/i.exec(q.trim())?.[1];
  return digits ? Number(digits) : undefined;
};

function withDetails(db: Db | Tx, found: SQL) {
  return db
    .select({
      code: orphanetDisorders.code,
      label: orphanetDisorders.label,
      disorderType: orphanetDisorders.disorderType,
      name: sql<string>`found.name`,
      kind: sql<string>`found.kind`,
      rank: sql<number>`found.rank`,
    })
    .from(sql`${found} as found`)
    .innerJoin(orphanetDisorders, sql`${orphanetDisorders.code} = found.id`)
    .orderBy(sql`found.rank, length(found.name), found.name collate "C"`);
}

/** Search over Orphanet's active disorders by name, synonym or ORPHAcode; prepared once per database handle. */
export function orphanetSearch(db: Db | Tx) {
  const byPrefix = withDetails(db, rankedPrefixHits('orphanet_search_keys', 'code')).prepare('orphanet_search_prefix');
  const byCode = withDetails(
    db,
    sql`(select d.code as id, d.label as name, 'label' as kind, 0 as rank from orphanet_disorders d where d.code = ${sql.placeholder('code')} and d.active)`,
  ).prepare('orphanet_search_code');
  const vocabulary = preparedVocabulary(db, orphanetSearchWords, 'orphanet_search');

  return async function searchOrphanet(q: string, limit: number): Promise<OrphanetSearchHit[]> {
    const code = typedOrphaCode(q);
    const query = normaliseText(q);
    const found =
      code !== undefined
        ? await byCode.execute({ code })
        : query === ''
          ? []
          : await prefixOrCorrected(query, (key) => byPrefix.execute({ ...prefixRange(key), limit }), vocabulary);
    return found.map((hit) => ({ code: orphaCode(hit.code), label: hit.label, disorderType: hit.disorderType, matchedSynonym: matchedSynonym(hit) }));
  };
}
