import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { accessRequests, affiliations, memberships, panelMembers, panels, people, recoveryCodes } from '../../src/db/schema/index.ts';
import { hashRecoveryCode } from '../../src/modules/identity/totp.ts';
import { createTestPerson, signIn, totpCode } from '../../src/testing/actors.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import type { ActorName, Cast, RefusedActor } from './refusal-cast.ts';

export type Request = Omit<InjectOptions, 'headers'> & { method: string; url: string; headers?: Record<string, string> };

export interface Scenario {
  /** The actor for whom the very same request must succeed (the positive control). */
  allowed: ActorName;
  /** Exact answers for the refused actors; `public` routes have none. */
  refusals: Record<RefusedActor, number> | 'public';
  /** A valid example request as `actor` would send it (a fresh fixture each time: some requests change state). */
  request: (t: TestApp, cast: Cast, actor: ActorName) => Promise<Request>;
}

/** The answers for routes on one's own account: every signed-in person may, for themselves. */
export const selfService = (ok: number): Record<RefusedActor, number> => ({ anonymous: 401, deactivated: 401, otherHospital: ok, otherErn: ok, expiredGuest: ok, wrongRole: ok });
/** Routes on something of ERN-RND / Waldstadt that outsiders must not even see. */
export const invisibleToOutsiders: Record<RefusedActor, number> = { anonymous: 401, deactivated: 401, otherHospital: 404, otherErn: 404, expiredGuest: 404, wrongRole: 404 };
/** Routes everyone signed in can see exist, but only some may use. */
export const forbiddenToOthers: Record<RefusedActor, number> = { anonymous: 401, deactivated: 401, otherHospital: 403, otherErn: 403, expiredGuest: 403, wrongRole: 403 };

/** A new session for the actor (for requests that end or change sessions); the deactivated keep their dead one. */
export const freshSession = async (t: TestApp, cast: Cast, actor: ActorName) => {
  const person = cast[actor].person;
  if (!person || actor === 'deactivated') return cast[actor].session?.headers ?? {};
  return (await signIn(t, person)).headers;
};

export async function pendingAccessRequest(t: TestApp, cast: Cast, status: 'pending' | 'awaitingEmployment' = 'pending'): Promise<string> {
  const requester = await createTestPerson(t, { withTotp: false });
  const [row] = await t.database.db
    .insert(accessRequests)
    .values({ personId: requester.personId, ernId: cast.orgs.rnd, hospitalId: cast.orgs.waldstadt, role: 'healthProfessional', justification: 'Matrix fixture request.', status, requestedBy: requester.personId, createdAt: t.clock.now().toISOString() })
    .returning({ id: accessRequests.id });
  return row!.id;
}

export async function affiliationOf(t: TestApp, cast: Cast, role: 'guestExpert' | 'researcher'): Promise<string> {
  const person = await createTestPerson(t, { withTotp: false });
  const now = t.clock.now().getTime();
  const [row] = await t.database.db
    .insert(affiliations)
    .values({ personId: person.personId, role, ernId: cast.orgs.rnd, validFrom: new Date(now - 1000).toISOString(), validUntil: role === 'guestExpert' ? new Date(now + 10 * 86_400_000).toISOString() : null, createdAt: new Date(now).toISOString() })
    .returning({ id: affiliations.id });
  return row!.id;
}

export async function recoveryCodeFor(t: TestApp, cast: Cast, actor: ActorName): Promise<string> {
  const code = `mtrx-${randomUUID().slice(0, 4)}-${randomUUID().slice(0, 4)}`;
  const person = cast[actor].person;
  if (person) await t.database.db.insert(recoveryCodes).values({ personId: person.personId, codeHash: hashRecoveryCode(code, t.keys.derive('totp-secrets')), createdAt: t.clock.now().toISOString() });
  return code;
}

export async function totpFor(t: TestApp, cast: Cast, actor: ActorName): Promise<string> {
  const secret = cast[actor].person?.totpSecret;
  return secret ? totpCode(t, secret) : '123456';
}

export async function membershipFixture(t: TestApp): Promise<{ hospitalId: string; ernId: string; }> {
  const hospitalName = `Matrix Hospital ${randomUUID()}`;
  const { hospitals, erns } = await import('../../src/db/schema/index.ts');
  const [hospital] = await t.database.db.insert(hospitals).values({ name: hospitalName, city: 'Testville', country: 'AT' }).returning({ id: hospitals.id });
  const [ern] = await t.database.db.select({ id: erns.id }).from(erns).limit(1);
  await t.database.db.insert(memberships).values({ hospitalId: hospital!.id, ernId: ern!.id, type: 'affiliatedPartner' });
  return { hospitalId: hospital!.id, ernId: ern!.id };
}

export const freshPersonId = async (t: TestApp) => (await createTestPerson(t, { withTotp: false })).personId;
export { people };

const careConsentOfMatrix = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

/** An open ERN-RND panel on a fresh Waldstadt patient, led by the cast's health professional (rows written directly: for matrices of modules built on panels). */
export async function openPanelOfCast(t: TestApp, cast: Cast): Promise<string> {
  const identity = { givenName: 'Matrix', familyName: 'Panel', dateOfBirth: '2012-02-03', recordNumber: `MP-${randomUUID().slice(0, 10)}`, nationalId: null };
  const enrolled = await t.app.inject({ method: 'POST', url: '/api/patients', headers: cast.hp.session!.headers, payload: { hospitalId: cast.orgs.waldstadt, careConsent: careConsentOfMatrix, nickname: 'Matrix panel', sex: 'female', identity } });
  const now = t.clock.now().toISOString();
  const lead = cast.hp.person!.personId;
  const [panel] = await t.database.db
    .insert(panels)
    .values({ ernId: cast.orgs.rnd, patientId: enrolled.json<{ id: string }>().id, type: 'diagnosis', urgency: 'routine', title: 'Matrix panel', clinicalQuestion: 'Matrix question for the experts?', status: 'open', requestedBy: lead, createdAt: now, updatedAt: now, openedAt: now })
    .returning({ id: panels.id });
  await t.database.db.insert(panelMembers).values({ panelId: panel!.id, personId: lead, role: 'lead', status: 'accepted', invitedBy: lead, invitedAt: now });
  return panel!.id;
}
