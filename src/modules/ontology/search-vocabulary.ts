import { asc, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import type { hpoSearchWords, orphanetSearchWords } from '../../db/schema/index.ts';
import { CORRECTED_RANK_OFFSET, prefixRange, SIMILAR_WORDS } from './search-support.ts';
import { correctTypos, type Vocabulary } from './typo-correction.ts';

/** A vocabulary table's two lookups as prepared statements; `name` keeps their statement names apart. */
export function preparedVocabulary(db: Db | Tx, table: typeof hpoSearchWords | typeof orphanetSearchWords, name: string): Vocabulary {
  const similar = db
    .select({ word: table.word })
    .from(table)
    .where(sql`${table.word} % ${sql.placeholder('word')}`)
    .orderBy(sql`similarity(${table.word}, ${sql.placeholder('word')}) desc`, asc(table.word))
    .limit(SIMILAR_WORDS)
    .prepare(`${name}_similar_words`);
  const withPrefix = db
    .select({ word: table.word })
    .from(table)
    .where(sql`${table.word} ~>=~ ${sql.placeholder('key')} and ${table.word} ~<~ ${sql.placeholder('upper')}`)
    .limit(1)
    .prepare(`${name}_word_prefix`);
  return {
    isKnownPrefix: async (word) => (await withPrefix.execute(prefixRange(word))).length > 0,
    similarWords: async (word) => (await similar.execute({ word })).map((row) => row.word),
  };
}

/**
 * Hits for a normalised query by prefix; when nothing starts like it, hits for the query with each unknown
 * word replaced by the nearest known word, ranked after anything found as typed.
 */
export async function prefixOrCorrected<Hit extends { rank: number }>(
  query: string,
  byPrefix: (query: string) => Promise<Hit[]>,
  vocabulary: Vocabulary,
): Promise<Hit[]> {
  const found = await byPrefix(query);
  if (found.length > 0) return found;
  const corrected = await correctTypos(query, vocabulary);
  if (corrected === undefined) return [];
  return (await byPrefix(corrected)).map((hit) => ({ ...hit, rank: hit.rank + CORRECTED_RANK_OFFSET }));
}
