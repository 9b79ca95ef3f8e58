import { and, arrayContains, asc, eq, exists, gt, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { affiliations, diseaseGroups, erns, hospitals, people, personDiseaseGroups } from '../../db/schema/index.ts';
import type { ExpertSearchQuery, ExpertView } from './panels.contract.ts';

const LIMIT = 50;
const expertRoles = ['healthProfessional', 'guestExpert'] as const;

const escapeLike = (text: string) => text.replaceAll(/[%_\\]/g, (c) => `\\${c}`);

/**
 * The expert directory: people with an active expert affiliation (health professionals, and guest
 * experts while their account runs), by ERN, thematic area, expertise words, country, language and
 * hospital — across networks, since panels may involve experts of other ERNs. No e-mail addresses.
 */
export async function searchExperts(db: Db, filter: ExpertSearchQuery, at: string): Promise<ExpertView[]> {
  const valid = and(lte(affiliations.validFrom, at), or(isNull(affiliations.validUntil), gt(affiliations.validUntil, at)));
  const words = filter.q?.split(/\s+/).filter(Boolean).slice(0, 5) ?? [];
  const affiliationMatch = db
    .select({ one: sql`1` })
    .from(affiliations)
    .leftJoin(hospitals, eq(hospitals.id, affiliations.hospitalId))
    .where(
      and(
        eq(affiliations.personId, people.id),
        inArray(affiliations.role, [...expertRoles]),
        valid,
        filter.ernId ? eq(affiliations.ernId, filter.ernId) : undefined,
        filter.hospitalId ? eq(affiliations.hospitalId, filter.hospitalId) : undefined,
        filter.country ? or(eq(hospitals.country, filter.country), and(isNull(affiliations.hospitalId), eq(people.country, filter.country))) : undefined,
      ),
    );
  const rows = await db
    .select({ id: people.id, displayName: people.displayName, title: people.title, specialty: people.specialty, expertise: people.expertise, languages: people.languages, country: people.country })
    .from(people)
    .where(
      and(
        isNull(people.deactivatedAt),
        exists(affiliationMatch),
        filter.diseaseGroupId ? exists(db.select({ one: sql`1` }).from(personDiseaseGroups).where(and(eq(personDiseaseGroups.personId, people.id), eq(personDiseaseGroups.diseaseGroupId, filter.diseaseGroupId)))) : undefined,
        filter.language ? arrayContains(people.languages, [filter.language]) : undefined,
        ...words.map((word) => {
          const pattern = `%${escapeLike(word)}%`;
          return or(ilike(people.displayName, pattern), ilike(people.expertise, pattern), ilike(people.specialty, pattern));
        }),
      ),
    )
    .orderBy(asc(people.displayName), asc(people.id))
    .limit(LIMIT);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const held = await db
    .select({ personId: affiliations.personId, role: affiliations.role, ernId: erns.id, ernName: erns.name, hospitalId: hospitals.id, hospitalName: hospitals.name, hospitalCountry: hospitals.country })
    .from(affiliations)
    .leftJoin(erns, eq(erns.id, affiliations.ernId))
    .leftJoin(hospitals, eq(hospitals.id, affiliations.hospitalId))
    .where(and(inArray(affiliations.personId, ids), inArray(affiliations.role, [...expertRoles]), valid));
  const groups = await db
    .select({ personId: personDiseaseGroups.personId, id: diseaseGroups.id, name: diseaseGroups.name, ernId: diseaseGroups.ernId })
    .from(personDiseaseGroups)
    .innerJoin(diseaseGroups, eq(diseaseGroups.id, personDiseaseGroups.diseaseGroupId))
    .where(inArray(personDiseaseGroups.personId, ids));
  return rows.map((r) => ({
    personId: r.id,
    displayName: r.displayName,
    title: r.title,
    specialty: r.specialty,
    expertise: r.expertise,
    languages: r.languages,
    country: r.country ?? held.find((a) => a.personId === r.id && a.hospitalCountry)?.hospitalCountry ?? null,
    affiliations: held
      .filter((a) => a.personId === r.id)
      .map((a) => ({ role: a.role, ern: a.ernId && a.ernName ? { id: a.ernId, name: a.ernName } : null, hospital: a.hospitalId && a.hospitalName && a.hospitalCountry ? { id: a.hospitalId, name: a.hospitalName, country: a.hospitalCountry } : null })),
    diseaseGroups: groups.filter((g) => g.personId === r.id).map(({ personId: _, ...g }) => g),
  }));
}
