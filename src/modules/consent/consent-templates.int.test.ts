import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, consentFormTemplates } from '../../db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { blobFiles, multipartBody, pdfFile, pngFile, type FilePart } from '../../../tests/integration/attachments-test-app.ts';
import type { ConsentTemplateList, ConsentTemplateView } from './consent-templates.contract.ts';

/** Small enough that the over-limit test stays cheap; the route takes the smaller of this and its own limit. */
const MAX_BYTES = 64 * 1024;

let t: TestApp;
let admin: SignedIn;
let adminId: string;
let hp: SignedIn;
let assistant: SignedIn;
let coordinator: SignedIn;
let researcher: SignedIn;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
beforeAll(async () => {
  t = await createTestApp({ env: { CPMS_MAX_UPLOAD_BYTES: String(MAX_BYTES) } });
  orgs = await seededOrganisations(t);
  const administrator = await createTestPerson(t, { affiliations: [{ role: 'platformAdministrator' }] });
  adminId = administrator.personId;
  admin = await signIn(t, administrator);
  hp = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }] }));
  assistant = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'assistant', hospitalId: orgs.waldstadt }] }));
  coordinator = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'coordinator', ernId: orgs.erknet }] }));
  researcher = await signIn(t, await createTestPerson(t, { affiliations: [{ role: 'researcher', ernId: orgs.rnd }] }));
});
afterAll(async () => {
  await t?.close();
});

/** A version no other test (or run on the shared PostgreSQL database) uses. */
const newVersion = () => `v-${randomUUID().slice(0, 8)}`;

function publish(who: SignedIn | undefined, fields: Record<string, string>, file: FilePart = { filename: 'Einwilligung Fotos.pdf', content: pdfFile('model form') }) {
  const body = multipartBody(Object.entries(fields), file);
  return t.app.inject({ method: 'POST', url: '/api/admin/consent-templates', headers: { ...who?.headers, 'content-type': body.contentType }, payload: body.payload });
}

const fieldsFor = (overrides: Record<string, string> = {}) => ({ kind: 'photographs', language: 'de', version: newVersion(), title: 'Einwilligung in Fotografien', ...overrides });
const staffList = (who: SignedIn, query = '') => t.app.inject({ method: 'GET', url: `/api/consent-templates${query}`, headers: who.headers });
const idsOf = (response: { json: <T>() => T }) => response.json<ConsentTemplateList>().templates.map((template) => template.id);
const rowsOf = (version: string) => t.database.db.select().from(consentFormTemplates).where(eq(consentFormTemplates.version, version));
const auditOf = (id: string) => t.database.db.select({ action: auditEvents.action, partition: auditEvents.partition, actorId: auditEvents.actorId }).from(auditEvents).where(and(eq(auditEvents.targetType, 'consentTemplate'), eq(auditEvents.targetId, id)));

