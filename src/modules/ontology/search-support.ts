import { sql, type SQL } from 'drizzle-orm';

// What the HPO and Orphanet searches share: the prefix range over a keys table, and its ranking.

/** How many keys a prefix scan reads, at most: enough to rank well, few enough to stay fast for "a". */
export const PREFIX_SCAN_ROWS = 200;

/** Candidates for a typo correction, from which edit distance picks (typo-correction.ts). */
export const SIMILAR_WORDS = 5;

/** Ranks of a typo-corrected query's hits come after those of anything found as typed. */
export const CORRECTED_RANK_OFFSET = 5;

/**
 * The range [key, upper) of all keys starting with `key`, in byte order (the text_pattern_ops index):
 * `upper` is `key` with its last character's code point raised by one.
 */
export function prefixRange(key: string): { key: string; upper: string } {
  const last = key.codePointAt(key.length - 1) ?? 0;
  const head = key.slice(0, key.length - (last > 0xffff ? 2 : 1));
  return { key, upper: head + String.fromCodePoint(last + 1) };
}

/**
 * Ranked entries whose keys start with the `key` placeholder (columns id, name, kind, rank), from a keys
 * table with columns (<idColumn>, key, name, kind): the first PREFIX_SCAN_ROWS keys in index order, each
 * entry once by its best key, the best `limit` entries. Ranks: 0 exact label, 1 exact synonym (the person
 * typed a whole name), 2 label prefix, 3 a later word of the label, 4 a synonym's prefix or later word;
 * then shorter names first. Ranking happens here, not in JavaScript: PGlite hands rows to JavaScript
 * slowly, so only the final few rows should cross.
 */
export function rankedPrefixHits(keysTable: string, idColumn: string): SQL {
  const key = sql.placeholder('key');
  const rank = sql`case when kind = 'label' then (case when key = ${key} then 0 else 2 end)
    when kind = 'labelWord' then 3 when kind = 'synonymWord' then 4 when key = ${key} then 1 else 4 end`;
  const order = sql.raw(`rank, length(name), name collate "C"`);
  return sql`(select * from (
      select distinct on (id) id, name, kind, ${rank} as rank
      from (
        select ${sql.identifier(idColumn)} as id, key, name, kind from ${sql.identifier(keysTable)}
        -- text_pattern_ops operators: one ordered range scan of the pattern index, stopped by the limit
        -- (a constant limit, not a parameter: PGlite plans it better, measured)
        where key ~>=~ ${key} and key ~<~ ${sql.placeholder('upper')} order by key using ~<~ limit ${sql.raw(String(PREFIX_SCAN_ROWS))}
      ) as hits
      order by id, ${order}
    ) as best order by ${order} limit ${sql.placeholder('limit')})`;
}

/** `whatever.name`, unless it is the label (or a word of it): then the entry was not found through a synonym. */
export const matchedSynonym = (hit: { name: string; kind: string }): string | null => (hit.kind === 'label' || hit.kind === 'labelWord' ? null : hit.name);

/** A definition cut to about `max` characters at a word boundary, for a suggestion list. */
export function shortDefinition(definition: string | null, max = 200): string | null {
  if (definition === null || definition.length <= max) return definition;
  const cut = definition.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
