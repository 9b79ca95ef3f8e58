import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPerson, seededOrganisations, signIn, type SignedIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { delegations } from '../../db/schema/index.ts';

const careConsent = { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let hp: SignedIn;
let colleague: SignedIn;
let outsider: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  hp = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] }));
  colleague = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] }));
  outsider = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }] }));
});
afterAll(async () => {
  await t?.close();
});

const identity = () => ({ givenName: 'Zofia', familyName: `Kowalska-${randomUUID().slice(0, 6)}`, dateOfBirth: '2014-03-27', recordNumber: `MRN-${randomUUID().slice(0, 8)}`, nationalId: null });
const enrol = (who: SignedIn, body: object) => t.app.inject({ method: 'POST', url: '/api/patients', headers: who.headers, payload: body });

describe('enrolment', () => {
  it('gives a speakable platform id, keeps the identity for the hospital, and shows it only to its staff', async () => {
    const who = identity();
    const response = await enrol(hp, { hospitalId: orgs.waldstadt, careConsent, nickname: 'Little Bear', sex: 'female', identity: who });
    expect(response.statusCode).toBe(201);
    const patient = response.json<{ id: string; patientCode: string; yearOfBirth: number }>();
    expect(patient.patientCode).toMatch(/^[ACDEFHJKMNPRTUVWXY3479]{4}-[ACDEFHJKMNPRTUVWXY3479]{4}$/);
    expect(patient.yearOfBirth).toBe(2014);

    const seenByColleague = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}`, headers: colleague.headers });
    expect(seenByColleague.json()).toMatchObject({ nickname: 'Little Bear', identity: who });
    expect((await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}`, headers: outsider.headers })).statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: `/api/patients?q=${patient.patientCode.toLowerCase()}`, headers: colleague.headers });
    expect(list.json<{ patients: { id: string }[] }>().patients.map((p) => p.id)).toEqual([patient.id]);
    expect((await t.app.inject({ method: 'GET', url: '/api/patients', headers: outsider.headers })).json<{ patients: { id: string }[] }>().patients.map((p) => p.id)).not.toContain(patient.id);

    // the hospital's data-protection officer sees who enrolled, read, listed and tried to read it
    const dpo = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'dataProtectionOfficer', hospitalId: orgs.waldstadt }] }));
    const report = await t.app.inject({ method: 'GET', url: `/api/audit/patients/${patient.id}/access-report`, headers: dpo.headers });
    expect(report.statusCode).toBe(200);
    const actions = report.json<{ events: { action: string; outcome: string }[] }>().events.map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['patient.enrolled:success', 'consent.recorded:success', 'patient.identityViewed:success', 'patient.listed:success', 'access.denied:denied']));
    expect((await t.app.inject({ method: 'GET', url: `/api/audit/patients/${patient.id}/access-report`, headers: outsider.headers })).statusCode).toBe(404);
  });

  it('catches a second enrolment with the same record number (written differently) through the blind index', async () => {
    const who = identity();
    expect((await enrol(hp, { hospitalId: orgs.waldstadt, careConsent, nickname: 'First', sex: 'male', identity: who })).statusCode).toBe(201);
    const again = await enrol(colleague, { hospitalId: orgs.waldstadt, careConsent, nickname: 'Second', sex: 'male', identity: { ...identity(), recordNumber: ` ${who.recordNumber.toLowerCase()} ` } });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ detail: string }>().detail).not.toContain(who.familyName);
    // another hospital may enrol its own patient with the same number
    const elsewhere = await enrol(outsider, { hospitalId: orgs.noordhaven, careConsent, nickname: 'Elsewhere', sex: 'male', identity: { ...identity(), recordNumber: who.recordNumber } });
    expect(elsewhere.statusCode).toBe(201);
    const found = await t.app.inject({ method: 'POST', url: '/api/patients/record-number-search', headers: hp.headers, payload: { hospitalId: orgs.waldstadt, recordNumber: who.recordNumber } });
    expect(found.json<{ patients: { nickname: string }[] }>().patients.map((p) => p.nickname)).toEqual(['First']);
  });

  it('refuses other hospitals, assistants without a delegation, bad dates, and changes nothing', async () => {
    expect((await enrol(outsider, { hospitalId: orgs.waldstadt, careConsent, nickname: 'X', sex: 'female', identity: identity() })).statusCode).toBe(403);
    const assistantPerson = await createTestPerson(t, { affiliations: [{ role: 'assistant', hospitalId: orgs.waldstadt }] });
    const assistant = await signIn(t, assistantPerson);
    expect((await enrol(assistant, { hospitalId: orgs.waldstadt, careConsent, nickname: 'X', sex: 'female', identity: identity() })).statusCode).toBe(403);
    const future = await enrol(hp, { hospitalId: orgs.waldstadt, careConsent, nickname: 'X', sex: 'female', identity: { ...identity(), dateOfBirth: '2999-01-01' } });
    expect(future.statusCode).toBe(422);
    expect((await enrol(hp, { hospitalId: orgs.waldstadt, careConsent, nickname: 'X', sex: 'female', identity: { ...identity(), dateOfBirth: '27.03.2014' } })).statusCode).toBe(400);
    // text a database cannot store is bad input, not a server error
    expect((await enrol(hp, { hospitalId: orgs.waldstadt, careConsent, nickname: 'Nul\u0000Byte', sex: 'female', identity: identity() })).statusCode).toBe(400);

    // with a delegation from a health professional of that hospital, the assistant may
    const principal = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] });
    await t.database.db.insert(delegations).values({ assistantId: assistantPerson.personId, principalId: principal.personId, hospitalId: orgs.waldstadt, validFrom: new Date(t.clock.now().getTime() - 1000).toISOString(), createdAt: t.clock.now().toISOString() });
    const delegated = await signIn(t, assistantPerson);
    expect((await enrol(delegated, { hospitalId: orgs.waldstadt, careConsent, nickname: 'Via assistant', sex: 'female', identity: identity() })).statusCode).toBe(201);
  });

  it('corrects the identity, keeping duplicates out', async () => {
    const first = (await enrol(hp, { hospitalId: orgs.waldstadt, careConsent, nickname: 'A', sex: 'female', identity: identity() })).json<{ id: string; identity: { recordNumber: string } }>();
    const second = (await enrol(hp, { hospitalId: orgs.waldstadt, careConsent, nickname: 'B', sex: 'female', identity: identity() })).json<{ id: string }>();
    const corrected = { ...identity(), givenName: 'Zofia Maria' };
    expect((await t.app.inject({ method: 'PUT', url: `/api/patients/${second.id}/identity`, headers: hp.headers, payload: corrected })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/patients/${second.id}`, headers: hp.headers })).json()).toMatchObject({ identity: corrected });
    const clash = await t.app.inject({ method: 'PUT', url: `/api/patients/${second.id}/identity`, headers: hp.headers, payload: { ...corrected, recordNumber: first.identity.recordNumber } });
    expect(clash.statusCode).toBe(409);
  });
});
