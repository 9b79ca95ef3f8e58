import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../app-deps.ts';
import { auditEvents, recordVersions } from '../../db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { recordsRoutes } from './records.routes.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let hp: SignedIn;
let colleague: SignedIn;
let outsider: SignedIn;
beforeAll(async () => {
  // until buildApp registers the records routes, they are added here (deps completed once the app exists)
  const late = {} as AppDeps;
  t = await createTestApp({ register: (app) => void (app.routeTable.some((r) => r.url === '/api/patients/:id/record') || app.register(recordsRoutes(late))) });
  Object.assign(late, { config: t.config, database: t.database, db: t.database.db, clock: t.clock, keys: t.keys });
  orgs = await seededOrganisations(t);
  hp = await signIn(t, await createTestPerson(t, { displayName: 'Dr Anna Berger', affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] }));
  colleague = await signIn(t, await createTestPerson(t, { displayName: 'Dr Jonas Weber', affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] }));
  outsider = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }] }));
});
afterAll(async () => {
  await t?.close();
});

const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' };
async function enrol(): Promise<string> {
  const identity = { givenName: 'Record', familyName: 'Patient', dateOfBirth: '2011-05-04', recordNumber: `R-${randomUUID().slice(0, 8)}`, nationalId: null };
  const response = await t.app.inject({ method: 'POST', url: '/api/patients', headers: hp.headers, payload: { hospitalId: orgs.waldstadt, careConsent, nickname: 'Heron', sex: 'female', identity } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}
const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
const put = (who: SignedIn, id: string, section: string, expectedVersion: number, content: unknown) =>
  t.app.inject({ method: 'PUT', url: `/api/patients/${id}/record/sections/${section}`, headers: who.headers, payload: { expectedVersion, content } });
const versionOf = async (id: string) => (await get(hp, `/api/patients/${id}/record`)).json<{ version: number }>().version;

const seizure = { type: { id: 'HP:0001250', label: 'Seizure' }, excluded: false, onset: { age: { iso8601duration: 'P2Y' } }, severity: { id: 'HP:0012828', label: 'Severe' }, note: 'clusters' };

describe('the case record', () => {
  it('starts empty at version 0, and every edit is a new version with who, when and what changed', async () => {
    const id = await enrol();
    expect((await get(hp, `/api/patients/${id}/record`)).json()).toMatchObject({ version: 0, updatedBy: null, content: { phenotypicFeatures: [], history: { medicalHistory: '' } } });

    const first = await put(hp, id, 'phenotypicFeatures', 0, [seizure, { type: { id: 'HP:0000365', label: 'Hearing impairment' }, excluded: true }]);
    expect(first.statusCode).toBe(200);
    const saved = first.json<{ version: number; content: { phenotypicFeatures: { id: string }[] } }>();
    expect(saved.version).toBe(1);
    expect(saved.content.phenotypicFeatures.map((f) => f.id)).toEqual([expect.any(String) as string, expect.any(String) as string]);

    t.clock.advance(60_000);
    const second = await put(colleague, id, 'history', 1, { medicalHistory: 'Febrile seizures from 6 months.', familyHistory: 'Maternal uncle with epilepsy.' });
    expect(second.json()).toMatchObject({ version: 2 });

    const current = (await get(hp, `/api/patients/${id}/record`)).json<{ version: number; updatedBy: { displayName: string }; content: { phenotypicFeatures: { id: string }[] } }>();
    expect(current).toMatchObject({ version: 2, updatedBy: { displayName: 'Dr Jonas Weber' }, content: { history: { familyHistory: 'Maternal uncle with epilepsy.' } } });
    // ids are stable: the second edit did not touch the features
    expect(current.content.phenotypicFeatures.map((f) => f.id)).toEqual(saved.content.phenotypicFeatures.map((f) => f.id));

    const history = (await get(hp, `/api/patients/${id}/record/versions`)).json<{ currentVersion: number; versions: unknown[] }>();
    expect(history.currentVersion).toBe(2);
    expect(history.versions).toEqual([
      { version: 2, createdAt: expect.any(String) as string, createdBy: { personId: expect.any(String) as string, displayName: 'Dr Jonas Weber' }, changedSections: ['history'], source: 'edit' },
      { version: 1, createdAt: expect.any(String) as string, createdBy: { personId: expect.any(String) as string, displayName: 'Dr Anna Berger' }, changedSections: ['phenotypicFeatures'], source: 'edit' },
    ]);
    const one = (await get(hp, `/api/patients/${id}/record/versions/1`)).json<{ content: { history: { medicalHistory: string }; phenotypicFeatures: unknown[] } }>();
    expect(one.content.history.medicalHistory).toBe('');
    expect(one.content.phenotypicFeatures).toHaveLength(2);
    expect((await get(hp, `/api/patients/${id}/record/versions/3`)).statusCode).toBe(404);
    expect((await get(hp, `/api/patients/${id}/record/versions/two`)).statusCode).toBe(400);
  });

  it('refuses a change made on a stale version with 409 naming the current one, changing nothing', async () => {
    const id = await enrol();
    expect((await put(hp, id, 'histology', 0, [{ specimen: 'Muscle biopsy', findings: 'Myopathic changes.' }])).statusCode).toBe(200);
    expect((await put(colleague, id, 'histology', 1, [{ specimen: 'Skin biopsy', findings: 'Normal.' }])).statusCode).toBe(200);
    const stale = await put(hp, id, 'histology', 1, []);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ detail: string }>().detail).toContain('now at version 2');
    expect(await versionOf(id)).toBe(2);

    // two writers on the same version at once: exactly one wins
    const answers = await Promise.all([put(hp, id, 'history', 2, { medicalHistory: 'A', familyHistory: '' }), put(colleague, id, 'history', 2, { medicalHistory: 'B', familyHistory: '' })]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await versionOf(id)).toBe(3);
  });

  it('flags laboratory results out of range, and refuses bad units, HGVS and codes with 422 (400 for a bad shape), changing nothing', async () => {
    const id = await enrol();
    const labs = [
      { analyte: 'Creatine kinase', loinc: '2157-6', value: '4250', unit: 'U/L', referenceRange: { low: '38', high: '174' }, date: '2025-12-10' },
      { analyte: 'Lactate', comparator: '<', value: '0.5', originalText: '<0.5', unit: 'mmol/L', referenceRange: { low: '0.5', high: '2.2' }, date: '2025-12' },
      { analyte: 'Sodium', value: '139', unit: 'mmol/L', referenceRange: { low: '135', high: '145' } },
    ];
    const saved = await put(hp, id, 'laboratoryResults', 0, labs);
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ content: { laboratoryResults: { outOfRange: string | null }[] } }>().content.laboratoryResults.map((r) => r.outOfRange)).toEqual(['high', 'low', null]);

    const badUnit = await put(hp, id, 'laboratoryResults', 1, [{ ...labs[0], unit: 'IU/L' }]);
    expect(badUnit.statusCode).toBe(422);
    expect(badUnit.json()).toMatchObject({ problems: [{ path: 'body.content.0.unit', message: expect.stringContaining('[IU]') as string }] });
    const badHgvs = await put(hp, id, 'genetics', 1, { tests: [], variants: [{ gene: { symbol: 'SCN1A' }, hgvs: ['NM_001165963:c.2836C>T'] }] });
    expect(badHgvs.json()).toMatchObject({ status: 422, problems: [{ path: 'body.content.variants.0.hgvs.0', message: expect.stringContaining('version') as string }] });
    const badCode = await put(hp, id, 'diagnoses', 1, [{ term: { id: 'OMIM:12345', label: 'x' }, status: 'confirmed' }]);
    expect(badCode.json()).toMatchObject({ status: 422, problems: [{ path: 'body.content.0.term.id' }] });
    const badShape = await put(hp, id, 'phenotypicFeatures', 1, [{ ...seizure, onset: { yearsOld: 2 } }]);
    expect(badShape.json()).toMatchObject({ status: 400, problems: [{ path: 'body.content.0.onset', message: expect.stringContaining('age, ageRange') as string }] });
    const badDate = await put(hp, id, 'histology', 1, [{ specimen: 'Nerve', takenOn: '2026-02-30', findings: '' }]);
    expect(badDate.json()).toMatchObject({ status: 400, problems: [{ path: 'body.content.0.takenOn' }] });
    expect((await put(hp, id, 'medications', 1, [])).statusCode).toBe(400);
    const unstorable = await put(hp, id, 'history', 1, { medicalHistory: 'pasted from a PDF\u0000', familyHistory: 'broken \ud800 pair' });
    expect(unstorable.json()).toMatchObject({ status: 422, problems: [{ path: 'body.content.medicalHistory' }, { path: 'body.content.familyHistory' }] });
    expect(await versionOf(id)).toBe(1);
  });

  it('links variants to diagnoses and will not drop a diagnosis a variant still explains', async () => {
    const id = await enrol();
    const diagnoses = (await put(hp, id, 'diagnoses', 0, [{ term: { id: 'ORPHA:33069', label: 'Dravet syndrome' }, status: 'suspected' }])).json<{ content: { diagnoses: { id: string }[] } }>();
    const diagnosisId = diagnoses.content.diagnoses[0]!.id;
    const genetics = { tests: [{ name: 'Epilepsy panel', performedOn: '2025-11', result: 'positive' }], variants: [{ gene: { symbol: 'SCN1A', hgncId: 'HGNC:10585' }, hgvs: ['NM_001165963.4:c.2836C>T'], zygosity: { id: 'GENO:0000135', label: 'heterozygous' }, inheritance: 'deNovo', classification: 'pathogenic', diagnosisId }, { structuralType: { id: 'SO:1000029', label: 'chromosomal_deletion' }, label: 'Deletion exons 2-5', hgvs: [] }] };
    expect((await put(hp, id, 'genetics', 1, genetics)).statusCode).toBe(200);
    const dropped = await put(hp, id, 'diagnoses', 2, []);
    expect(dropped.json()).toMatchObject({ status: 422, problems: [{ path: 'record.genetics.variants.0.diagnosisId' }] });
    // an edit that changes nothing makes no version
    const same = await put(hp, id, 'genetics', 2, (await get(hp, `/api/patients/${id}/record`)).json<{ content: { genetics: unknown } }>().content.genetics);
    expect(same.json()).toMatchObject({ version: 2 });
    expect(await t.database.db.select().from(recordVersions).where(eq(recordVersions.patientId, id))).toHaveLength(2);
  });

  it('is visible only within the patient\'s scope, and every read and write is audited in the hospital\'s chain', async () => {
    const id = await enrol();
    expect((await get(outsider, `/api/patients/${id}/record`)).statusCode).toBe(404);
    expect((await get(outsider, `/api/patients/${id}/record/versions`)).statusCode).toBe(404);
    expect((await put(outsider, id, 'history', 0, { medicalHistory: 'x', familyHistory: '' })).statusCode).toBe(404);
    expect(await versionOf(id)).toBe(0);

    await put(hp, id, 'history', 0, { medicalHistory: 'Seen in clinic.', familyHistory: '' });
    await get(hp, `/api/patients/${id}/record/versions`);
    await get(hp, `/api/patients/${id}/record/versions/1`);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, id), eq(auditEvents.partition, `hospital:${orgs.waldstadt}`)));
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['record.viewed', 'record.updated', 'record.historyViewed']));
    expect(events.find((e) => e.action === 'record.updated')?.details).toEqual({ version: 1, sections: ['history'] });
    const refusals = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, id), eq(auditEvents.outcome, 'denied')));
    expect(refusals.map((e) => e.targetId).sort()).toEqual(['GET /api/patients/:id/record', 'GET /api/patients/:id/record/versions', 'PUT /api/patients/:id/record/sections/:section']);
    expect(JSON.stringify(events)).not.toContain('Seen in clinic');
  });
});
