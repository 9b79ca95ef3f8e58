import { z } from 'zod';

// Reference data: HPO terms (phenotypic features) and Orphanet disorders (diagnoses).

export const HpoId = z.string().regex(/^HP:\d{7}$/, 'an HPO id such as HP:0001250');
export const OrphaCodeParam = z
  .string()
  .regex(/^(ORPHA:)?\d{1,7}$/i, 'an ORPHAcode such as ORPHA:95 or 95')
  .transform((code) => Number(code.replace(/^ORPHA:/i, '')));

export const OntologySearchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search for').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type OntologySearchQuery = z.infer<typeof OntologySearchQuery>;

export const HpoTermRef = z.object({ id: z.string(), label: z.string() });
export type HpoTermRef = z.infer<typeof HpoTermRef>;

export const HpoSearchHit = HpoTermRef.extend({
  /** The synonym the term was found through, when it was not its label. */
  matchedSynonym: z.string().nullable(),
  /** Cut to about 200 characters. */
  definition: z.string().nullable(),
  parents: z.array(HpoTermRef),
});
export type HpoSearchHit = z.infer<typeof HpoSearchHit>;

export const HpoSearchResponse = z.object({ terms: z.array(HpoSearchHit) });
export type HpoSearchResponse = z.infer<typeof HpoSearchResponse>;

export const HpoTermResponse = HpoTermRef.extend({
  /** The id asked for, when it is an alternative id (a term merged into this one). */
  alternativeId: z.string().nullable(),
  definition: z.string().nullable(),
  comment: z.string().nullable(),
  synonyms: z.array(z.object({ name: z.string(), kind: z.enum(['exact', 'related', 'broad', 'narrow']) })),
  obsolete: z.boolean(),
  replacedBy: HpoTermRef.nullable(),
  parents: z.array(HpoTermRef),
  children: z.array(HpoTermRef),
  /** The HPO release the term's content comes from (the HPO licence asks to show the version). */
  release: z.string(),
});
export type HpoTermResponse = z.infer<typeof HpoTermResponse>;

export const OrphanetDisorderRef = z.object({ code: z.string(), label: z.string() });

export const OrphanetSearchHit = OrphanetDisorderRef.extend({ disorderType: z.string(), matchedSynonym: z.string().nullable() });
export type OrphanetSearchHit = z.infer<typeof OrphanetSearchHit>;

export const OrphanetSearchResponse = z.object({ disorders: z.array(OrphanetSearchHit) });
export type OrphanetSearchResponse = z.infer<typeof OrphanetSearchResponse>;

export const OrphanetDisorderResponse = OrphanetDisorderRef.extend({
  disorderType: z.string(),
  definition: z.string().nullable(),
  synonyms: z.array(z.string()),
  /** False once Orphanet's release no longer lists the code; it still resolves. */
  active: z.boolean(),
  omim: z.array(z.object({ code: z.string(), relation: z.string() })),
  parents: z.array(OrphanetDisorderRef),
  children: z.array(OrphanetDisorderRef),
  release: z.string(),
});
export type OrphanetDisorderResponse = z.infer<typeof OrphanetDisorderResponse>;
