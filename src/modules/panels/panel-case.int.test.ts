import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, consents } from '../../db/schema/index.ts';
import { seededOrganisations } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accept, invite, openPanel, patientWithRecord, requestPanel, share, someone, uploadPdf, writeSection, type Someone } from '../../../tests/integration/panel-fixtures.ts';

let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let lead: Someone;
let coordinator: Someone;
let expert: Someone;
beforeAll(async () => {
  t = await createTestApp();
  orgs = await seededOrganisations(t);
  lead = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.waldstadt, ernId: orgs.rnd }], 'Dr Lena Lead');
  coordinator = await someone(t, [{ role: 'coordinator', ernId: orgs.rnd }]);
  expert = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }], 'Dr Eva Expert');
});
afterAll(async () => {
  await t?.close();
});

const get = (who: Someone, url: string) => t.app.inject({ method: 'GET', url, headers: who.session.headers });

/** A patient whose record has a history and phenotypic features (version 2), a report and a second file. */
async function caseWithTwoSections() {
  const patientId = await patientWithRecord(t, lead.session, orgs.waldstadt, 'SENTINEL-HISTORY: gait ataxia since age 4.');
  await writeSection(t, lead.session, patientId, 1, 'phenotypicFeatures', [{ type: { id: 'HP:0001251', label: 'Ataxia' }, excluded: false, note: 'SENTINEL-UNSHARED-FEATURE' }]);
  const sharedFile = await uploadPdf(t, lead.session, patientId, 'report', 'shared report');
  const unsharedFile = await uploadPdf(t, lead.session, patientId, 'document', 'unshared letter');
  return { patientId, sharedFile, unsharedFile };
}

/** An open panel sharing only the history of version 2 and the report; the expert a member. */
async function panelSharingHistoryOnly() {
  const { patientId, sharedFile, unsharedFile } = await caseWithTwoSections();
  const panelId = await requestPanel(t, lead.session, { patientId, ernId: orgs.rnd });
  await share(t, lead.session, panelId, { recordVersion: 2, sections: ['history'], attachments: [{ attachmentId: sharedFile, label: 'MRI report 2025' }] });
  await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/transitions/submit`, headers: lead.session.headers, payload: {} });
  await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/transitions/accept`, headers: coordinator.session.headers, payload: {} });
  await invite(t, lead.session, panelId, [expert.person.personId]);
  await accept(t, expert.session, panelId);
  return { patientId, panelId, sharedFile, unsharedFile };
}

