import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../../db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn } from '../../testing/actors.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { blobFiles, createAttachmentsTestApp, multipartBody, pdfFile, pngFile, TEST_MAX_UPLOAD_BYTES, uploadRequest, vcfFile } from '../../../tests/integration/attachments-test-app.ts';

const careConsent = { givenBy: 'legalRepresentative', representativeRelation: 'mother', givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

let t: TestApp;
let hp: SignedIn;
let outsider: SignedIn;
let patientId: string;
beforeAll(async () => {
  t = await createAttachmentsTestApp();
  const orgs = await seededOrganisations(t);
  hp = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }] }));
  outsider = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }] }));
  const identity = { givenName: 'Refused', familyName: 'Files', dateOfBirth: '2016-04-05', recordNumber: `RF-${randomUUID().slice(0, 8)}`, nationalId: null };
  patientId = (await t.app.inject({ method: 'POST', url: '/api/patients', headers: hp.headers, payload: { hospitalId: orgs.waldstadt, careConsent, nickname: 'Hedgehog', sex: 'male', identity } })).json<{ id: string }>().id;
});
afterAll(async () => {
  await t?.close();
});

const rowsOfPatient = async () => (await t.database.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.patientId, patientId))).length;

/** Runs a refused upload and proves it left nothing: no row for the patient, no file in the blob folder. */
async function refusedLeavingNothing(request: ReturnType<typeof uploadRequest>, status: number, detail?: RegExp) {
  const rows = await rowsOfPatient();
  const files = blobFiles(t).length;
  const response = await t.app.inject(request);
  expect(response.statusCode, response.body).toBe(status);
  if (detail) expect(response.json<{ detail: string }>().detail).toMatch(detail);
  expect(await rowsOfPatient()).toBe(rows);
  expect(blobFiles(t).length).toBe(files);
  return response;
}

describe('refused uploads store nothing', () => {
  it('refuses a file over the limit with 413', async () => {
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'image']], { filename: 'big.png', content: pngFile(randomBytes(TEST_MAX_UPLOAD_BYTES)) }), 413, /larger than the limit/);
  });

  it('refuses content that is not an accepted type with 415, whatever its name', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(4000)]);
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'document']], { filename: 'setup.exe', content: exe }), 415);
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'document']], { filename: 'report.pdf', content: Buffer.from('<!doctype html><script>alert(1)</script>'), contentType: 'application/pdf' }), 415, /not accepted as document/);
    // accepted types, but not for this kind
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'image']], { filename: 'trio.vcf', content: vcfFile() }), 415);
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'vcf']], { filename: 'scan.pdf', content: pdfFile('x') }), 415);
  });

  it('refuses photographs until the patient consents to them', async () => {
    const photo = { filename: 'face.png', content: pngFile() };
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'photograph']], photo), 403, /photograph consent/);
    const consent = await t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/consents`, headers: hp.headers, payload: { ...careConsent, kind: 'photographs', scope: null } });
    expect(consent.statusCode).toBe(201);
    expect((await t.app.inject(uploadRequest(hp, patientId, [['kind', 'photograph']], photo))).statusCode).toBe(201);
  });

  it('refuses malformed forms: no file, no kind, the kind after the file, two files', async () => {
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'document']]), 400, /Attach a file/);
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['description', 'no kind']], { filename: 'a.pdf', content: pdfFile('a') }), 400);
    await refusedLeavingNothing(uploadRequest(hp, patientId, [], { filename: 'a.pdf', content: pdfFile('a') }, [['kind', 'document']]), 400, /before the file/);
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'document']], { filename: 'a.pdf', content: pdfFile('a') }, [{ filename: 'b.pdf', content: pdfFile('b') }]), 400, /exactly one file/);
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'document']], { filename: 'a.pdf', content: pdfFile('a') }, [['description', 'late']]), 400, /exactly one file/);
    await refusedLeavingNothing(uploadRequest(hp, patientId, [['kind', 'document'], ['kind', 'image']], { filename: 'a.pdf', content: pdfFile('a') }), 400, /twice/);
  });
});

describe('who may', () => {
  it('hides the patient\'s files from another hospital (404) and from the anonymous (401)', async () => {
    const view = (await t.app.inject(uploadRequest(hp, patientId, [['kind', 'document']], { filename: 'a.pdf', content: pdfFile('mine') }))).json<{ id: string }>();
    const routes = [
      { method: 'GET' as const, url: `/api/patients/${patientId}/attachments` },
      { method: 'GET' as const, url: `/api/patients/${patientId}/attachments/${view.id}/content` },
      { method: 'DELETE' as const, url: `/api/patients/${patientId}/attachments/${view.id}` },
    ];
    for (const route of routes) {
      expect((await t.app.inject({ ...route, headers: outsider.headers })).statusCode, route.url).toBe(404);
      expect((await t.app.inject(route)).statusCode, route.url).toBe(401);
    }
    await refusedLeavingNothing(uploadRequest(outsider, patientId, [['kind', 'document']], { filename: 'b.pdf', content: pdfFile('theirs') }), 404);
    await refusedLeavingNothing(uploadRequest(undefined, patientId, [['kind', 'document']], { filename: 'b.pdf', content: pdfFile('theirs') }), 401);
    // an attachment of this patient is not reachable through another patient's URL
    expect((await t.app.inject({ method: 'GET', url: `/api/patients/${randomUUID()}/attachments/${view.id}/content`, headers: hp.headers })).statusCode).toBe(404);
  });

  it('answers a refused upload at once, over real HTTP, without reading the body the client is still sending', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    let sent = 0;
    // An upload that never ends: only an answer given before the body is read can arrive.
    const endless = new Readable({
      read() {
        sent += 65_536;
        this.push(Buffer.alloc(65_536, 0x41));
      },
    });
    const head = multipartBody([['kind', 'document']]).contentType;
    const started = Date.now();
    const response = await fetch(`${address}/api/patients/${patientId}/attachments`, { method: 'POST', headers: { ...outsider.headers, 'content-type': head }, body: Readable.toWeb(endless) as ReadableStream, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(404);
    expect(response.headers.get('connection')).toBe('close');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    endless.destroy();
  });
});
