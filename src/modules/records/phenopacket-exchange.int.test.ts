import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../app-deps.ts';
import { projectRoot } from '../../platform/paths.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { diseaseCodesOf, phenopacketDigest, type PhenopacketLike } from './fixtures/phenopacket-digest.ts';
import type { CurrentRecord, PhenopacketImportResult, RecordContent } from './records.contract.ts';
import { recordsRoutes } from './records.routes.ts';


/** The 42 example phenopackets (../shared/data, SOURCES.md §3): never copied into the repository. */
const examplesFolder = path.resolve(projectRoot, '../shared/data/phenopackets');
const exampleFiles = ['schema-repo-examples', 'phenopacket-store-sample'].flatMap((sub) => {
  const folder = path.join(examplesFolder, sub);
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(folder, f)) : [];
});
const readJson = (file: string | URL) => JSON.parse(fs.readFileSync(file, 'utf8')) as PhenopacketLike & Record<string, unknown>;
const fixture = readJson(new URL('./fixtures/every-form.phenopacket.json', import.meta.url));

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let hp: SignedIn;
beforeAll(async () => {
  const late = {} as AppDeps;
  t = await createTestApp({ register: (app) => void (app.routeTable.some((r) => r.url === '/api/patients/:id/record') || app.register(recordsRoutes(late))) });
  Object.assign(late, { config: t.config, database: t.database, db: t.database.db, clock: t.clock, keys: t.keys });
  orgs = await seededOrganisations(t);
  hp = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] }));
});
afterAll(async () => {
  await t?.close();
});

const sexes: Record<string, string> = { FEMALE: 'female', MALE: 'male', OTHER_SEX: 'other' };
const familyName = () => `Exchange-${randomUUID().slice(0, 6)}`;
async function enrol(sex = 'unknown', family = familyName()): Promise<{ id: string; patientCode: string }> {
  const identity = { givenName: 'Phenopacket', familyName: family, dateOfBirth: '2009-07-15', recordNumber: `P-${randomUUID().slice(0, 8)}`, nationalId: null };
  const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'en', evidence: 'attestation' };
  const response = await t.app.inject({ method: 'POST', url: '/api/patients', headers: hp.headers, payload: { hospitalId: orgs.waldstadt, careConsent, nickname: 'Lynx', sex, identity } });
  expect(response.statusCode).toBe(201);
  return response.json();
}
const importPacket = (id: string, body: object) => t.app.inject({ method: 'POST', url: `/api/patients/${id}/record/phenopacket-import`, headers: hp.headers, payload: body });
const exportPacket = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/patients/${id}/record/phenopacket`, headers: hp.headers })).json<PhenopacketLike>();
const currentRecord = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/patients/${id}/record`, headers: hp.headers })).json<CurrentRecord>();

/** The record's own items, digested like a phenopacket: the API must return them as structured data. */
const recordDigest = (content: RecordContent) => {
  const diagnosisCode = new Map(content.diagnoses.map((d) => [d.id, d.term.id]));
  return {
    features: content.phenotypicFeatures.map((f) => [f.type.id, f.excluded ? 'excluded' : 'observed', f.onset ? JSON.stringify(f.onset) : '-'].join(' | ')).sort(),
    diseases: content.diagnoses.map((d) => d.term.id).sort(),
    variants: content.genetics.variants.map((v) => [[...v.hgvs].sort().join(',') || '-', v.structuralType?.id ?? '-', (v.diagnosisId && diagnosisCode.get(v.diagnosisId)) ?? '-'].join(' | ')).sort(),
  };
};
const originalDigest = (packet: PhenopacketLike) => ({
  features: (packet.phenotypicFeatures ?? []).map((f) => [f.type.id, f.excluded ? 'excluded' : 'observed', f.onset ? JSON.stringify(f.onset) : '-'].join(' | ')).sort(),
  variants: phenopacketDigest(packet).variants.map((v) => v.split(' | ')).map((p) => [p[0], p[1], p[6]].join(' | ')).sort(),
});

