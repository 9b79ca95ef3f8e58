import type { Readable } from 'node:stream';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, imagingInstances } from '../../db/schema/index.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { syntheticStudy, STUDY_DATE, toArrayBuffer, type SyntheticFile } from '../../testing/synthetic-dicom.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accept, careConsent, invite, requestPanel, someone, writeSection, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import { blobFiles, multipartBody } from '../../../tests/integration/attachments-test-app.ts';
import { tags } from './confidentiality-profile.contract.ts';
import { deidentify, firstString, readDicom, shiftDate, type DeidentificationKey } from './deidentify.contract.ts';
import { inspectUpload } from './inspect-upload.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let expert: Someone;
let outsider: Someone;
beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lena Lead');
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }]);
  expert = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Eva Expert');
  outsider = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Otto Outsider');
});
afterAll(async () => {
  await t?.close();
});

// The record number differs per enrolment (the hospital's numbers are unique); the names are the same.
let enrolments = 0;
const identity = { givenName: 'Anna', familyName: 'Kowalska', dateOfBirth: '2014-03-27', recordNumber: 'WS-778800', nationalId: '8803120045' };
const synthetic = { givenName: identity.givenName, familyName: identity.familyName, dateOfBirth: identity.dateOfBirth, recordNumber: identity.recordNumber, sex: 'F' as const };
const usMask = [{ x: 0, y: 0, width: 64, height: 8 }];

const get = (who: Someone, url: string) => t.app.inject({ method: 'GET', url, headers: who.session.headers });

async function enrol(): Promise<string> {
  enrolments += 1;
  identity.recordNumber = `WS-7788${String(enrolments).padStart(2, '0')}`;
  synthetic.recordNumber = identity.recordNumber;
  identity.nationalId = `88031200${String(enrolments).padStart(2, '0')}`;
  const response = await t.app.inject({ method: 'POST', url: '/api/patients', headers: lead.session.headers, payload: { hospitalId: orgs.waldstadt, careConsent, nickname: 'Imaging case', sex: 'female', identity } });
  expect(response.statusCode, response.body).toBe(201);
  const id = response.json<{ id: string }>().id;
  await writeSection(t, lead.session, id, 0, 'history', { medicalHistory: 'Progressive ataxia.', familyHistory: 'Unremarkable.' });
  return id;
}