describe('model consent form templates', () => {
  it('an administrator publishes a PDF; staff of any hospital or network list it and download the very bytes', async () => {
    const content = pdfFile(`model form ${randomUUID()}`);
    const fields = fieldsFor();
    const published = await publish(admin, fields, { filename: '../Einwilligung Fotos', content });
    expect(published.statusCode, published.body).toBe(201);
    const view = published.json<ConsentTemplateView>();
    expect(view).toMatchObject({ kind: 'photographs', ernId: null, ernCode: null, language: 'de', version: fields.version, title: fields.title, fileName: 'Einwilligung Fotos.pdf', mediaType: 'application/pdf', size: content.length, active: true, retiredAt: null });
    expect(await auditOf(view.id)).toEqual([{ action: 'consentTemplate.uploaded', partition: 'platform', actorId: adminId }]);

    for (const staff of [hp, assistant, coordinator, admin]) {
      const list = await staffList(staff, '?kind=photographs&language=de');
      expect(list.statusCode).toBe(200);
      expect(list.json<ConsentTemplateList>().templates).toContainEqual(view);
      const download = await t.app.inject({ method: 'GET', url: `/api/consent-templates/${view.id}/content`, headers: staff.headers });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(content)).toBe(true);
      expect(download.headers).toMatchObject({ 'content-type': 'application/pdf', 'content-length': String(content.length), 'x-content-type-options': 'nosniff', 'content-disposition': `attachment; filename="Einwilligung Fotos.pdf"; filename*=UTF-8''Einwilligung%20Fotos.pdf` });
    }
  });

  it('refuses anything but a PDF, and a file over the limit, storing nothing and leaving no blob behind', async () => {
    const blobsBefore = blobFiles(t).sort();
    const png = fieldsFor();
    const refusedPng = await publish(admin, png, { filename: 'form.pdf', content: pngFile() });
    expect(refusedPng.statusCode).toBe(415);
    expect(refusedPng.json<{ detail: string }>().detail).toBe('A model consent form must be a PDF.');
    const big = fieldsFor();
    const refusedBig = await publish(admin, big, { filename: 'form.pdf', content: pdfFile('x'.repeat(MAX_BYTES)) });
    expect(refusedBig.statusCode).toBe(413);
    expect(await rowsOf(png.version)).toEqual([]);
    expect(await rowsOf(big.version)).toEqual([]);
    expect(blobFiles(t).sort()).toEqual(blobsBefore);
  });

  it('refuses the upload to everyone but administrators, before reading the file: 401 without a session, 403 otherwise', async () => {
    const fields = fieldsFor();
    expect((await publish(undefined, fields)).statusCode).toBe(401);
    for (const who of [hp, assistant, coordinator, researcher]) {
      const refused = await publish(who, fields);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers.connection).toBe('close');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/consent-templates', headers: hp.headers })).statusCode).toBe(403);
    expect(await rowsOf(fields.version)).toEqual([]);
    // people who do not have consent signed do not use the forms
    expect((await staffList(researcher)).statusCode).toBe(403);
  });

  it('takes each version once per kind, network and language; refuses bad fields and unknown networks', async () => {
    const fields = fieldsFor({ kind: 'care', language: 'nl' });
    expect((await publish(admin, fields)).statusCode).toBe(201);
    const twice = await publish(admin, fields);
    expect(twice.statusCode).toBe(409);
    expect((await publish(admin, { ...fields, ernId: orgs.rnd })).statusCode).toBe(201);
    expect((await publish(admin, { ...fields, ernId: randomUUID() })).statusCode).toBe(422);
    expect((await publish(admin, { ...fields, language: 'Deutsch' })).statusCode).toBe(400);
    expect((await publish(admin, { ...fields, kind: 'everything' })).statusCode).toBe(400);
    expect(await rowsOf(fields.version)).toHaveLength(2);
  });

  it('filters by kind, language and network (its own templates and the platform\'s)', async () => {
    const platform = (await publish(admin, fieldsFor({ kind: 'researchContact', language: 'fr' }))).json<ConsentTemplateView>();
    const rnd = (await publish(admin, fieldsFor({ kind: 'researchContact', language: 'fr', ernId: orgs.rnd }))).json<ConsentTemplateView>();
    const erknet = (await publish(admin, fieldsFor({ kind: 'researchContact', language: 'fr', ernId: orgs.erknet }))).json<ConsentTemplateView>();
    const italian = (await publish(admin, fieldsFor({ kind: 'researchContact', language: 'it' }))).json<ConsentTemplateView>();
    expect(rnd).toMatchObject({ ernId: orgs.rnd, ernCode: 'ern-rnd' });

    const forRnd = idsOf(await staffList(hp, `?kind=researchContact&language=fr&ernId=${orgs.rnd}`));
    expect(forRnd).toEqual(expect.arrayContaining([platform.id, rnd.id]));
    expect(forRnd).not.toContain(erknet.id);
    expect(forRnd).not.toContain(italian.id);
    expect(idsOf(await staffList(hp, '?kind=care&language=fr'))).not.toContain(platform.id);
    expect((await staffList(hp, '?language=french')).statusCode).toBe(400);
  });

  it('retires a template: no longer listed for staff, kept for administrators and downloadable, audited', async () => {
    const view = (await publish(admin, fieldsFor())).json<ConsentTemplateView>();
    const retired = await t.app.inject({ method: 'POST', url: `/api/admin/consent-templates/${view.id}/retirement`, headers: admin.headers });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ id: view.id, active: false, retiredAt: expect.any(String) as string });
    expect(idsOf(await staffList(hp))).not.toContain(view.id);
    const all = await t.app.inject({ method: 'GET', url: '/api/admin/consent-templates', headers: admin.headers });
    expect(all.json<ConsentTemplateList>().templates.find((template) => template.id === view.id)).toMatchObject({ active: false });
    expect((await t.app.inject({ method: 'GET', url: `/api/consent-templates/${view.id}/content`, headers: hp.headers })).statusCode).toBe(200);

    expect((await t.app.inject({ method: 'POST', url: `/api/admin/consent-templates/${view.id}/retirement`, headers: admin.headers })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/consent-templates/${randomUUID()}/retirement`, headers: admin.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/consent-templates/${view.id}/retirement`, headers: hp.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/consent-templates/not-an-id/content', headers: hp.headers })).statusCode).toBe(404);
    expect((await auditOf(view.id)).map((event) => event.action).sort()).toEqual(['consentTemplate.retired', 'consentTemplate.uploaded']);
  });
});
