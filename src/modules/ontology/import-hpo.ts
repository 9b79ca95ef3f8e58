import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { hpoAltIds, hpoSearchKeys, hpoSearchWords, hpoTermParents, hpoTerms, type HpoSynonym, type ImportCounts } from '../../db/schema/index.ts';
import { readHpoRelease, type HpoRelease, type HpoTermEntry } from './hpo-release.ts';
import { analyseTables, byKey, chunks, contentHash, lockImports, recordRelease, refuseOlderRelease, replaceVocabulary, searchKeys, vocabulary, wholeNames, type ImportOptions, type ImportSummary, type SearchKey } from './import-support.ts';

type Keyed = { term: HpoTermEntry; hash: string; keys: SearchKey<HpoSynonym['kind']>[] };

/**
 * Loads an HPO release in one transaction (all or nothing). An upsert, never a delete: terms the release
 * marks obsolete stay, marked obsolete with their replacement, and so do terms it no longer lists, so
 * every id a record ever used keeps resolving. Only terms whose content changed are rewritten.
 */
export async function importHpoRelease(options: ImportOptions & { release: HpoRelease; source: string; startedAt?: number }): Promise<ImportSummary> {
  const { release, clock } = options;
  const startedAt = options.startedAt ?? performance.now();
  return options.db.transaction(async (tx) => {
    await lockImports(tx, 'hpo');
    await refuseOlderRelease(tx, 'hpo', release, options.allowOlder);
    const existing = new Map((await tx.select({ id: hpoTerms.id, hash: hpoTerms.contentHash, obsolete: hpoTerms.obsolete }).from(hpoTerms)).map((row) => [row.id, row]));
    const counts: ImportCounts = { total: release.terms.length, added: 0, updated: 0, unchanged: 0, retired: 0, edges: 0, names: 0 };
    const keyed: Keyed[] = release.terms.map((term) => ({ term, hash: contentHash(term), keys: term.obsolete ? [] : searchKeys(term.label, term.synonyms) }));
    const changed: Keyed[] = [];
    for (const entry of keyed) {
      const before = existing.get(entry.term.id);
      counts.edges += entry.term.parents.length;
      counts.names += wholeNames(entry.keys);
      if (before && before.hash === entry.hash && before.obsolete === entry.term.obsolete) {
        counts.unchanged += 1;
        continue;
      }
      changed.push(entry);
      if (!before) counts.added += 1;
      else counts.updated += 1;
      if (before && !before.obsolete && entry.term.obsolete) counts.retired += 1;
    }
    await writeTerms(tx, release.version, changed, existing);
    counts.retired += await retireUnlisted(tx, release);
    await replaceVocabulary(tx, hpoSearchWords, vocabulary(keyed.flatMap((entry) => entry.keys)));
    await analyseTables(tx, ['hpo_terms', 'hpo_term_parents', 'hpo_alt_ids', 'hpo_search_keys', 'hpo_search_words']);
    return recordRelease(tx, clock, 'hpo', release, options.source, counts, startedAt);
  });
}

/** Reads hp.json (gzipped or not) and imports it. */
export async function importHpoFile(options: ImportOptions & { file: string }): Promise<ImportSummary> {
  const startedAt = performance.now();
  const release = await readHpoRelease(options.file);
  return importHpoRelease({ ...options, release, source: options.file, startedAt });
}

async function writeTerms(tx: Tx, version: string, changed: Keyed[], existing: Map<string, unknown>): Promise<void> {
  const rows = changed.map(({ term, hash }) => ({
    id: term.id,
    label: term.label,
    definition: term.definition,
    comment: term.comment,
    synonyms: term.synonyms,
    obsolete: term.obsolete,
    replacedBy: term.replacedBy,
    release: version,
    contentHash: hash,
  }));
  // Terms first (edges, search keys and alternative ids reference them), then what hangs off them.
  for (const batch of chunks(rows)) {
    await tx
      .insert(hpoTerms)
      .values(batch)
      .onConflictDoUpdate({
        target: hpoTerms.id,
        set: {
          label: sql`excluded.label`,
          definition: sql`excluded.definition`,
          comment: sql`excluded.comment`,
          synonyms: sql`excluded.synonyms`,
          obsolete: sql`excluded.obsolete`,
          replacedBy: sql`excluded.replaced_by`,
          release: sql`excluded.release`,
          contentHash: sql`excluded.content_hash`,
        },
      });
  }
  const rewritten = changed.map(({ term }) => term.id).filter((id) => existing.has(id));
  for (const ids of chunks(rewritten)) {
    await tx.delete(hpoSearchKeys).where(inArray(hpoSearchKeys.termId, ids));
    await tx.delete(hpoTermParents).where(inArray(hpoTermParents.termId, ids));
    await tx.delete(hpoAltIds).where(inArray(hpoAltIds.termId, ids));
  }
  const keys = changed.flatMap(({ term, keys }) => keys.map((k) => ({ termId: term.id, ...k }))).sort(byKey);
  for (const batch of chunks(keys)) await tx.insert(hpoSearchKeys).values(batch);
  const edges = changed.flatMap(({ term }) => term.parents.map((parentId) => ({ termId: term.id, parentId })));
  for (const batch of chunks(edges)) await tx.insert(hpoTermParents).values(batch).onConflictDoNothing();
  const altIds = changed.flatMap(({ term }) => term.altIds.map((altId) => ({ altId, termId: term.id })));
  for (const batch of chunks(altIds)) {
    await tx.insert(hpoAltIds).values(batch).onConflictDoUpdate({ target: hpoAltIds.altId, set: { termId: sql`excluded.term_id` } });
  }
}

/** Active terms the release does not list at all: kept, marked obsolete like the HPO's own obsolete terms (no parents, not searchable). */
async function retireUnlisted(tx: Tx, release: HpoRelease): Promise<number> {
  const listed = new Set(release.terms.map((t) => t.id));
  const active = await tx.select({ id: hpoTerms.id }).from(hpoTerms).where(eq(hpoTerms.obsolete, false));
  const unlisted = active.map((row) => row.id).filter((id) => !listed.has(id));
  for (const ids of chunks(unlisted)) {
    await tx.update(hpoTerms).set({ obsolete: true, release: release.version }).where(and(inArray(hpoTerms.id, ids), eq(hpoTerms.obsolete, false)));
    await tx.delete(hpoSearchKeys).where(inArray(hpoSearchKeys.termId, ids));
    await tx.delete(hpoTermParents).where(inArray(hpoTermParents.termId, ids));
  }
  return unlisted.length;
}
