import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const ontologies = ['hpo', 'orphanet'] as const;
export type Ontology = (typeof ontologies)[number];

/** What one import changed; kept with the release so an operator can see what each re-import did. */
export interface ImportCounts {
  /** Entries in the release (terms or disorders, obsolete ones included). */
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Entries that became obsolete (HPO) or left the release (Orphanet) with this import. */
  retired: number;
  /** Parent edges in the release. */
  edges: number;
  /** Searchable names (labels and synonyms) of the active entries. */
  names: number;
}

/** One row per import: which release, from where, what it changed, how long it took. */
export const ontologyReleases = pgTable(
  'ontology_releases',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ontology: text('ontology', { enum: ontologies }).notNull(),
    /** As the release names itself: HPO's owl:versionInfo, Orphanet's packet creation date. */
    version: text('version').notNull(),
    releaseDate: date('release_date', { mode: 'string' }),
    /** Further version details (HPO's version IRI, Orphanet's packet version). */
    detail: text('detail'),
    /** The file or folder name imported (no path). */
    source: text('source').notNull(),
    counts: jsonb('counts').$type<ImportCounts>().notNull(),
    durationMs: integer('duration_ms').notNull(),
    importedAt: instant('imported_at').notNull(),
  },
  (t) => [index('ontology_releases_ontology').on(t.ontology, t.id)],
);

/**
 * HPO terms. Never deleted: a record that names a term keeps resolving it after any later release;
 * a term the HPO retires stays here, marked obsolete with its replacement.
 */
export const hpoTerms = pgTable(
  'hpo_terms',
  {
    id: text('id').primaryKey(),
    label: text('label').notNull(),
    definition: text('definition'),
    comment: text('comment'),
    synonyms: jsonb('synonyms').$type<HpoSynonym[]>().notNull(),
    obsolete: boolean('obsolete').notNull().default(false),
    replacedBy: text('replaced_by'),
    /** The release this row's content comes from (unchanged terms keep the release that last changed them). */
    release: text('release').notNull(),
    /** Hash of the imported content, so a re-import rewrites only what changed. */
    contentHash: text('content_hash').notNull(),
  },
  (t) => [check('hpo_terms_id', sql`${t.id} ~ '^HP:[0-9]{7}$'`)],
);

/** is_a edges of the current release (term -> parent). */
export const hpoTermParents = pgTable(
  'hpo_term_parents',
  {
    termId: text('term_id').notNull().references(() => hpoTerms.id),
    parentId: text('parent_id').notNull().references(() => hpoTerms.id),
  },
  (t) => [primaryKey({ columns: [t.termId, t.parentId] }), index('hpo_term_parents_parent').on(t.parentId)],
);

/** Ids merged into another term: a record holding an alternative id still finds its term. */
export const hpoAltIds = pgTable('hpo_alt_ids', {
  altId: text('alt_id').primaryKey(),
  termId: text('term_id').notNull().references(() => hpoTerms.id),
});

export const hpoSynonymKinds = ['exact', 'related', 'broad', 'narrow'] as const;
export type HpoSynonym = { name: string; kind: (typeof hpoSynonymKinds)[number] };
/** A whole label or synonym, or a later word-start of one ("tonic clonic seizure" of "Generalized tonic-clonic seizure"). */
export const hpoKeyKinds = ['label', ...hpoSynonymKinds, 'labelWord', 'synonymWord'] as const;

/**
 * The search structure, one row per key: each label and synonym of an active term, normalised
 * (normalise-text.ts), and each of their later word-starts ("generalized tonic clonic seizure",
 * "tonic clonic seizure", "clonic seizure", "seizure"). A whole-name or word prefix is then one bounded
 * range scan of the pattern index, on PGlite and PostgreSQL alike. `name` is the label or synonym the
 * key comes from. Obsolete terms have no keys.
 */
export const hpoSearchKeys = pgTable(
  'hpo_search_keys',
  {
    termId: text('term_id').notNull().references(() => hpoTerms.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: hpoKeyKinds }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.termId, t.key] }), index('hpo_search_keys_prefix').using('btree', t.key.op('text_pattern_ops'))],
);

/**
 * Every distinct word of the active terms' names, for typo tolerance: a query word that starts no word
 * is replaced by its nearest word by trigram similarity. Trigrams over ~13,000 short words stay fast
 * where trigrams over every name would not.
 */
export const hpoSearchWords = pgTable(
  'hpo_search_words',
  { word: text('word').primaryKey() },
  (t) => [
    // fastupdate off: otherwise freshly imported words wait in GIN's pending list, which the planner
    // (rightly) prices as a full scan, and PGlite has no autovacuum to flush it.
    index('hpo_search_words_trgm').using('gin', t.word.op('gin_trgm_ops')).with({ fastupdate: false }),
    index('hpo_search_words_prefix').using('btree', t.word.op('text_pattern_ops')),
  ],
);

/**
 * Orphanet disorders (groups, diseases, subtypes), by ORPHAcode. Never deleted: a code that leaves
 * Orphanet's release stays resolvable, marked inactive.
 */
export const orphanetDisorders = pgTable('orphanet_disorders', {
  code: integer('code').primaryKey(),
  label: text('label').notNull(),
  disorderType: text('disorder_type').notNull(),
  definition: text('definition'),
  synonyms: jsonb('synonyms').$type<string[]>().notNull(),
  active: boolean('active').notNull().default(true),
  release: text('release').notNull(),
  contentHash: text('content_hash').notNull(),
});

/** Classification parents as the packet names them (a parent may have no packet of its own). */
export const orphanetDisorderParents = pgTable(
  'orphanet_disorder_parents',
  {
    code: integer('code').notNull().references(() => orphanetDisorders.code),
    parentCode: integer('parent_code').notNull(),
    parentLabel: text('parent_label').notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.parentCode] }), index('orphanet_disorder_parents_parent').on(t.parentCode)],
);

/** OMIM cross-references with Orphanet's mapping relation (E, NTBT, BTNT, ND). */
export const orphanetOmimXrefs = pgTable(
  'orphanet_omim_xrefs',
  {
    code: integer('code').notNull().references(() => orphanetDisorders.code),
    omim: text('omim').notNull(),
    relation: text('relation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.omim] }), index('orphanet_omim_xrefs_omim').on(t.omim)],
);

export const orphanetKeyKinds = ['label', 'synonym', 'labelWord', 'synonymWord'] as const;

/** Search structure for Orphanet, as hpo_search_keys: labels, synonyms and their word-starts, of active disorders. */
export const orphanetSearchKeys = pgTable(
  'orphanet_search_keys',
  {
    code: integer('code').notNull().references(() => orphanetDisorders.code),
    key: text('key').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: orphanetKeyKinds }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.key] }), index('orphanet_search_keys_prefix').using('btree', t.key.op('text_pattern_ops'))],
);

/** Every distinct word of the active disorders' names, as hpo_search_words. */
export const orphanetSearchWords = pgTable(
  'orphanet_search_words',
  { word: text('word').primaryKey() },
  (t) => [
    index('orphanet_search_words_trgm').using('gin', t.word.op('gin_trgm_ops')).with({ fastupdate: false }),
    index('orphanet_search_words_prefix').using('btree', t.word.op('text_pattern_ops')),
  ],
);
