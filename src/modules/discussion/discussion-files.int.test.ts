import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, consents, panelFiles } from '../../db/schema/index.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { blobFiles, multipartBody, pdfFile, pngFile, type FilePart } from '../../../tests/integration/attachments-test-app.ts';
import { accept, invite, openPanel, patientWithRecord, someone, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import type { DiscussionFileView, MessagePage, MessageView } from './discussion.contract.ts';

const MAX_BYTES = 64 * 1024;

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let member: Someone;
let outsider: Someone;
let patientId: string;
let panelId: string;

beforeAll(async () => {
  t = await createTestApp({ env: { CPMS_MAX_UPLOAD_BYTES: String(MAX_BYTES) } });
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lead');
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }]);
  member = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Member');
  outsider = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
  patientId = await patientWithRecord(t, lead.session, orgs.waldstadt);
  panelId = await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);
  await invite(t, lead.session, panelId, [member.person.personId]);
  await accept(t, member.session, panelId);
});
afterAll(async () => {
  await t?.close();
});

const upload = (who: Someone, file: FilePart, panel = panelId, fields: [string, string][] = []) => {
  const body = multipartBody(fields, file);
  return t.app.inject({ method: 'POST', url: `/api/panels/${panel}/files`, headers: { ...who.session.headers, 'content-type': body.contentType }, payload: body.payload });
};
const download = (who: Someone, fileId: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/panels/${panelId}/files/${fileId}/content`, headers: { ...who.session.headers, ...headers } });
const post = (who: Someone, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/messages`, headers: who.session.headers, payload: body });
const fileRows = async () => t.database.db.select().from(panelFiles).where(eq(panelFiles.panelId, panelId));

describe('files in the discussion', () => {
  it('uploads a file (name sealed at rest), posts it with a message, and lets members download it, audited', async () => {
    const uploaded = await upload(member, { filename: 'MRI-Kowalska.pdf', content: pdfFile('discussion sentinel'), contentType: 'application/pdf' });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const file = uploaded.json<DiscussionFileView>();
    expect(file).toMatchObject({ fileName: 'MRI-Kowalska.pdf', mediaType: 'application/pdf', uploadedBy: { personId: member.person.personId } });
    const [row] = await t.database.db.select().from(panelFiles).where(eq(panelFiles.id, file.id));
    expect(row!.sealedFileName).not.toContain('Kowalska');
    expect(row!.messageId).toBeNull();

    // Not posted yet: nobody downloads it.
    expect((await download(member, file.id)).statusCode).toBe(404);
    const message = await post(member, { body: 'The MRI report.', fileIds: [file.id] });
    expect(message.statusCode, message.body).toBe(201);
    expect(message.json<MessageView>().files.map((f) => f.id)).toEqual([file.id]);

    const got = await download(lead, file.id);
    expect(got.statusCode).toBe(200);
    expect(got.body).toContain('discussion sentinel');
    expect(got.headers['content-disposition']).toContain('attachment; filename="MRI-Kowalska.pdf"');
    expect(got.headers['content-type']).toBe('application/pdf');
    const ranged = await download(lead, file.id, { range: 'bytes=0-3' });
    expect([ranged.statusCode, ranged.body]).toEqual([206, '%PDF']);
    const audited = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'discussion.fileDownloaded'), eq(auditEvents.targetId, file.id)));
    expect(audited).toHaveLength(2);
    expect(audited[0]).toMatchObject({ patientId, actorId: lead.person.personId });

    // Coordinators see that a file was posted, but the file is the members'.
    const seen = (await t.app.inject({ method: 'GET', url: `/api/panels/${panelId}/messages`, headers: coordinator.session.headers })).json<MessagePage>();
    expect(seen.canOpenFiles).toBe(false);
    expect((await download(coordinator, file.id)).statusCode).toBe(403);
    expect((await download(outsider, file.id)).statusCode).toBe(404);
  });

  it('refuses content it does not accept, files over the limit and extra fields, keeping nothing', async () => {
    const before = (await fileRows()).length;
    const blobs = blobFiles(t).length;
    expect((await upload(member, { filename: 'notes.pdf', content: Buffer.from('just text, not a PDF'), contentType: 'application/pdf' })).statusCode).toBe(415);
    expect((await upload(member, { filename: 'big.png', content: pngFile(Buffer.alloc(MAX_BYTES + 10)), contentType: 'image/png' })).statusCode).toBe(413);
    expect((await upload(member, { filename: 'x.png', content: pngFile() }, panelId, [['kind', 'image']])).statusCode).toBe(400);
    expect((await fileRows()).length).toBe(before);
    expect(blobFiles(t).length).toBe(blobs);
  });

  it('lets only members upload (coordinators 403, outsiders 404) and post only their own unposted files (422)', async () => {
    expect((await upload(coordinator, { filename: 'c.png', content: pngFile() })).statusCode).toBe(403);
    expect((await upload(outsider, { filename: 'o.png', content: pngFile() })).statusCode).toBe(404);
    const mine = (await upload(member, { filename: 'scan.png', content: pngFile() })).json<DiscussionFileView>();
    const stolen = await post(lead, { body: 'Posting the member\'s file.', fileIds: [mine.id] });
    expect(stolen.statusCode).toBe(422);
    expect((await post(member, { body: 'Mine.', fileIds: [mine.id] })).statusCode).toBe(201);
    expect((await post(member, { body: 'Again.', fileIds: [mine.id] })).statusCode).toBe(422);
  });

  it('withholds the files (409) once the care consent is withdrawn, and takes no new ones', async () => {
    const file = (await upload(member, { filename: 'late.pdf', content: pdfFile('late') })).json<DiscussionFileView>();
    await post(member, { body: 'One more.', fileIds: [file.id] });
    const [care] = await t.database.db.select({ id: consents.id }).from(consents).where(and(eq(consents.patientId, patientId), eq(consents.kind, 'care')));
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/consents/${care!.id}/withdrawal`, headers: lead.session.headers, payload: { withdrawnOn: '2026-01-01', note: null } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const refused = await download(lead, file.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('withdrawn');
    expect((await upload(member, { filename: 'after.pdf', content: pdfFile('after') })).statusCode).toBe(409);
  });
});