const upload = (who: Someone, patientId: string, bytes: ArrayBuffer) => {
  const body = multipartBody([], { filename: 'slice.dcm', content: Buffer.from(bytes), contentType: 'application/dicom' });
  return t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/imaging/instances`, headers: { ...who.session.headers, 'content-type': body.contentType }, payload: body.payload });
};

/** The parts of a multipart/related answer. */
function parts(response: { headers: Record<string, unknown>; rawPayload: Buffer }): Buffer[] {
  const boundary = /boundary=([^;]+)/.exec(String(response.headers['content-type']))![1]!;
  const raw = response.rawPayload;
  const found: Buffer[] = [];
  let at = raw.indexOf(`--${boundary}\r\n`);
  while (at >= 0) {
    const headerEnd = raw.indexOf('\r\n\r\n', at);
    const next = raw.indexOf(`\r\n--${boundary}`, headerEnd);
    found.push(raw.subarray(headerEnd + 4, next));
    at = raw.indexOf(`--${boundary}\r\n`, next + 2);
  }
  return found;
}

async function readStream(stream: Readable): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream) pieces.push(piece as Buffer);
  return Buffer.concat(pieces);
}

interface Uploaded {
  patientId: string;
  key: DeidentificationKey;
  files: SyntheticFile[];
  deidentified: Map<string, { sopInstanceUid: string; seriesInstanceUid: string; studyInstanceUid: string; bytes: ArrayBuffer }>;
}

/** A patient with a synthetic study (CT 12 slices, MR 8, one burned-in US frame, masked), de-identified as the browser does and uploaded. */
async function uploadedStudy(): Promise<Uploaded> {
  const patientId = await enrol();
  const keyAnswer = await get(lead, `/api/patients/${patientId}/imaging/deidentification-key`);
  expect(keyAnswer.statusCode).toBe(200);
  const key = keyAnswer.json<DeidentificationKey>();
  const files = syntheticStudy(synthetic, [{ modality: 'CT', slices: 12 }, { modality: 'MR', slices: 8 }, { modality: 'US', slices: 1 }]);
  const cache = new Map<string, Promise<string>>();
  const deidentified: Uploaded['deidentified'] = new Map();
  for (const file of files) {
    const out = await deidentify(file.bytes, { key, uidCache: cache, masks: file.modality === 'US' ? usMask : [] });
    deidentified.set(file.name, out);
    const response = await upload(lead, patientId, out.bytes);
    expect(response.statusCode, response.body).toBe(201);
  }
  return { patientId, key, files, deidentified };
}

const instanceCount = async (patientId: string) => Number((await t.database.db.select({ n: count() }).from(imagingInstances).where(eq(imagingInstances.patientId, patientId)))[0]!.n);

describe('uploading a de-identified study', () => {
  it('stores every file encrypted, and decrypting and parsing each finds no identifier, no private tag, no original UID — sex and age kept, dates shifted consistently', async () => {
    const { patientId, key, files } = await uploadedStudy();
    const rows = await t.database.db.select().from(imagingInstances).where(eq(imagingInstances.patientId, patientId));
    expect(rows).toHaveLength(21);
    const originals = files.flatMap((f) => Object.values(f.original));
    const studyDates = new Set<string>();
    for (const row of rows) {
      const bytes = await readStream(await t.blobs.get({ key: row.blobKey, wrappedKey: row.wrappedKey, size: row.size }));
      const file = readDicom(toArrayBuffer(bytes));
      expect(inspectUpload(file, identity)).toEqual([]);
      expect(Object.keys(file.dict).filter((tag) => parseInt(tag.slice(0, 4), 16) % 2 === 1)).toEqual([]);
      const text = bytes.toString('latin1');
      for (const secret of [...originals, 'Kowalska', identity.recordNumber, '20140327', 'Waldstadt']) expect(text).not.toContain(secret);
      expect(firstString(file.dict, '00100040')).toBe('F');
      expect(firstString(file.dict, '00101010')).toBe('010Y');
      studyDates.add(firstString(file.dict, tags.studyDate));
    }
    expect([...studyDates]).toEqual([shiftDate(STUDY_DATE, key.dateShiftDays)]);
    // At rest the blobs are ciphertext: no DICOM preamble, no UID in the clear.
    for (const path of blobFiles(t)) expect((await import('node:fs')).readFileSync(path).includes(Buffer.from('DICM'))).toBe(false);
    const audited = await t.database.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'imaging.instanceStored')));
    expect(Number(audited[0]!.n)).toBe(21);
  });

  it('gives the same key every time, so a resumed upload maps to the same UIDs and skips files already received', async () => {
    const { patientId, key, files } = await uploadedStudy();
    const again = (await get(lead, `/api/patients/${patientId}/imaging/deidentification-key`)).json<DeidentificationKey>();
    expect(again).toEqual(key);
    for (const file of files.slice(0, 3)) {
      const response = await upload(lead, patientId, (await deidentify(file.bytes, { key: again })).bytes);
      expect(response.statusCode).toBe(200);
      expect(response.json<{ status: string }>().status).toBe('alreadyStored');
    }
    expect(await instanceCount(patientId)).toBe(21);
  });

  it('refuses, storing nothing, a file that skipped de-identification, one that claims it but keeps the name, and an unmasked ultrasound', async () => {
    const { patientId, key, files } = await uploadedStudy();
    const blobsBefore = blobFiles(t).length;
    const raw = await upload(lead, patientId, files[0]!.bytes);
    expect(raw.statusCode).toBe(422);
    expect(raw.json<{ problems: { message: string }[] }>().problems.map((p) => p.message)).toEqual(expect.arrayContaining(['PatientIdentityRemoved is not YES: the file was not de-identified', 'a private element ((0009,0010)) is present: private tags must be removed']));

    const fresh = syntheticStudy(synthetic, [{ modality: 'CT', slices: 1 }, { modality: 'US', slices: 1 }]);
    const claimed = readDicom((await deidentify(fresh[0]!.bytes, { key })).bytes);
    claimed.dict['00081090'] = { vr: 'LO', Value: ['Kowalska'] };
    const claimedAnswer = await upload(lead, patientId, claimed.write());
    expect(claimedAnswer.statusCode).toBe(422);
    expect(claimedAnswer.body).not.toContain('Kowalska');
    expect(claimedAnswer.json<{ problems: { message: string }[] }>().problems).toEqual([{ path: 'body.file', message: "(0008,1090) holds one of the patient's identifiers (name, birth date, record number or national ID)" }]);

    const unmasked = readDicom((await deidentify(fresh[1]!.bytes, { key, masks: usMask })).bytes);
    unmasked.dict[tags.deidentificationMethodCodeSequence]!.Value = unmasked.dict[tags.deidentificationMethodCodeSequence]!.Value!.filter((item) => firstString(item as never, tags.codeValue) !== '113101');
    expect((await upload(lead, patientId, unmasked.write())).statusCode).toBe(422);

    const notDicom = await upload(lead, patientId, new TextEncoder().encode('not an image').buffer);
    expect(notDicom.statusCode).toBe(415);
    expect(await instanceCount(patientId)).toBe(21);
    expect(blobFiles(t).length).toBe(blobsBefore);
    const refusals = await t.database.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'imaging.instanceRefused')));
    expect(Number(refusals[0]!.n)).toBe(3);
  });
});

describe('DICOMweb and the panel', () => {
  it('serves the hospital QIDO-RS search, metadata and WADO-RS instances and frames — the frame is the stored pixels', async () => {
    const { patientId, files, deidentified } = await uploadedStudy();
    const root = `/api/patients/${patientId}/dicomweb`;
    const studies = await get(lead, `${root}/studies`);
    expect(studies.statusCode).toBe(200);
    expect(studies.headers['content-type']).toContain('application/dicom+json');
    const [study] = studies.json<Record<string, { Value?: unknown[] }>[]>();
    const ct = deidentified.get(files[4]!.name)!;
    expect(study!['0020000D']!.Value).toEqual([ct.studyInstanceUid]);
    expect(study!['00080061']!.Value).toEqual(['CT', 'MR', 'US']);
    expect(study!['00201208']!.Value).toEqual([21]);
    const series = (await get(lead, `${root}/studies/${ct.studyInstanceUid}/series`)).json<Record<string, { Value?: unknown[] }>[]>();
    expect(series.map((s) => s['00080060']!.Value![0])).toEqual(['CT', 'MR', 'US']);
    const instances = (await get(lead, `${root}/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances`)).json<unknown[]>();
    expect(instances).toHaveLength(12);
    const metadata = (await get(lead, `${root}/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/metadata`)).json<Record<string, { Value?: unknown[] }>[]>();
    expect(metadata).toHaveLength(12);
    expect(metadata[0]!['7FE00010']).toEqual({ vr: 'OW' });

    const instanceUrl = `${root}/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${ct.sopInstanceUid}`;
    const whole = await get(lead, instanceUrl);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toContain('multipart/related; type="application/dicom"');
    expect(Buffer.compare(parts(whole)[0]!, Buffer.from(ct.bytes))).toBe(0);
    const frame = await get(lead, `${instanceUrl}/frames/1`);
    expect(frame.statusCode).toBe(200);
    const expected = Buffer.from(readDicom(ct.bytes).dict[tags.pixelData]!.Value![0] as ArrayBuffer);
    expect(Buffer.compare(parts(frame)[0]!, expected)).toBe(0);
    expect((await get(lead, `${instanceUrl}/frames/2`)).statusCode).toBe(400);
    expect((await get(lead, `${root}/studies/2.25.1/series`)).statusCode).toBe(404);
  });

  it('lets panel members open exactly the shared study, and nobody else fetch a single frame over the API or DICOMweb', async () => {
    const { patientId, files, deidentified } = await uploadedStudy();
    const { studies } = (await get(lead, `/api/patients/${patientId}/imaging/studies`)).json<{ studies: { id: string }[] }>();
    const panelId = await requestPanel(t, lead.session, { patientId, ernId: orgs.rnd });
    const shared = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/shares`, headers: lead.session.headers, payload: { recordVersion: 1, sections: [], attachments: [], studies: [{ studyId: studies[0]!.id, label: 'Brain MRI and CT 2025' }] } });
    expect(shared.statusCode, shared.body).toBe(201);
    await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/transitions/submit`, headers: lead.session.headers, payload: {} });
    await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/transitions/accept`, headers: coordinator.session.headers, payload: {} });
    await invite(t, lead.session, panelId, [expert.person.personId]);
    await accept(t, expert.session, panelId);

    const ct = deidentified.get(files[0]!.name)!;
    const frameUrl = (root: string) => `${root}/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${ct.sopInstanceUid}/frames/1`;
    const panelRoot = `/api/panels/${panelId}/dicomweb`;
    const listed = (await get(expert, `/api/panels/${panelId}/imaging/studies`)).json<{ studies: { label: string; instanceCount: number }[] }>();
    expect(listed.studies).toEqual([expect.objectContaining({ label: 'Brain MRI and CT 2025', instanceCount: 21 })]);
    const caseView = (await get(expert, `/api/panels/${panelId}/case`)).json<{ studies: { label: string }[] }>();
    expect(caseView.studies.map((s) => s.label)).toEqual(['Brain MRI and CT 2025']);
    expect((await get(expert, frameUrl(panelRoot))).statusCode).toBe(200);
    expect((await get(expert, `${panelRoot}/studies`)).json<unknown[]>()).toHaveLength(1);

    // Not through the patient's own routes, and not for a non-member.
    expect((await get(expert, frameUrl(`/api/patients/${patientId}/dicomweb`))).statusCode).toBe(404);
    expect((await get(expert, `/api/patients/${patientId}/imaging/deidentification-key`)).statusCode).toBe(404);
    expect((await get(outsider, frameUrl(panelRoot))).statusCode).toBe(404);
    expect((await get(outsider, frameUrl(`/api/patients/${patientId}/dicomweb`))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: frameUrl(panelRoot) })).statusCode).toBe(401);

    // A later share without the study takes it away.
    const reshared = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/shares`, headers: lead.session.headers, payload: { recordVersion: 1, sections: ['history'], attachments: [] } });
    expect(reshared.statusCode, reshared.body).toBe(201);
    expect((await get(expert, frameUrl(panelRoot))).statusCode).toBe(404);
    expect((await get(expert, `${panelRoot}/studies`)).json<unknown[]>()).toEqual([]);

    const retrieved = await t.database.db.select({ actor: auditEvents.actorId, details: auditEvents.details }).from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'imaging.retrieved')));
    expect(retrieved.filter((e) => e.actor === expert.person.personId)).toHaveLength(1);
    expect(retrieved.find((e) => e.actor === expert.person.personId)!.details).toEqual(expect.objectContaining({ panelId, frames: [1] }));
  });

  it('refuses to share another patient\'s study with a panel', async () => {
    const mine = await enrol();
    const other = await uploadedStudy();
    const { studies } = (await get(lead, `/api/patients/${other.patientId}/imaging/studies`)).json<{ studies: { id: string }[] }>();
    const panelId = await requestPanel(t, lead.session, { patientId: mine, ernId: orgs.rnd });
    const response = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/shares`, headers: lead.session.headers, payload: { recordVersion: 1, sections: [], attachments: [], studies: [{ studyId: studies[0]!.id, label: 'Not ours' }] } });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ detail: string }>().detail).toBe('Share only imaging studies of this patient.');
  });
});
