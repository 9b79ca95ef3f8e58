import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, auditEvents } from '../../db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn } from '../../testing/actors.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { blobFiles, createAttachmentsTestApp, pdfFile, pngFile, uploadRequest, vcfFile } from '../../../tests/integration/attachments-test-app.ts';
import type { AttachmentList, AttachmentView } from './attachments.contract.ts';

const careConsent = { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

let t: TestApp;
let hp: SignedIn;
let colleague: SignedIn;
let hospitalId: string;
beforeAll(async () => {
  t = await createAttachmentsTestApp();
  const orgs = await seededOrganisations(t);
  hospitalId = orgs.waldstadt;
  hp = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId, ernId: orgs.rnd }] }));
  colleague = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId }] }));
});
afterAll(async () => {
  await t?.close();
});

async function newPatient(): Promise<string> {
  const identity = { givenName: 'Ada', familyName: 'Files', dateOfBirth: '2015-02-03', recordNumber: `AT-${randomUUID().slice(0, 8)}`, nationalId: null };
  const response = await t.app.inject({ method: 'POST', url: '/api/patients', headers: hp.headers, payload: { hospitalId, careConsent, nickname: 'Owl', sex: 'female', identity } });
  return response.json<{ id: string }>().id;
}

const content = (patientId: string, attachmentId: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/patients/${patientId}/attachments/${attachmentId}/content`, headers: { ...colleague.headers, ...headers } });

const auditActions = async (patientId: string) => (await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.patientId, patientId)).orderBy(asc(auditEvents.occurredAt), asc(auditEvents.seq))).map((e) => e.action);

describe('attachments', () => {
  it('uploads a PDF and gives the very bytes back as a download, audited both ways', async () => {
    const patientId = await newPatient();
    const pdf = pdfFile('round trip');
    const uploaded = await t.app.inject(uploadRequest(hp, patientId, [['kind', 'report'], ['description', 'Discharge letter']], { filename: 'Entlassbrief März.pdf', content: pdf, contentType: 'text/html' }));
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const view = uploaded.json<AttachmentView>();
    expect(view).toMatchObject({ patientId, kind: 'report', fileName: 'Entlassbrief März.pdf', description: 'Discharge letter', mediaType: 'application/pdf', size: pdf.length });

    const download = await content(patientId, view.id);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers).toMatchObject({ 'content-type': 'application/pdf', 'content-length': String(pdf.length), 'x-content-type-options': 'nosniff', 'accept-ranges': 'bytes', 'cache-control': 'private, no-store' });
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Entlassbrief M_rz.pdf"; filename*=UTF-8''Entlassbrief%20M%C3%A4rz.pdf`);

    const list = await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}/attachments`, headers: colleague.headers });
    expect(list.json<AttachmentList>().attachments).toEqual([view]);
    expect(await auditActions(patientId)).toEqual(expect.arrayContaining(['attachment.uploaded', 'attachment.downloaded', 'patient.viewed']));
  });

  it('answers ranges with 206, across the encryption\'s chunk boundaries', async () => {
    const patientId = await newPatient();
    const png = pngFile(randomBytes(200_000));
    const view = (await t.app.inject(uploadRequest(hp, patientId, [['kind', 'image']], { filename: 'fundus.png', content: png }))).json<AttachmentView>();
    expect(view.mediaType).toBe('image/png');

    const middle = await content(patientId, view.id, { range: 'bytes=65530-131080' });
    expect(middle.statusCode).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 65530-131080/${png.length}`);
    expect(middle.rawPayload.equals(png.subarray(65530, 131081))).toBe(true);
    const tail = await content(patientId, view.id, { range: 'bytes=-100' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(png.subarray(png.length - 100))).toBe(true);
    const open = await content(patientId, view.id, { range: `bytes=${png.length - 5}-` });
    expect(open.rawPayload.equals(png.subarray(png.length - 5))).toBe(true);

    const beyond = await content(patientId, view.id, { range: `bytes=${png.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${png.length}`);
    // a range of a different version of the file is not served: the whole file is
    const stale = await content(patientId, view.id, { range: 'bytes=0-9', 'if-range': '"not-this-one"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.equals(png)).toBe(true);
  });

  it('accepts a plain-text VCF and offers names that cannot mislead or escape', async () => {
    const patientId = await newPatient();
    const uploaded = await t.app.inject(uploadRequest(hp, patientId, [['kind', 'vcf']], { filename: '..\\..\\etc/trio\u202Efcv.exe', content: vcfFile() }));
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const view = uploaded.json<AttachmentView>();
    expect(view).toMatchObject({ mediaType: 'text/x-vcf', fileName: 'trio_fcv.exe.vcf' });
    const download = await content(patientId, view.id);
    expect(download.headers['content-type']).toBe('text/x-vcf; charset=utf-8');
    expect(download.body).toBe(vcfFile().toString());
  });

  it('deletes softly: gone from the list and the download, the row kept, the deletion audited', async () => {
    const patientId = await newPatient();
    const view = (await t.app.inject(uploadRequest(hp, patientId, [['kind', 'document']], { filename: 'scan.pdf', content: pdfFile('to delete') }))).json<AttachmentView>();
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/patients/${patientId}/attachments/${view.id}`, headers: colleague.headers });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}/attachments`, headers: hp.headers })).json<AttachmentList>().attachments).toEqual([]);
    expect((await content(patientId, view.id)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/patients/${patientId}/attachments/${view.id}`, headers: hp.headers })).statusCode).toBe(404);
    const [row] = await t.database.db.select().from(attachments).where(eq(attachments.id, view.id));
    expect(row?.deletedAt).not.toBeNull();
    expect(await auditActions(patientId)).toContain('attachment.deleted');
  });

  it('keeps content, file name and description out of the blob files, the database and the logs', async () => {
    const patientId = await newPatient();
    const sentinel = 'Sentinelcontentqx';
    const uploaded = await t.app.inject(uploadRequest(hp, patientId, [['kind', 'document'], ['description', 'Sentineldescriptionqx letter']], { filename: 'Sentinelfilenameqx.pdf', content: pdfFile(`${sentinel} `.repeat(10_000)) }));
    expect(uploaded.statusCode).toBe(201);
    await content(patientId, uploaded.json<AttachmentView>().id);
    await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}/attachments`, headers: hp.headers });

    const files = blobFiles(t);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(fs.readFileSync(file).includes(Buffer.from(sentinel)), file).toBe(false);
    const rows = await t.database.db.execute(sql`SELECT a::text AS r FROM attachments a UNION ALL SELECT e::text FROM audit_events e`);
    const dump = (rows as { rows: { r: string }[] }).rows.map((row) => row.r).join('\n').toLowerCase();
    const logs = t.logLines.join('\n').toLowerCase();
    for (const value of [sentinel, 'Sentinelfilenameqx', 'Sentineldescriptionqx'].map((v) => v.toLowerCase())) {
      expect(dump.includes(value), `${value} in the database`).toBe(false);
      expect(logs.includes(value), `${value} in the logs`).toBe(false);
    }
  });

  it('refuses to serve a damaged file: a 500 before any byte, not a corrupt download', async () => {
    const patientId = await newPatient();
    const view = (await t.app.inject(uploadRequest(hp, patientId, [['kind', 'document']], { filename: 'scan.pdf', content: pdfFile('to damage') }))).json<AttachmentView>();
    const [row] = await t.database.db.select({ blobKey: attachments.blobKey }).from(attachments).where(eq(attachments.id, view.id));
    const file = blobFiles(t).find((f) => f.endsWith(row!.blobKey))!;
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const download = await content(patientId, view.id);
    expect(download.statusCode).toBe(500);
    expect(download.headers['content-type']).toMatch(/problem\+json/);
    expect(download.body).not.toContain('to damage');
  });

  it('describes the routes in the OpenAPI document', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, object> }>().paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/patients/{id}/attachments', '/api/patients/{id}/attachments/{attachmentId}/content', '/api/patients/{id}/attachments/{attachmentId}']));
  });
});
