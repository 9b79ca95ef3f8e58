import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPerson, seededOrganisations, signIn, type SignedIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let hp: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  hp = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] }));
});
afterAll(async () => {
  await t?.close();
});

const identity = () => ({ givenName: 'Ada', familyName: 'Example', dateOfBirth: '2015-02-01', recordNumber: `C-${randomUUID().slice(0, 8)}`, nationalId: null });
const care = { givenBy: 'legalRepresentative', representativeRelation: 'father', givenOn: '2025-12-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' };

async function enrolChild(): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/patients', headers: hp.headers, payload: { hospitalId: orgs.waldstadt, nickname: 'Beaver', sex: 'male', identity: identity(), careConsent: care } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

describe('consent', () => {
  it('requires care consent to enrol, given by the patient or a named legal representative', async () => {
    const without = await t.app.inject({ method: 'POST', url: '/api/patients', headers: hp.headers, payload: { hospitalId: orgs.waldstadt, nickname: 'No consent', sex: 'male', identity: identity() } });
    expect(without.statusCode).toBe(400);
    const id = await enrolChild();
    const list = await t.app.inject({ method: 'GET', url: `/api/patients/${id}/consents`, headers: hp.headers });
    expect(list.json()).toMatchObject({ careConsentActive: true, consents: [{ kind: 'care', givenBy: 'legalRepresentative', representativeRelation: 'father', formVersion: 'care-2025-1', active: true }] });
  });

  it('records registry consent per ERN, refuses an unnamed representative, and keeps the history on withdrawal', async () => {
    const id = await enrolChild();
    const unnamed = await t.app.inject({ method: 'POST', url: `/api/patients/${id}/consents`, headers: hp.headers, payload: { ...care, kind: 'ernRegistries', scope: orgs.rnd, representativeRelation: null } });
    expect(unnamed.statusCode).toBe(400);
    const registry = await t.app.inject({ method: 'POST', url: `/api/patients/${id}/consents`, headers: hp.headers, payload: { ...care, kind: 'ernRegistries', scope: orgs.rnd } });
    expect(registry.statusCode).toBe(201);
    const careId = registry.json<{ consents: { id: string; kind: string }[] }>().consents.find((c) => c.kind === 'care')!.id;

    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/patients/${id}/consents/${careId}/withdrawal`, headers: hp.headers, payload: { withdrawnOn: '2026-01-01', note: null } });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ careConsentActive: false });
    expect(withdrawn.json<{ consents: { kind: string; active: boolean }[] }>().consents).toEqual([
      expect.objectContaining({ kind: 'care', active: false }),
      expect.objectContaining({ kind: 'ernRegistries', active: true }),
    ]);
    const twice = await t.app.inject({ method: 'POST', url: `/api/patients/${id}/consents/${careId}/withdrawal`, headers: hp.headers, payload: { withdrawnOn: '2026-01-01', note: null } });
    expect(twice.statusCode).toBe(404);
    // consent given again is a new row; the withdrawn one stays in the history
    const again = await t.app.inject({ method: 'POST', url: `/api/patients/${id}/consents`, headers: hp.headers, payload: { ...care, kind: 'care', scope: null } });
    expect(again.json()).toMatchObject({ careConsentActive: true });
    expect(again.json<{ consents: unknown[] }>().consents).toHaveLength(3);
  });
});
