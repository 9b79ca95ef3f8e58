import { eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { orphanetDisorderParents, orphanetDisorders, orphanetOmimXrefs, orphanetSearchKeys, orphanetSearchWords, type ImportCounts } from '../../db/schema/index.ts';
import { analyseTables, byKey, chunks, contentHash, lockImports, recordRelease, refuseOlderRelease, replaceVocabulary, searchKeys, vocabulary, wholeNames, type ImportOptions, type ImportSummary, type SearchKey } from './import-support.ts';
import { readOrphanetRelease, type OrphanetDisorderEntry, type OrphanetRelease } from './orphanet-release.ts';

type Keyed = { disorder: OrphanetDisorderEntry; hash: string; keys: SearchKey<'synonym'>[] };

/**
 * Loads a release of ORPHApackets in one transaction (all or nothing). An upsert, never a delete: a
 * disorder the release no longer lists (Orphanet drops retired codes from its packets) stays, marked
 * inactive and out of search, so every ORPHAcode a record used keeps resolving.
 */
export async function importOrphanetRelease(options: ImportOptions & { release: OrphanetRelease; source: string; startedAt?: number }): Promise<ImportSummary> {
  const { release, clock } = options;
  const startedAt = options.startedAt ?? performance.now();
  return options.db.transaction(async (tx) => {
    await lockImports(tx, 'orphanet');
    await refuseOlderRelease(tx, 'orphanet', release, options.allowOlder);
    const rows = await tx.select({ code: orphanetDisorders.code, hash: orphanetDisorders.contentHash, active: orphanetDisorders.active }).from(orphanetDisorders);
    const existing = new Map(rows.map((row) => [row.code, row]));
    const counts: ImportCounts = { total: release.disorders.length, added: 0, updated: 0, unchanged: 0, retired: 0, edges: 0, names: 0 };
    const keyed: Keyed[] = release.disorders.map((disorder) => ({
      disorder,
      hash: contentHash(disorder),
      keys: searchKeys(disorder.label, disorder.synonyms.map((name) => ({ name, kind: 'synonym' as const }))),
    }));
    const changed: Keyed[] = [];
    for (const entry of keyed) {
      const before = existing.get(entry.disorder.code);
      counts.edges += entry.disorder.parents.length;
      counts.names += wholeNames(entry.keys);
      if (before && before.hash === entry.hash && before.active) {
        counts.unchanged += 1;
        continue;
      }
      changed.push(entry);
      if (before) counts.updated += 1;
      else counts.added += 1;
    }
    await writeDisorders(tx, release.version, changed, existing);
    counts.retired = await retireUnlisted(tx, release);
    await replaceVocabulary(tx, orphanetSearchWords, vocabulary(keyed.flatMap((entry) => entry.keys)));
    await analyseTables(tx, ['orphanet_disorders', 'orphanet_disorder_parents', 'orphanet_omim_xrefs', 'orphanet_search_keys', 'orphanet_search_words']);
    return recordRelease(tx, clock, 'orphanet', release, options.source, counts, startedAt);
  });
}

/** Reads a folder of ORPHApacket_*.json files or a JSON-lines bundle (gzipped or not) and imports it. */
export async function importOrphanetSource(options: ImportOptions & { source: string }): Promise<ImportSummary> {
  const startedAt = performance.now();
  const release = await readOrphanetRelease(options.source);
  return importOrphanetRelease({ ...options, release, startedAt });
}

async function writeDisorders(tx: Tx, version: string, changed: Keyed[], existing: Map<number, unknown>): Promise<void> {
  const rows = changed.map(({ disorder: d, hash }) => ({
    code: d.code,
    label: d.label,
    disorderType: d.disorderType,
    definition: d.definition,
    synonyms: d.synonyms,
    active: true,
    release: version,
    contentHash: hash,
  }));
  for (const batch of chunks(rows)) {
    await tx
      .insert(orphanetDisorders)
      .values(batch)
      .onConflictDoUpdate({
        target: orphanetDisorders.code,
        set: {
          label: sql`excluded.label`,
          disorderType: sql`excluded.disorder_type`,
          definition: sql`excluded.definition`,
          synonyms: sql`excluded.synonyms`,
          active: sql`excluded.active`,
          release: sql`excluded.release`,
          contentHash: sql`excluded.content_hash`,
        },
      });
  }
  const rewritten = changed.map(({ disorder }) => disorder.code).filter((code) => existing.has(code));
  for (const codes of chunks(rewritten)) {
    await tx.delete(orphanetSearchKeys).where(inArray(orphanetSearchKeys.code, codes));
    await tx.delete(orphanetDisorderParents).where(inArray(orphanetDisorderParents.code, codes));
    await tx.delete(orphanetOmimXrefs).where(inArray(orphanetOmimXrefs.code, codes));
  }
  const keys = changed.flatMap(({ disorder, keys }) => keys.map((k) => ({ code: disorder.code, ...k }))).sort(byKey);
  for (const batch of chunks(keys)) await tx.insert(orphanetSearchKeys).values(batch);
  // A packet may name one parent twice (through two classifications) or one OMIM entry twice.
  const parents = changed.flatMap(({ disorder: d }) => d.parents.map((p) => ({ code: d.code, parentCode: p.code, parentLabel: p.label })));
  for (const batch of chunks(parents)) await tx.insert(orphanetDisorderParents).values(batch).onConflictDoNothing();
  const xrefs = changed.flatMap(({ disorder: d }) => d.omim.map((x) => ({ code: d.code, omim: x.omim, relation: x.relation })));
  for (const batch of chunks(xrefs)) await tx.insert(orphanetOmimXrefs).values(batch).onConflictDoNothing();
}

/** Active disorders the release no longer lists: kept, marked inactive, taken out of search. */
async function retireUnlisted(tx: Tx, release: OrphanetRelease): Promise<number> {
  const listed = new Set(release.disorders.map((d) => d.code));
  const active = await tx.select({ code: orphanetDisorders.code }).from(orphanetDisorders).where(eq(orphanetDisorders.active, true));
  const unlisted = active.map((row) => row.code).filter((code) => !listed.has(code));
  for (const codes of chunks(unlisted)) {
    await tx.update(orphanetDisorders).set({ active: false, release: release.version }).where(inArray(orphanetDisorders.code, codes));
    await tx.delete(orphanetSearchKeys).where(inArray(orphanetSearchKeys.code, codes));
  }
  return unlisted.length;
}
