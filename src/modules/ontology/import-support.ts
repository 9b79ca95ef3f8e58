import { createHash } from 'node:crypto';
import path from 'node:path';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { ontologyReleases, type hpoSearchWords, type ImportCounts, type Ontology, type orphanetSearchWords } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { normaliseText } from './normalise-text.ts';

/** What both importers take: where to write, the clock for the import time, and the guard against going back. */
export interface ImportOptions {
  db: Db | Tx;
  clock: Clock;
  /** Import a release older than the one loaded (normally refused: it would undo the newer one's changes). */
  allowOlder?: boolean;
}

export interface ImportSummary {
  ontology: Ontology;
  version: string;
  releaseDate: string | null;
  detail: string | null;
  counts: ImportCounts;
  seconds: number;
}

export interface ReleaseStamp {
  version: string;
  releaseDate: string | null;
  detail: string | null;
}

/** A release older than the loaded one, refused unless the operator insists. */
export class OlderReleaseError extends Error {
  override name = 'OlderReleaseError';
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table here. */
export const BATCH_ROWS = 1000;

export function* chunks<T>(items: readonly T[], size = BATCH_ROWS): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Hash of an entry's imported content; entries are built with a fixed key order, so JSON is canonical enough. */
export const contentHash = (entry: unknown): string => createHash('sha256').update(JSON.stringify(entry)).digest('base64url');

export interface SearchKey<K extends string> {
  /** The normalised whole name or word-start. */
  key: string;
  /** The label or synonym the key comes from, as written. */
  name: string;
  kind: K | 'label' | 'labelWord' | 'synonymWord';
}

// A word-start beginning with one of these is not worth a key: nobody looks for "of the eye".
const STOPWORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'due', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'without']);

/**
 * The search keys of one entry (hpo_search_keys, orphanet_search_keys): each whole name, label first,
 * then each later word-start of each name. A key is given once, by the first name that yields it, so a
 * key that is a whole name anywhere in the entry counts as that name.
 */
export function searchKeys<K extends string>(label: string, synonyms: readonly { name: string; kind: K }[]): SearchKey<K>[] {
  const names = [{ name: label, kind: 'label' as const }, ...synonyms].map((n) => ({ ...n, norm: normaliseText(n.name) })).filter((n) => n.norm !== '');
  const keys = new Map<string, SearchKey<K>>();
  for (const { name, kind, norm } of names) if (!keys.has(norm)) keys.set(norm, { key: norm, name, kind });
  for (const { name, kind, norm } of names) {
    const words = norm.split(' ');
    for (let i = 1; i < words.length; i += 1) {
      const key = words.slice(i).join(' ');
      if (!STOPWORDS.has(words[i]!) && !keys.has(key)) keys.set(key, { key, name, kind: kind === 'label' ? 'labelWord' : 'synonymWord' });
    }
  }
  return [...keys.values()];
}

/** How many whole names (labels and distinct synonyms) are among the keys. */
export const wholeNames = (keys: readonly SearchKey<string>[]): number => keys.filter((k) => k.kind !== 'labelWord' && k.kind !== 'synonymWord').length;

/**
 * Key order for inserting search keys: rows inserted in key order sit together on disk, so a prefix
 * scan reads a few pages instead of one page per row (measured: the difference matters on PGlite).
 */
export const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The distinct words of whole-name keys: the vocabulary typo correction chooses from. */
export function vocabulary(keys: Iterable<SearchKey<string>>): Set<string> {
  const words = new Set<string>();
  for (const k of keys) if (k.kind !== 'labelWord' && k.kind !== 'synonymWord') for (const word of k.key.split(' ')) words.add(word);
  return words;
}

/** Brings a vocabulary table to exactly `words`, touching only the difference. */
export async function replaceVocabulary(tx: Db | Tx, table: typeof hpoSearchWords | typeof orphanetSearchWords, words: Set<string>): Promise<void> {
  const current = new Set((await tx.select({ word: table.word }).from(table)).map((row) => row.word));
  const gone = [...current].filter((word) => !words.has(word));
  const added = [...words].filter((word) => !current.has(word)).map((word) => ({ word }));
  for (const batch of chunks(gone)) await tx.delete(table).where(inArray(table.word, batch));
  for (const batch of chunks(added)) await tx.insert(table).values(batch);
}

export async function latestRelease(db: Db | Tx, ontology: Ontology) {
  const [row] = await db.select().from(ontologyReleases).where(eq(ontologyReleases.ontology, ontology)).orderBy(desc(ontologyReleases.id)).limit(1);
  return row;
}

/**
 * Imports of one ontology run one at a time (two operators, two nodes seeding, parallel tests): the
 * second waits for the first to commit, then sees its rows instead of adding them a second time.
 */
export async function lockImports(tx: Db | Tx, ontology: Ontology): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cpms:ontology-import:${ontology}`}))`);
}

/** Refuses a release dated before the loaded one (same date or undated: allowed, it is a re-run). */
export async function refuseOlderRelease(db: Db | Tx, ontology: Ontology, release: ReleaseStamp, allowOlder: boolean | undefined): Promise<void> {
  const loaded = await latestRelease(db, ontology);
  if (allowOlder || !loaded?.releaseDate || !release.releaseDate || release.releaseDate >= loaded.releaseDate) return;
  throw new OlderReleaseError(
    `The release ${release.version} is older than the loaded ${loaded.version}; importing it would undo the newer release's changes. ` +
      'Pass --allow-older to import it anyway.',
  );
}

/** Fresh statistics for the tables an import rewrote, so the next searches are planned on them. */
export async function analyseTables(tx: Db | Tx, tables: readonly string[]): Promise<void> {
  for (const table of tables) await tx.execute(sql`ANALYZE ${sql.identifier(table)}`);
}

export async function recordRelease(
  tx: Db | Tx,
  clock: Clock,
  ontology: Ontology,
  release: ReleaseStamp,
  source: string,
  counts: ImportCounts,
  startedAt: number,
): Promise<ImportSummary> {
  const durationMs = Math.round(performance.now() - startedAt);
  await tx.insert(ontologyReleases).values({
    ontology,
    version: release.version,
    releaseDate: release.releaseDate,
    detail: release.detail,
    source: path.basename(source),
    counts,
    durationMs,
    importedAt: clock.now().toISOString(),
  });
  return { ontology, version: release.version, releaseDate: release.releaseDate, detail: release.detail, counts, seconds: durationMs / 1000 };
}