describe('Phenopacket v2 exchange with the 42 examples', () => {
  it('has the examples (required in CI)', () => {
    if (process.env.CI === 'true') expect(exampleFiles, `the example phenopackets are missing from ${examplesFolder}`).toHaveLength(42);
  });

  it.skipIf(exampleFiles.length === 0 && process.env.CI !== 'true')('imports each one, returns it as structured data, keeps an API edit and exports every feature, disease and variant', async () => {
    expect(exampleFiles).toHaveLength(42);
    const timings: { file: string; ms: number }[] = [];
    let structural = 0;
    for (const file of exampleFiles) {
      const packet = readJson(file);
      const name = path.basename(file);
      const patient = await enrol(sexes[packet.subject?.sex ?? ''] ?? 'unknown');
      const started = performance.now();
      const imported = await importPacket(patient.id, { expectedVersion: 0, mode: 'replace', phenopacket: packet });
      timings.push({ file: name, ms: performance.now() - started });
      expect(imported.statusCode, `${name}: ${imported.body.slice(0, 500)}`).toBe(200);
      expect(imported.json<PhenopacketImportResult>(), name).toMatchObject({ preview: false, version: 1 });

      // the API gives the features (ids, excluded flags, onsets), diseases and variants back as structured data
      const record = await currentRecord(patient.id);
      const original = phenopacketDigest(packet);
      const structured = recordDigest(record.content);
      expect(structured.features, name).toEqual(originalDigest(packet).features);
      expect(structured.variants, name).toEqual(originalDigest(packet).variants);
      expect(structured.diseases, name).toEqual(diseaseCodesOf(packet));
      expect(record.content.phenotypicFeatures.every((f) => typeof f.id === 'string'), name).toBe(true);
      structural += record.content.genetics.variants.filter((v) => v.hgvs.length === 0 && v.structuralType).length;

      // the export keeps everything (diseases named only by an interpretation are added to the diseases)
      const exported = phenopacketDigest(await exportPacket(patient.id));
      expect(exported.features, name).toEqual(original.features);
      expect(exported.variants, name).toEqual(original.variants);
      expect(exported.diseases, name).toEqual(expect.arrayContaining(original.diseases));

      // an edit through the API shows in the next export
      const features = record.content.phenotypicFeatures;
      const edited = [{ ...features[0], excluded: !features[0]!.excluded, onset: { ageRange: { start: { iso8601duration: 'P1Y' }, end: { iso8601duration: 'P2Y' } } } }, ...features.slice(1)];
      const saved = await t.app.inject({ method: 'PUT', url: `/api/patients/${patient.id}/record/sections/phenotypicFeatures`, headers: hp.headers, payload: { expectedVersion: 1, content: edited } });
      expect(saved.statusCode, name).toBe(200);
      const after = (await exportPacket(patient.id)).phenotypicFeatures ?? [];
      expect(after[0], name).toMatchObject({ type: { id: features[0]!.type.id }, onset: { ageRange: { start: { iso8601duration: 'P1Y' } } } });
      expect(after[0]!.excluded === true, name).toBe(!features[0]!.excluded);
    }
    expect(structural).toBe(2);
    // import times for the issue note: measured, never asserted
    const ms = timings.map((x) => x.ms).sort((a, b) => a - b);
    const perFile = timings.map((x) => `  ${x.ms.toFixed(1).padStart(6)} ms  ${x.file}`).join('\n');
    console.info(`phenopacket import on ${t.database.kind}: ${ms.length} files, median ${ms[Math.floor(ms.length / 2)]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms\n${perFile}`);
  }, 300_000);
});

