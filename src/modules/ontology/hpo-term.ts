import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { hpoAltIds, hpoTermParents, hpoTerms, type HpoSynonym } from '../../db/schema/index.ts';
import type { TermRef } from './hpo-search.ts';

export interface HpoTerm extends TermRef {
  /** The id asked for, when it is an alternative id of this term (a term merged into it). */
  alternativeId: string | null;
  definition: string | null;
  comment: string | null;
  synonyms: HpoSynonym[];
  obsolete: boolean;
  replacedBy: TermRef | null;
  parents: TermRef[];
  children: TermRef[];
  /** The HPO release this term's content comes from. */
  release: string;
}

const byLabel = sql`${hpoTerms.label} collate "C"`;

/** A term by its id or an alternative id, obsolete ones included: every id a record holds resolves. */
export async function findHpoTerm(db: Db | Tx, id: string): Promise<HpoTerm | undefined> {
  let [term] = await db.select().from(hpoTerms).where(eq(hpoTerms.id, id));
  let alternativeId: string | null = null;
  if (!term) {
    const [merged] = await db.select({ termId: hpoAltIds.termId }).from(hpoAltIds).where(eq(hpoAltIds.altId, id));
    if (!merged) return undefined;
    [term] = await db.select().from(hpoTerms).where(eq(hpoTerms.id, merged.termId));
    if (!term) return undefined;
    alternativeId = id;
  }
  const found = term;
  // One query after another: inside a transaction they share one connection.
  const ref = { id: hpoTerms.id, label: hpoTerms.label };
  const parents = await db.select(ref).from(hpoTermParents).innerJoin(hpoTerms, eq(hpoTerms.id, hpoTermParents.parentId)).where(eq(hpoTermParents.termId, found.id)).orderBy(asc(byLabel));
  const children = await db.select(ref).from(hpoTermParents).innerJoin(hpoTerms, eq(hpoTerms.id, hpoTermParents.termId)).where(eq(hpoTermParents.parentId, found.id)).orderBy(asc(byLabel));
  const [replacement] = found.replacedBy ? await db.select(ref).from(hpoTerms).where(eq(hpoTerms.id, found.replacedBy)) : [];
  return {
    id: found.id,
    label: found.label,
    alternativeId,
    definition: found.definition,
    comment: found.comment,
    synonyms: found.synonyms,
    obsolete: found.obsolete,
    replacedBy: replacement ?? (found.replacedBy ? { id: found.replacedBy, label: found.replacedBy } : null),
    parents,
    children,
    release: found.release,
  };
}
