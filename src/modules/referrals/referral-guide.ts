import { and, asc, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { affiliations, diseaseGroups, erns, hospitals, memberships, personDiseaseGroups } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { referrerAffiliation } from './send-referral.ts';
import type { ErnGuide } from './referrals.contract.ts';

/** The ERNs the actor may refer to: those where they hold a referrer affiliation, with the country it confirmed. */
export async function referrerErns(deps: AppDeps, actor: Actor) {
  const held = actor.affiliations.filter((a) => a.role === 'referrer' && a.ernId !== null);
  const result = [];
  for (const affiliation of held) {
    const [ern] = await deps.db.select({ id: erns.id, code: erns.code, name: erns.name, field: erns.field }).from(erns).where(eq(erns.id, affiliation.ernId!));
    const stated = await referrerAffiliation(deps.db, actor, affiliation.ernId!);
    if (ern && stated) result.push({ ...ern, country: stated.country });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What an ERN covers (its field and disease groups, from the organisations data) and the member centres proposed
 * for a referral: those in the referrer's country (confirmed with their affiliation, or asked for), else every
 * other member centre as the nearest alternatives — the platform holds no distances, so they come by country.
 * Each centre's expertise is the disease groups its experts declare in their profiles.
 */
export async function ernGuide(deps: AppDeps, actor: Actor, ernId: string, askedCountry: string | undefined): Promise<ErnGuide> {
  const [ern] = await deps.db.select({ id: erns.id, code: erns.code, name: erns.name, field: erns.field }).from(erns).where(eq(erns.id, ernId));
  if (!ern) throw new AppError('notFound', 'No such network.');
  const groups = await deps.db.select({ id: diseaseGroups.id, name: diseaseGroups.name, panelUse: diseaseGroups.panelUse }).from(diseaseGroups).where(eq(diseaseGroups.ernId, ernId)).orderBy(asc(diseaseGroups.position), asc(diseaseGroups.name));
  const country = askedCountry ?? (await referrerAffiliation(deps.db, actor, ernId))?.country ?? null;
  const members = await deps.db
    .select({ id: hospitals.id, name: hospitals.name, city: hospitals.city, country: hospitals.country, membership: memberships.type })
    .from(memberships)
    .innerJoin(hospitals, eq(hospitals.id, memberships.hospitalId))
    .where(eq(memberships.ernId, ernId))
    .orderBy(asc(hospitals.country), asc(hospitals.name));
  const now = deps.clock.now().toISOString();
  const declared = await deps.db
    .selectDistinct({ hospitalId: affiliations.hospitalId, group: diseaseGroups.name })
    .from(affiliations)
    .innerJoin(personDiseaseGroups, eq(personDiseaseGroups.personId, affiliations.personId))
    .innerJoin(diseaseGroups, and(eq(diseaseGroups.id, personDiseaseGroups.diseaseGroupId), eq(diseaseGroups.ernId, ernId)))
    .where(and(eq(affiliations.role, 'healthProfessional'), lte(affiliations.validFrom, now), or(isNull(affiliations.validUntil), gt(affiliations.validUntil, now))));
  const expertise = Map.groupBy(declared, (d) => d.hospitalId);
  const home = members.filter((m) => m.country === country);
  const proposed = home.length > 0 ? home : members;
  return {
    ern,
    diseaseGroups: groups,
    country,
    alternatives: country !== null && home.length === 0,
    centres: proposed.map((m) => ({ ...m, expertise: [...new Set((expertise.get(m.id) ?? []).map((e) => e.group))].sort() })),
  };
}
