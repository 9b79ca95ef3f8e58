import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, auditEvents, consents } from '../../db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { testDatabaseKind } from '../../testing/test-database.ts';
import { pdfFile, pngFile, uploadRequest, vcfFile, type FilePart } from '../../../tests/integration/attachments-test-app.ts';
import type { ConsentList } from './consent.contract.ts';
import { insertConsent } from './consents.ts';

const careConsent = { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;
const photographs = { ...careConsent, kind: 'photographs', scope: null, formVersion: 'photo-2026-1' } as const;

let t: TestApp;
let hp: SignedIn;
let hpId: string;
let hospitalId: string;
beforeAll(async () => {
  t = await createTestApp();
  const orgs = await seededOrganisations(t);
  hospitalId = orgs.waldstadt;
  const person = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId, ernId: orgs.rnd }] });
  hpId = person.personId;
  hp = await signIn(t, person);
});
afterAll(async () => {
  await t?.close();
});

async function newPatient(): Promise<string> {
  const identity = { givenName: 'Ada', familyName: 'Evidence', dateOfBirth: '2014-03-04', recordNumber: `EV-${randomUUID().slice(0, 8)}`, nationalId: null };
  const response = await t.app.inject({ method: 'POST', url: '/api/patients', headers: hp.headers, payload: { hospitalId, careConsent, nickname: 'Wren', sex: 'female', identity } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function upload(patientId: string, kind: string, file: FilePart = { filename: 'Einwilligung unterschrieben.pdf', content: pdfFile('signed consent') }): Promise<string> {
  const response = await t.app.inject(uploadRequest(hp, patientId, [['kind', kind], ['description', 'Signed form']], file));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

const record = (patientId: string, body: object) => t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/consents`, headers: hp.headers, payload: body });
const attach = (patientId: string, consentId: string, attachmentId: string) =>
  t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/consents/${consentId}/evidence`, headers: hp.headers, payload: { attachmentId } });
const consentRows = (patientId: string) => t.database.db.select().from(consents).where(eq(consents.patientId, patientId)).orderBy(asc(consents.recordedAt));
const auditOf = async (patientId: string) => t.database.db.select({ action: auditEvents.action, targetId: auditEvents.targetId, details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.patientId, patientId));

describe('consent evidence', () => {
  it('records a consent with its signed form uploaded first as a consent form, and links the form', async () => {
    const patientId = await newPatient();
    const formId = await upload(patientId, 'consentForm');
    const recorded = await record(patientId, { ...photographs, evidence: 'upload', evidenceAttachmentId: formId });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const photo = recorded.json<ConsentList>().consents.find((c) => c.kind === 'photographs')!;
    expect(photo).toMatchObject({ evidence: 'upload', evidenceAttachmentId: formId, active: true });
    expect(recorded.json<ConsentList>().consents.find((c) => c.kind === 'care')).toMatchObject({ evidence: 'attestation', evidenceAttachmentId: null });

    // the form behind the link is the file uploaded
    const form = await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}/attachments/${formId}/content`, headers: hp.headers });
    expect(form.rawPayload.equals(pdfFile('signed consent'))).toBe(true);
    const events = await auditOf(patientId);
    expect(events).toContainEqual({ action: 'consent.recorded', targetId: photo.id, details: { kind: 'photographs', evidenceAttachmentId: formId } });
  });

  it('accepts scans (PNG) as consent forms, and refuses content that is no form', async () => {
    const patientId = await newPatient();
    await upload(patientId, 'consentForm', { filename: 'scan.png', content: pngFile() });
    const vcf = await t.app.inject(uploadRequest(hp, patientId, [['kind', 'consentForm']], { filename: 'form.pdf', content: vcfFile() }));
    expect(vcf.statusCode).toBe(415);
    expect(vcf.json<{ detail: string }>().detail).toContain('application/pdf, image/png, image/jpeg, image/tiff');
  });

  it('refuses evidence of another patient, of the wrong kind, deleted or unknown: 422, nothing recorded', async () => {
    const patientId = await newPatient();
    const otherPatientForm = await upload(await newPatient(), 'consentForm');
    const letter = await upload(patientId, 'document');
    const deleted = await upload(patientId, 'consentForm');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/patients/${patientId}/attachments/${deleted}`, headers: hp.headers })).statusCode).toBe(204);
    const before = await consentRows(patientId);

    for (const attachmentId of [otherPatientForm, letter, deleted, randomUUID()]) {
      const refused = await record(patientId, { ...photographs, evidence: 'upload', evidenceAttachmentId: attachmentId });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'unprocessable', problems: [{ path: 'body.evidenceAttachmentId' }] });
    }
    // evidence and attachment must agree
    expect((await record(patientId, { ...photographs, evidence: 'upload' })).statusCode).toBe(400);
    expect((await record(patientId, { ...photographs, evidence: 'attestation', evidenceAttachmentId: letter })).statusCode).toBe(400);
    expect((await record(patientId, { ...photographs, evidence: 'upload', evidenceAttachmentId: 'not-an-id' })).statusCode).toBe(400);
    expect(await consentRows(patientId)).toEqual(before);
  });

  it('attaches the signed form to the care consent of enrolment afterwards, once, audited', async () => {
    const patientId = await newPatient();
    const [care] = await consentRows(patientId);
    expect(care).toMatchObject({ kind: 'care', evidence: 'attestation', evidenceAttachmentId: null });
    const letter = await upload(patientId, 'document');
    const foreign = await upload(await newPatient(), 'consentForm');
    for (const attachmentId of [letter, foreign]) expect((await attach(patientId, care!.id, attachmentId)).statusCode).toBe(422);
    expect(await consentRows(patientId)).toEqual([care]);

    const formId = await upload(patientId, 'consentForm');
    const attached = await attach(patientId, care!.id, formId);
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json<ConsentList>().consents).toEqual([expect.objectContaining({ id: care!.id, evidence: 'upload', evidenceAttachmentId: formId, active: true })]);
    expect(await auditOf(patientId)).toContainEqual({ action: 'consent.evidenceAttached', targetId: care!.id, details: { kind: 'care', attachmentId: formId } });

    const again = await attach(patientId, care!.id, await upload(patientId, 'consentForm'));
    expect(again.statusCode).toBe(409);
    expect((await consentRows(patientId))[0]!.evidenceAttachmentId).toBe(formId);
    // a consent of another patient is not found through this one
    const [otherCare] = await consentRows(await newPatient());
    expect((await attach(patientId, otherCare!.id, formId)).statusCode).toBe(404);
  });

  it('keeps a signed form a consent cites: its deletion is refused with 409, other consent forms can go', async () => {
    const patientId = await newPatient();
    const formId = await upload(patientId, 'consentForm');
    const spare = await upload(patientId, 'consentForm');
    expect((await record(patientId, { ...photographs, evidence: 'upload', evidenceAttachmentId: formId })).statusCode).toBe(201);

    const refused = await t.app.inject({ method: 'DELETE', url: `/api/patients/${patientId}/attachments/${formId}`, headers: hp.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ detail: string }>().detail).toBe('This file is the signed form of a consent and is kept as its evidence; it cannot be deleted.');
    const [row] = await t.database.db.select({ deletedAt: attachments.deletedAt }).from(attachments).where(eq(attachments.id, formId));
    expect(row!.deletedAt).toBeNull();
    expect((await auditOf(patientId)).filter((e) => e.action === 'attachment.deleted')).toEqual([]);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/patients/${patientId}/attachments/${spare}`, headers: hp.headers })).statusCode).toBe(204);
  });

  it.runIf(testDatabaseKind() === 'postgres')('orders a deletion racing a citation of the same form: the deletion waits, then refuses', async () => {
    const patientId = await newPatient();
    const formId = await upload(patientId, 'consentForm');
    let commit!: () => void;
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    let cited!: () => void;
    const citing = new Promise<void>((resolve) => (cited = resolve));
    const citation = t.database.db.transaction(async (tx) => {
      await insertConsent(tx, t, { personId: hpId }, { id: patientId, hospitalId }, { ...photographs, evidence: 'upload', evidenceAttachmentId: formId }, '127.0.0.1');
      cited();
      await mayCommit;
    });
    await citing;
    const deletion = t.app.inject({ method: 'DELETE', url: `/api/patients/${patientId}/attachments/${formId}`, headers: hp.headers });
    // Until the deletion waits for the attachment's row lock (no sleeping: PostgreSQL says when it waits).
    const waiting = sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%"attachments"%'`;
    const waits = async () => ((await t.database.db.execute(waiting)) as { rows: { n: number }[] }).rows[0]!.n > 0;
    while (!(await waits())) await new Promise((resolve) => setImmediate(resolve));
    commit();
    await citation;
    expect((await deletion).statusCode).toBe(409);
  });
});
