import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { orphanetDisorderParents, orphanetDisorders, orphanetOmimXrefs } from '../../db/schema/index.ts';
import { orphaCode } from './orphanet-search.ts';

export interface DisorderRef {
  code: string;
  label: string;
}

export interface OrphanetDisorder extends DisorderRef {
  disorderType: string;
  definition: string | null;
  synonyms: string[];
  /** False once Orphanet's release no longer lists the code; it still resolves. */
  active: boolean;
  omim: { code: string; relation: string }[];
  parents: DisorderRef[];
  children: DisorderRef[];
  /** The Orphanet release this disorder's content comes from. */
  release: string;
}

/** A disorder by ORPHAcode, inactive ones included: every code a record holds resolves. */
export async function findOrphanetDisorder(db: Db | Tx, code: number): Promise<OrphanetDisorder | undefined> {
  const [disorder] = await db.select().from(orphanetDisorders).where(eq(orphanetDisorders.code, code));
  if (!disorder) return undefined;
  // One query after another: inside a transaction they share one connection.
  const parents = await db
    .select({ code: orphanetDisorderParents.parentCode, label: orphanetDisorderParents.parentLabel })
    .from(orphanetDisorderParents)
    .where(eq(orphanetDisorderParents.code, code))
    .orderBy(asc(sql`${orphanetDisorderParents.parentLabel} collate "C"`));
  const children = await db
    .select({ code: orphanetDisorders.code, label: orphanetDisorders.label })
    .from(orphanetDisorderParents)
    .innerJoin(orphanetDisorders, eq(orphanetDisorders.code, orphanetDisorderParents.code))
    .where(eq(orphanetDisorderParents.parentCode, code))
    .orderBy(asc(sql`${orphanetDisorders.label} collate "C"`));
  const omim = await db.select({ omim: orphanetOmimXrefs.omim, relation: orphanetOmimXrefs.relation }).from(orphanetOmimXrefs).where(eq(orphanetOmimXrefs.code, code)).orderBy(asc(orphanetOmimXrefs.omim));
  const ref = (row: { code: number; label: string }) => ({ code: orphaCode(row.code), label: row.label });
  return {
    code: orphaCode(disorder.code),
    label: disorder.label,
    disorderType: disorder.disorderType,
    definition: disorder.definition,
    synonyms: disorder.synonyms,
    active: disorder.active,
    omim: omim.map((x) => ({ code: `OMIM:${x.omim}`, relation: x.relation })),
    parents: parents.map(ref),
    children: children.map(ref),
    release: disorder.release,
  };
}
