import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readSourceLines, SourceError } from './read-source.ts';

// Reads Orphanet's ORPHApackets: a folder of ORPHApacket_<code>.json files as Orphanet publishes them,
// or a JSON-lines bundle of them (gzipped or not), one packet at a time.

export interface OrphanetDisorderEntry {
  code: number;
  label: string;
  disorderType: string;
  definition: string | null;
  synonyms: string[];
  parents: { code: number; label: string }[];
  omim: { omim: string; relation: string }[];
}

export interface OrphanetRelease {
  /** The packets' creation date (the newest, should they differ). */
  version: string;
  releaseDate: string | null;
  /** The packets' own version string(s). */
  detail: string | null;
  disorders: OrphanetDisorderEntry[];
}

// Orphanet writes a list of one as a bare object in places: accept both.
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([z.array(item), item]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);
const Reference = z.object({ Source: z.string(), Reference: z.string(), DisorderMappingRelation: z.string().optional() });
const Code = z.string().regex(/^\d+$/).transform(Number);
const Packet = z.object({
  Orphapacket: z.object({
    creationDate: z.string(),
    version: z.string(),
    ORPHAcode: Code,
    Label: z.string().min(1),
    DisorderType: z.object({ value: z.string() }),
    Synonyms: oneOrMany(z.object({ Synonym: z.string() })).optional(),
    ExternalReferences: oneOrMany(z.union([z.object({ ExternalReference: Reference }).transform((r) => r.ExternalReference), Reference])).optional(),
    TextSection: oneOrMany(z.object({ TextSectionType: z.string(), Contents: z.string() })).optional(),
    Parents: oneOrMany(z.object({ Parent: oneOrMany(z.object({ ORPHAcode: Code, Label: z.string() })) })).optional(),
  }),
});

/** Orphanet marks up a few words (<i>Babesia</i>); clients get plain text, never markup to render. */
const plainText = (html: string | undefined): string | null => (html === undefined ? null : html.replace(/<[^>]*>/g, '').trim() || null);

const PACKET_FILE = /^ORPHApacket_\d+\.json$/;

/** One packet (already parsed JSON) as a disorder, plus the packet's release stamp. */
export function parsePacket(json: unknown, where: string): { disorder: OrphanetDisorderEntry; creationDate: string; version: string } {
  const parsed = Packet.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SourceError(`${where}: not an ORPHApacket (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape'}).`);
  }
  const p = parsed.data.Orphapacket;
  return {
    creationDate: p.creationDate,
    version: p.version,
    disorder: {
      code: p.ORPHAcode,
      label: p.Label,
      disorderType: p.DisorderType.value,
      definition: plainText(p.TextSection?.find((s) => s.TextSectionType === 'Definition')?.Contents),
      synonyms: (p.Synonyms ?? []).map((s) => s.Synonym),
      parents: (p.Parents ?? []).flatMap((entry) => entry.Parent.map((parent) => ({ code: parent.ORPHAcode, label: parent.Label }))),
      omim: (p.ExternalReferences ?? [])
        .filter((r) => r.Source === 'OMIM')
        .map((r) => ({ omim: r.Reference, relation: r.DisorderMappingRelation?.split(' ')[0] ?? 'ND' })),
    },
  };
}

const parseJson = (text: string, where: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SourceError(`${where}: not JSON (${(error as Error).message}).`);
  }
};

/** Each packet of a folder or a JSON-lines bundle, with where it came from (for error messages). */
async function* packetsIn(source: string): AsyncGenerator<{ json: unknown; where: string }> {
  if (fs.statSync(source).isDirectory()) {
    const files = fs.readdirSync(source).filter((name) => PACKET_FILE.test(name)).sort();
    if (files.length === 0) throw new SourceError(`${source}: holds no ORPHApacket_<code>.json files.`);
    for (const name of files) {
      const file = path.join(source, name);
      yield { json: parseJson(fs.readFileSync(file, 'utf8'), file), where: file };
    }
    return;
  }
  let lineNumber = 0;
  for await (const line of readSourceLines(source)) {
    lineNumber += 1;
    if (line.trim() !== '') yield { json: parseJson(line, `${source}, line ${lineNumber}`), where: `${source}, line ${lineNumber}` };
  }
}

/** Reads a whole release; refuses a source with no packets or with one ORPHAcode twice. */
export async function readOrphanetRelease(source: string): Promise<OrphanetRelease> {
  if (!fs.existsSync(source)) throw new SourceError(`${source} does not exist.`);
  const disorders = new Map<number, OrphanetDisorderEntry>();
  const versions = new Set<string>();
  let newest = '';
  for await (const { json, where } of packetsIn(source)) {
    const { disorder, creationDate, version } = parsePacket(json, where);
    if (disorders.has(disorder.code)) throw new SourceError(`${where}: ORPHA:${disorder.code} appears twice.`);
    disorders.set(disorder.code, disorder);
    versions.add(version);
    if (creationDate > newest) newest = creationDate;
  }
  if (disorders.size === 0) throw new SourceError(`${source}: holds no ORPHApackets.`);
  const releaseDate = /^\d{4}-\d{2}-\d{2}/.exec(newest)?.[0] ?? null;
  return { version: releaseDate ?? newest, releaseDate, detail: [...versions].sort().join('; '), disorders: [...disorders.values()] };
}