describe('Phenopacket import and export', () => {
  it('previews without saving, then saves; merge adds to the record; a stale version is refused', async () => {
    const patient = await enrol('female');
    const preview = await importPacket(patient.id, { expectedVersion: 0, mode: 'replace', preview: true, phenopacket: fixture });
    expect(preview.json()).toMatchObject({ preview: true, version: 0, changedSections: ['phenotypicFeatures', 'laboratoryResults', 'genetics', 'diagnoses'] });
    expect(preview.json<{ notImported: { path: string }[] }>().notImported.map((n) => n.path)).toContain('body.phenopacket.subject.dateOfBirth');
    expect((await currentRecord(patient.id)).version).toBe(0);

    expect((await importPacket(patient.id, { expectedVersion: 0, mode: 'replace', phenopacket: fixture })).json()).toMatchObject({ version: 1 });
    const more = { phenotypicFeatures: [{ type: { id: 'HP:0001251', label: 'Ataxia' } }], metaData: { phenopacketSchemaVersion: '2.0' } };
    expect((await importPacket(patient.id, { expectedVersion: 0, mode: 'merge', phenopacket: more })).statusCode).toBe(409);
    const merged = await importPacket(patient.id, { expectedVersion: 1, mode: 'merge', phenopacket: more });
    expect(merged.json()).toMatchObject({ version: 2, changedSections: ['phenotypicFeatures'] });
    expect((await currentRecord(patient.id)).content.phenotypicFeatures).toHaveLength(9);
    const versions = (await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}/record/versions`, headers: hp.headers })).json<{ versions: { source: string }[] }>();
    expect(versions.versions.map((v) => v.source)).toEqual(['phenopacketImport', 'phenopacketImport']);
  });

  it('answers a bad file with a list of problems and changes nothing', async () => {
    const patient = await enrol();
    expect((await importPacket(patient.id, { expectedVersion: 0, mode: 'replace', phenopacket: fixture })).statusCode).toBe(200);
    const withFeature = (feature: object) => ({ ...fixture, phenotypicFeatures: [feature] });
    const badHgvs = structuredClone(fixture);
    badHgvs.interpretations![0]!.diagnosis!.genomicInterpretations![0]!.variantInterpretation!.variationDescriptor.expressions![0]!.value = 'NM_001165963.4:c.2836CT';
    const bad: [string, unknown, string][] = [
      ['not a JSON object', '{"id": "x"}', 'body.phenopacket'],
      ['wrong types', { ...fixture, phenotypicFeatures: { type: 'HP:0001250' } }, 'body.phenopacket.phenotypicFeatures'],
      ['unknown onset form', withFeature({ type: { id: 'HP:0001250' }, onset: { decade: 2 } }), 'body.phenopacket.phenotypicFeatures.0.onset'],
      ['malformed HGVS', badHgvs, 'body.phenopacket.interpretations.0.diagnosis.genomicInterpretations.0.variantInterpretation.variationDescriptor.expressions.0.value'],
      ['missing feature type id', withFeature({ type: { label: 'Seizure' } }), 'body.phenopacket.phenotypicFeatures.0.type.id'],
    ];
    for (const [what, phenopacket, problemPath] of bad) {
      const answer = await importPacket(patient.id, { expectedVersion: 1, mode: 'replace', phenopacket });
      expect(answer.statusCode, what).toBe(422);
      expect(answer.json<{ problems: { path: string }[] }>().problems.map((p) => p.path), what).toContain(problemPath);
    }
    expect((await currentRecord(patient.id)).version).toBe(1);
  });

  it('exports a pseudonymous phenopacket: the platform id, never the name or date of birth', async () => {
    const family = familyName();
    const patient = await enrol('male', family);
    const empty = await exportPacket(patient.id);
    expect(empty).toMatchObject({ id: `${patient.patientCode}-v0`, subject: { id: patient.patientCode, sex: 'MALE' }, metaData: { phenopacketSchemaVersion: '2.0' } });
    await importPacket(patient.id, { expectedVersion: 0, mode: 'replace', phenopacket: fixture });
    const response = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}/record/phenopacket`, headers: hp.headers });
    expect(response.headers['content-disposition']).toContain(`${patient.patientCode}-phenopacket.json`);
    expect(response.body).not.toContain(family);
    expect(response.body).not.toContain('2009-07-15');
    expect(response.body).not.toContain('dateOfBirth');
    expect(response.json<PhenopacketLike>().subject).toEqual({ id: patient.patientCode, sex: 'MALE' });
  });
});