describe('the case a panel is given', () => {
  it('shows a member exactly the shared sections of the pinned version and the shared files — never the identity, another section or another file', async () => {
    const { patientId, panelId, sharedFile, unsharedFile } = await panelSharingHistoryOnly();
    const response = await get(expert, `/api/panels/${panelId}/case`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ content: Record<string, unknown>; attachments: { id: string; label: string }[]; share: { recordVersion: number; sections: string[] }; patient: Record<string, unknown>; withheld: unknown }>();
    expect(Object.keys(body.content)).toEqual(['history']);
    expect(body.content.history).toMatchObject({ medicalHistory: 'SENTINEL-HISTORY: gait ataxia since age 4.' });
    expect(body.share).toMatchObject({ recordVersion: 2, sections: ['history'] });
    expect(body.attachments.map((a) => [a.id, a.label])).toEqual([[sharedFile, 'MRI report 2025']]);
    expect(Object.keys(body.patient).sort()).toEqual(['country', 'patientCode', 'sex', 'yearOfBirth']);
    expect(body.withheld).toBeNull();
    expect(response.body).not.toContain('SENTINEL-UNSHARED-FEATURE');
    expect(response.body).not.toMatch(/Fixture-|PFREC-|Panel fixture|Panel-Fixture-Lastname/);

    const download = await get(expert, `/api/panels/${panelId}/attachments/${sharedFile}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('MRI report 2025.pdf');
    expect(download.headers['content-disposition']).not.toContain('Lastname');
    expect(download.body).toContain('shared report');
    expect((await get(expert, `/api/panels/${panelId}/attachments/${unsharedFile}/content`)).statusCode).toBe(404);

    // the patient itself stays out of the member's reach
    expect((await get(expert, `/api/patients/${patientId}`)).statusCode).toBe(404);
    expect((await get(expert, `/api/patients/${patientId}/record`)).statusCode).toBe(404);
    expect((await get(expert, `/api/patients/${patientId}/attachments/${unsharedFile}/content`)).statusCode).toBe(404);
    // the patient's id goes only to those who may share its record
    expect((await get(expert, `/api/panels/${panelId}`)).json()).toMatchObject({ patientId: null });
    expect((await get(lead, `/api/panels/${panelId}`)).json()).toMatchObject({ patientId });

    const audited = await t.database.db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.actorId, expert.person.personId)));
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['panel.caseViewed', 'attachment.downloaded']));
  });

  it('keeps the coordinator and a pending invitee to the metadata: the case is for members', async () => {
    const { panelId } = await panelSharingHistoryOnly();
    const invitee = await someone(t, [{ role: 'healthProfessional', hospitalId: orgs.noordhaven, ernId: orgs.rnd }]);
    await invite(t, lead.session, panelId, [invitee.person.personId]);
    expect((await get(coordinator, `/api/panels/${panelId}`)).statusCode).toBe(200);
    expect((await get(coordinator, `/api/panels/${panelId}/case`)).statusCode).toBe(403);
    expect((await get(invitee, `/api/panels/${panelId}`)).json()).toMatchObject({ myRole: null, myInvitation: { role: 'member' } });
    expect((await get(invitee, `/api/panels/${panelId}/case`)).statusCode).toBe(403);
  });

  it('shows a later version only once it is shared, and keeps the earlier shares readable', async () => {
    const { patientId, panelId } = await panelSharingHistoryOnly();
    await writeSection(t, lead.session, patientId, 2, 'history', { medicalHistory: 'SENTINEL-V3: new MRI findings.', familyHistory: '' });
    const before = (await get(expert, `/api/panels/${panelId}/case`)).json<{ content: { history: { medicalHistory: string } }; share: { seq: number } }>();
    expect(before.content.history.medicalHistory).toContain('SENTINEL-HISTORY');
    expect(before.share.seq).toBe(1);

    await share(t, lead.session, panelId, { recordVersion: 3, sections: ['history', 'phenotypicFeatures'] });
    const after = (await get(expert, `/api/panels/${panelId}/case`)).json<{ content: { history: { medicalHistory: string }; phenotypicFeatures: unknown[] }; share: { seq: number; recordVersion: number }; shareHistory: unknown[]; attachments: unknown[] }>();
    expect(after.content.history.medicalHistory).toContain('SENTINEL-V3');
    expect(after.content.phenotypicFeatures).toHaveLength(1);
    expect(after.share).toMatchObject({ seq: 2, recordVersion: 3 });
    expect(after.shareHistory).toHaveLength(2);
    expect(after.attachments).toEqual([]); // the new share gives no files

    const first = (await get(expert, `/api/panels/${panelId}/case?share=1`)).json<{ content: Record<string, { medicalHistory: string }> }>();
    expect(Object.keys(first.content)).toEqual(['history']);
    expect(first.content.history!.medicalHistory).toContain('SENTINEL-HISTORY');
  });

  it('withholds the case at once when care consent is withdrawn, and members see why', async () => {
    const { patientId, panelId, sharedFile } = await panelSharingHistoryOnly();
    const [care] = await t.database.db.select({ id: consents.id }).from(consents).where(and(eq(consents.patientId, patientId), eq(consents.kind, 'care')));
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/consents/${care!.id}/withdrawal`, headers: lead.session.headers, payload: { withdrawnOn: '2026-01-01', note: null } });
    expect(withdrawn.statusCode).toBe(200);

    const response = await get(expert, `/api/panels/${panelId}/case`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ withheld: { reason: string; message: string }; content: unknown; attachments: unknown[] }>();
    expect(body.withheld.reason).toBe('careConsentWithdrawn');
    expect(body.withheld.message).toMatch(/withdrawn/);
    expect(body.content).toBeNull();
    expect(body.attachments).toEqual([]);
    expect(response.body).not.toContain('SENTINEL-HISTORY');
    expect((await get(expert, `/api/panels/${panelId}/attachments/${sharedFile}/content`)).statusCode).toBe(409);
    expect((await get(expert, `/api/panels/${panelId}`)).json()).toMatchObject({ caseWithheld: { reason: 'careConsentWithdrawn' } });
  });

  it('refuses to share what is not the patient\'s, a version that does not exist, or a signed consent form', async () => {
    const { patientId } = await caseWithTwoSections();
    const other = await caseWithTwoSections();
    const panelId = await requestPanel(t, lead.session, { patientId, ernId: orgs.rnd });
    const post = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/shares`, headers: lead.session.headers, payload: body });
    expect((await post({ recordVersion: 9, sections: ['history'], attachments: [] })).statusCode).toBe(422);
    expect((await post({ recordVersion: 2, sections: [], attachments: [{ attachmentId: other.sharedFile, label: 'Not ours' }] })).statusCode).toBe(422);
    const consentForm = await uploadPdf(t, lead.session, patientId, 'consentForm', 'signed form');
    expect((await post({ recordVersion: 2, sections: [], attachments: [{ attachmentId: consentForm, label: 'Form' }] })).statusCode).toBe(422);
    expect((await post({ recordVersion: 2, sections: [], attachments: [] })).statusCode).toBe(400);
    expect((await get(lead, `/api/panels/${panelId}`)).json()).toMatchObject({ currentShare: null });
  });

  it('lets only the lead or requester at the patient\'s hospital share', async () => {
    const patientId = await patientWithRecord(t, lead.session, orgs.waldstadt);
    const panelId = await openPanel(t, lead.session, coordinator.session, patientId, orgs.rnd);
    await invite(t, lead.session, panelId, [expert.person.personId]);
    await accept(t, expert.session, panelId);
    const response = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/shares`, headers: expert.session.headers, payload: { recordVersion: 1, sections: ['history'], attachments: [] } });
    expect(response.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/shares`, headers: coordinator.session.headers, payload: { recordVersion: 1, sections: ['history'], attachments: [] } })).statusCode).toBe(403);
  });
});
