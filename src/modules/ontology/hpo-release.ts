import { z } from 'zod';
import type { HpoSynonym } from '../../db/schema/index.ts';
import { readSourceText, SourceError } from './read-source.ts';

// Reads the HPO's official OBO Graphs JSON release (hp.json): the parts a term needs, nothing else.

export interface HpoTermEntry {
  id: string;
  label: string;
  definition: string | null;
  comment: string | null;
  obsolete: boolean;
  replacedBy: string | null;
  synonyms: HpoSynonym[];
  parents: string[];
  altIds: string[];
}

export interface HpoRelease {
  version: string;
  releaseDate: string | null;
  /** The version IRI. */
  detail: string | null;
  terms: HpoTermEntry[];
}

const PropertyValue = z.object({ pred: z.string(), val: z.string() });
const Node = z.object({
  id: z.string(),
  lbl: z.string().optional(),
  type: z.string().optional(),
  meta: z
    .object({
      definition: z.object({ val: z.string() }).optional(),
      comments: z.array(z.string()).optional(),
      synonyms: z.array(z.object({ pred: z.string(), val: z.string() })).optional(),
      basicPropertyValues: z.array(PropertyValue).optional(),
      deprecated: z.boolean().optional(),
    })
    .optional(),
});
const Graph = z.object({
  meta: z.object({ version: z.string().optional(), basicPropertyValues: z.array(PropertyValue).optional() }).optional(),
  nodes: z.array(Node),
  edges: z.array(z.object({ sub: z.string(), pred: z.string(), obj: z.string() })),
});
const Document = z.object({ graphs: z.array(Graph).min(1) });

const VERSION_INFO = 'http://www.w3.org/2002/07/owl#versionInfo';
const REPLACED_BY = 'http://purl.obolibrary.org/obo/IAO_0100001';
const ALTERNATIVE_ID = 'http://www.geneontology.org/formats/oboInOwl#hasAlternativeId';
const SYNONYM_KINDS: Record<string, HpoSynonym['kind']> = {
  hasExactSynonym: 'exact',
  hasRelatedSynonym: 'related',
  hasBroadSynonym: 'broad',
  hasNarrowSynonym: 'narrow',
};

/** "http://purl.obolibrary.org/obo/HP_0001250" or "HP:0001250" -> "HP:0001250"; anything else -> undefined. */
export function hpoIdOf(reference: string): string | undefined {
  const match = /(?:^|\/)HP[_:](\d{7})$/.exec(reference);
  return match ? `HP:${match[1]}` : undefined;
}

const dateIn = (text: string | undefined) => (text ? (/\d{4}-\d{2}-\d{2}/.exec(text)?.[0] ?? null) : null);

/** The release in an already parsed hp.json document. */
export function parseHpoDocument(document: unknown, source: string): HpoRelease {
  const parsed = Document.safeParse(document);
  if (!parsed.success) throw new SourceError(`${source}: not an HPO release in OBO Graphs JSON form (${parsed.error.issues[0]?.message ?? 'unexpected shape'}).`);
  const graph = parsed.data.graphs[0]!;
  const versionInfo = graph.meta?.basicPropertyValues?.find((p) => p.pred === VERSION_INFO)?.val;
  const versionIri = graph.meta?.version;
  const version = versionInfo ?? dateIn(versionIri);
  if (!version) throw new SourceError(`${source}: the release names no version (owl:versionInfo or version IRI).`);

  const parents = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const child = hpoIdOf(edge.sub);
    const parent = hpoIdOf(edge.obj);
    if (edge.pred !== 'is_a' || !child || !parent) continue;
    parents.set(child, [...(parents.get(child) ?? []), parent]);
  }

  const terms: HpoTermEntry[] = [];
  for (const node of graph.nodes) {
    const id = hpoIdOf(node.id);
    if (!id || node.type !== 'CLASS' || !node.lbl) continue;
    const meta = node.meta ?? {};
    const values = (pred: string) => (meta.basicPropertyValues ?? []).filter((p) => p.pred === pred).map((p) => p.val);
    const obsolete = meta.deprecated === true;
    terms.push({
      id,
      label: node.lbl,
      definition: meta.definition?.val ?? null,
      comment: meta.comments?.length ? meta.comments.join('\n') : null,
      obsolete,
      replacedBy: obsolete ? (values(REPLACED_BY).map(hpoIdOf).find((v) => v !== undefined) ?? null) : null,
      synonyms: (meta.synonyms ?? []).flatMap((s) => {
        const kind = SYNONYM_KINDS[s.pred];
        return kind ? [{ name: s.val, kind }] : [];
      }),
      parents: obsolete ? [] : (parents.get(id) ?? []),
      altIds: values(ALTERNATIVE_ID).flatMap((v) => hpoIdOf(v) ?? []),
    });
  }
  const known = new Set(terms.map((t) => t.id));
  for (const term of terms) term.parents = term.parents.filter((p) => known.has(p));
  if (terms.length === 0) throw new SourceError(`${source}: holds no HPO terms.`);
  return { version, releaseDate: dateIn(versionInfo) ?? dateIn(versionIri), detail: versionIri ?? null, terms };
}

/** Reads hp.json, gzipped or not. The decompressed document (~25 MB) is parsed whole: memory allows it. */
export async function readHpoRelease(file: string): Promise<HpoRelease> {
  const content = await readSourceText(file);
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch (error) {
    throw new SourceError(`${file}: not JSON (${(error as Error).message}).`);
  }
  return parseHpoDocument(document, file);
}
