import { eq } from 'drizzle-orm';
import { people } from '../../src/db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn, type TestPerson } from '../../src/testing/actors.ts';
import type { TestApp } from '../../src/testing/test-app.ts';

/** Who knocks on every route: the refused ones the issue names, and the people each route allows. */
export const refusedActors = ['anonymous', 'otherHospital', 'otherErn', 'expiredGuest', 'deactivated', 'wrongRole'] as const;
export type RefusedActor = (typeof refusedActors)[number];
export type AllowedActor = 'hp' | 'coordinator' | 'representative' | 'admin' | 'newcomer' | 'referrer';
export type ActorName = RefusedActor | AllowedActor;

export interface CastMember {
  person: TestPerson | undefined;
  session: SignedIn | undefined;
}

export type Cast = Record<ActorName, CastMember> & { orgs: Awaited<ReturnType<typeof seededOrganisations>> };

/**
 * The cast, around ERN-RND and Universitätsklinikum Waldstadt: the allowed actors work there; the
 * refused ones work at another hospital, in another ERN, hold a guest account that has expired, were
 * deactivated after signing in, or hold the wrong role (a researcher).
 */
export async function createCast(t: TestApp): Promise<Cast> {
  const orgs = await seededOrganisations(t);
  const day = 86_400_000;
  const now = t.clock.now().getTime();
  const people_ = {
    hp: await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] }),
    coordinator: await createTestPerson(t, { affiliations: [{ role: 'coordinator', ernId: orgs.rnd }] }),
    representative: await createTestPerson(t, { affiliations: [{ role: 'hospitalRepresentative', hospitalId: orgs.waldstadt }] }),
    admin: await createTestPerson(t, { affiliations: [{ role: 'platformAdministrator' }] }),
    newcomer: await createTestPerson(t, { withTotp: false }),
    /** A referring clinician confirmed by ERN-RND (their own hospital, in Germany, is not on the platform). */
    referrer: await createTestPerson(t, { affiliations: [{ role: 'referrer', ernId: orgs.rnd, statedHospital: 'Kreiskrankenhaus Talheim', statedCountry: 'DE' }] }),
    otherHospital: await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }] }),
    otherErn: await createTestPerson(t, { affiliations: [{ role: 'coordinator', ernId: orgs.erknet }] }),
    expiredGuest: await createTestPerson(t, { affiliations: [{ role: 'guestExpert', ernId: orgs.rnd, validFrom: new Date(now - 100 * day).toISOString(), validUntil: new Date(now - day).toISOString() }] }),
    deactivated: await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] }),
    wrongRole: await createTestPerson(t, { affiliations: [{ role: 'researcher', ernId: orgs.rnd }] }),
  };
  const cast = { orgs, anonymous: { person: undefined, session: undefined } } as Cast;
  for (const [name, person] of Object.entries(people_)) cast[name as ActorName] = { person, session: await signIn(t, person) };
  await t.database.db.update(people).set({ deactivatedAt: t.clock.now().toISOString() }).where(eq(people.id, people_.deactivated.personId));
  return cast;
}
