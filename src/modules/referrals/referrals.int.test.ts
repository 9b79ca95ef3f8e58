import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affiliations, emailOutbox, notifications, patientBlindIndexes, patients, referrals } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createTestPerson, signIn } from '../../testing/actors.ts';
import { blindIndex } from '../patients/patient-crypto.ts';
import { multipartBody, pdfFile } from '../../../tests/integration/attachments-test-app.ts';
import { pdfText, reportCast, stepUp, type ReportCast } from '../../../tests/integration/outcome-report-fixtures.ts';
import { accept, contribute, invite, share, someone, transition, requestPanel, type Someone } from '../../../tests/integration/panel-fixtures.ts';
import { referralBody, sendReferral } from '../../../tests/integration/referral-fixtures.ts';
import type { ErnGuide, ReferralDetail, ReferralList } from './referrals.contract.ts';

let t: TestApp;
let cast: ReportCast;
let referrer: Someone;
beforeAll(async () => {
  t = await createTestApp();
  cast = await reportCast(t);
  referrer = await someone(t, [{ role: 'referrer', ernId: cast.orgs.rnd, statedHospital: 'Kreiskrankenhaus Talheim', statedCountry: 'DE' }], 'Dr. Referring Clinician');
});
afterAll(async () => {
  await t?.close();
});

const get = async <T>(who: Someone, url: string) => {
  const response = await t.app.inject({ method: 'GET', url, headers: who.session.headers });
  return { status: response.statusCode, body: response.statusCode === 200 ? response.json<T>() : undefined, raw: response };
};
const post = (who: Someone, url: string, payload?: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: who.session.headers, ...(payload === undefined ? {} : { payload }) });

describe('becoming a referrer', () => {
  it('asks for the stated hospital and country, and the coordinator\'s approval gives an affiliation carrying them', async () => {
    const person = await createTestPerson(t, { withTotp: false });
    const session = await signIn(t, person);
    const base = { ernId: cast.orgs.rnd, hospitalId: null, role: 'referrer', justification: 'I refer children with ataxia from our district.' };
    const missing = await t.app.inject({ method: 'POST', url: '/api/access-requests', headers: session.headers, payload: base });
    expect(missing.statusCode).toBe(422);
    const filed = await t.app.inject({ method: 'POST', url: '/api/access-requests', headers: session.headers, payload: { ...base, statedHospital: 'Hospital de Santa Luzia', statedCountry: 'PT' } });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ role: 'referrer', hospital: null, stated: { hospital: 'Hospital de Santa Luzia', country: 'PT' } });
    const approved = await post(cast.coordinator, `/api/access-requests/${filed.json<{ id: string }>().id}/approval`, {});
    expect(approved.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(affiliations).where(and(eq(affiliations.personId, person.personId), eq(affiliations.role, 'referrer')));
    expect(row).toMatchObject({ ernId: cast.orgs.rnd, hospitalId: null, statedHospital: 'Hospital de Santa Luzia', statedCountry: 'PT' });
  });
});

describe('the ERN guide', () => {
  it('says what the network covers and proposes member centres in the referrer\'s country, else alternatives abroad', async () => {
    const home = await get<ErnGuide>(referrer, `/api/referrals/guide/${cast.orgs.rnd}`);
    expect(home.status).toBe(200);
    expect(home.body!.ern.name).toBe('ERN-RND');
    expect(home.body!.diseaseGroups.length).toBeGreaterThan(0);
    expect(home.body).toMatchObject({ country: 'DE', alternatives: false });
    expect(home.body!.centres.map((c) => c.id)).toContain(cast.orgs.waldstadt);
    expect(home.body!.centres.every((c) => c.country === 'DE')).toBe(true);
    const abroad = await get<ErnGuide>(referrer, `/api/referrals/guide/${cast.orgs.rnd}?country=PT`);
    expect(abroad.body).toMatchObject({ country: 'PT', alternatives: true });
    expect(abroad.body!.centres.length).toBeGreaterThan(1);
    const mine = await get<{ erns: { id: string; country: string }[] }>(referrer, '/api/referrals/erns');
    expect(mine.body!.erns).toEqual([expect.objectContaining({ id: cast.orgs.rnd, country: 'DE' })]);
  });
});

describe('a referral from sending to the signed outcome', () => {
  it('goes through questions, acceptance (the patient enrolled with the referral\'s data), a panel and its signed report, which the referrer downloads', async () => {
    const body = referralBody(cast.orgs.rnd, cast.orgs.waldstadt);
    const id = await sendReferral(t, referrer.session, body);

    // the referrer attaches the signed consent form
    const form = multipartBody([['kind', 'consentForm']], { filename: 'consent Carvalho.pdf', content: pdfFile('signed consent'), contentType: 'application/pdf' });
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/referrals/${id}/files`, headers: { ...referrer.session.headers, 'content-type': form.contentType }, payload: form.payload });
    expect(uploaded.statusCode).toBe(201);

    // the referrer sees no identity; the receiving centre's staff do, and see the referral in their queue
    const asReferrer = await get<ReferralDetail>(referrer, `/api/referrals/${id}`);
    expect(asReferrer.body).toMatchObject({ side: 'referrer', status: 'sent', identity: null, patientId: null });
    const queue = await get<ReferralList>(cast.colleague, '/api/referrals');
    expect(queue.body!.referrals.map((r) => r.id)).toContain(id);
    const asCentre = await get<ReferralDetail>(cast.colleague, `/api/referrals/${id}`);
    expect(asCentre.body).toMatchObject({ side: 'centre', identity: body.identity, files: [expect.objectContaining({ kind: 'consentForm', fileName: 'consent Carvalho.pdf' })] });
    const file = await t.app.inject({ method: 'GET', url: `/api/referrals/${id}/files/${uploaded.json<{ id: string }>().id}/content`, headers: cast.colleague.session.headers });
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('signed consent');

    // another hospital's staff and the ERN's coordinator do not even see it
    expect((await get(cast.outsider, `/api/referrals/${id}`)).status).toBe(404);
    expect((await get(cast.coordinator, `/api/referrals/${id}`)).status).toBe(404);
    // the referrer cannot accept their own referral
    expect((await post(referrer, `/api/referrals/${id}/acceptance`, {})).statusCode).toBe(403);

    // the centre asks, the referrer answers
    expect((await post(cast.colleague, `/api/referrals/${id}/messages`, { body: 'Is there a family history of ataxia?', requestsInformation: true })).statusCode).toBe(201);
    expect((await get<ReferralDetail>(referrer, `/api/referrals/${id}`)).body!.status).toBe('moreInformationRequested');
    expect((await post(referrer, `/api/referrals/${id}/messages`, { body: 'None known; parents unrelated.' })).statusCode).toBe(201);
    const answered = (await get<ReferralDetail>(referrer, `/api/referrals/${id}`)).body!;
    expect(answered.status).toBe('underReview');
    expect(answered.messages.map((m) => [m.side, m.body])).toEqual([['centre', 'Is there a family history of ataxia?'], ['referrer', 'None known; parents unrelated.']]);

    // accepting enrols the patient at the centre, with the referral's phenotype in the record
    const accepted = await post(cast.lead, `/api/referrals/${id}/acceptance`, {});
    expect(accepted.statusCode).toBe(200);
    const { patientId } = accepted.json<{ patientId: string }>();
    const patient = await get<{ hospitalId: string; nickname: string; identity: { familyName: string } }>(cast.lead, `/api/patients/${patientId}`);
    expect(patient.body).toMatchObject({ hospitalId: cast.orgs.waldstadt, nickname: 'Wren', identity: { familyName: 'Carvalho' } });
    const record = await get<{ version: number; content: { phenotypicFeatures: { term: { id: string } }[] } }>(cast.lead, `/api/patients/${patientId}/record`);
    expect(JSON.stringify(record.body!.content.phenotypicFeatures)).toContain('HP:0001250');
    expect(JSON.stringify(record.body!.content.phenotypicFeatures)).toContain('HP:0001251');
    const consents = await get<{ consents: { kind: string; active: boolean }[] }>(cast.lead, `/api/patients/${patientId}/consents`);
    expect(consents.body!.consents).toEqual([expect.objectContaining({ kind: 'care', active: true })]);
    // the referrer still reaches no patient
    expect((await get(referrer, `/api/patients/${patientId}`)).status).toBe(404);
    expect((await get<{ patients: unknown[] }>(referrer, '/api/patients')).body!.patients).toEqual([]);
    expect((await post(referrer, `/api/referrals/${id}/messages`, { body: 'Anything else?' })).statusCode).toBe(409);

    // a panel is requested and opened: the referral links it
    const panelId = await requestPanel(t, cast.lead.session, { patientId, ernId: cast.orgs.rnd });
    await share(t, cast.lead.session, panelId, { recordVersion: record.body!.version, sections: ['phenotypicFeatures'] });
    await transition(t, cast.lead.session, panelId, 'submit');
    await transition(t, cast.coordinator.session, panelId, 'accept');
    expect((await get<ReferralDetail>(referrer, `/api/referrals/${id}`)).body).toMatchObject({ status: 'panelOpened', panelId: null });
    expect((await get(referrer, `/api/panels/${panelId}`)).status).toBe(404);
    expect((await get(referrer, `/api/referrals/${id}/outcome-report`)).status).toBe(409);

    // the panel runs to a signed outcome: the referral has its report
    await invite(t, cast.lead.session, panelId, [cast.member.person.personId]);
    await accept(t, cast.member.session, panelId);
    await contribute(t, cast.member.session, panelId);
    await transition(t, cast.lead.session, panelId, 'startOutcome');
    const draft = { summary: 'Reviewed.', conclusion: 'Ataxia with vitamin E deficiency is likely.', diagnoses: [], recommendations: { investigations: 'Serum vitamin E.', treatment: '', followUp: '' } };
    const saved = await t.app.inject({ method: 'PUT', url: `/api/panels/${panelId}/outcome-reports/1/draft`, headers: cast.lead.session.headers, payload: { expectedRevision: 0, ...draft } });
    expect(saved.statusCode).toBe(200);
    await stepUp(t, cast.lead);
    const signed = await post(cast.lead, `/api/panels/${panelId}/outcome-reports/1/signature`, { expectedRevision: 1, acknowledgeMissingApprovals: true });
    expect(signed.statusCode).toBe(200);
    const done = (await get<ReferralDetail>(referrer, `/api/referrals/${id}`)).body!;
    expect(done.status).toBe('outcomeAvailable');
    expect(done.history.map((h) => h.status)).toEqual(['sent', 'moreInformationRequested', 'underReview', 'accepted', 'panelOpened', 'outcomeAvailable']);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/referrals/${id}/outcome-report`, headers: referrer.session.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(pdf.rawPayload)).toContain('Ataxia with vitamin E deficiency is likely.');
    // only that report: the panel's own report routes stay closed to the referrer
    expect((await get(referrer, `/api/panels/${panelId}/outcome-reports/1/pdf`)).status).toBe(404);

    // every step told the referrer in the inbox, and e-mails carry no clinical content or identity
    const inbox = await t.database.db.select().from(notifications).where(and(eq(notifications.personId, referrer.person.personId), eq(notifications.kind, 'referralUpdate')));
    expect(inbox.length).toBeGreaterThanOrEqual(4);
    const mails = (await t.database.db.select().from(emailOutbox)).filter((m) => m.bodyText.includes(`/referrals/${id}`));
    expect(mails.length).toBeGreaterThanOrEqual(5);
    const raw = JSON.stringify(mails).toLowerCase();
    for (const secret of ['wren', 'carvalho', 'inês', 'family history', 'progressive ataxia', 'vitamin e', body.identity.recordNumber.toLowerCase()]) expect(raw, secret).not.toContain(secret);
  });
});

describe('declining', () => {
  it('records the reason and suggestion and leaves no enrolled patient behind', async () => {
    const body = referralBody(cast.orgs.rnd, cast.orgs.waldstadt, { nickname: 'Declined fixture' });
    const id = await sendReferral(t, referrer.session, body);
    expect((await post(cast.lead, `/api/referrals/${id}/review`)).statusCode).toBe(204);
    expect((await post(cast.lead, `/api/referrals/${id}/decline`, { reason: 'Not a neurological case.' })).statusCode).toBe(204);
    const seen = (await get<ReferralDetail>(referrer, `/api/referrals/${id}`)).body!;
    expect(seen).toMatchObject({ status: 'declined', decline: { reason: 'Not a neurological case.', suggestion: null }, patientId: null });
    const [row] = await t.database.db.select().from(referrals).where(eq(referrals.id, id));
    expect(row!.patientId).toBeNull();
    expect(await t.database.db.select().from(patients).where(eq(patients.nickname, 'Declined fixture'))).toEqual([]);
    const digest = blindIndex(t.keys, cast.orgs.waldstadt, 'recordNumber', body.identity.recordNumber);
    expect(await t.database.db.select().from(patientBlindIndexes).where(eq(patientBlindIndexes.digest, digest))).toEqual([]);
    expect((await post(cast.lead, `/api/referrals/${id}/acceptance`, {})).statusCode).toBe(409);
  });

  it('refuses what is wrong with a person\'s words: a centre outside the ERN, an unreadable phenopacket, nothing changed', async () => {
    const before = (await get<ReferralList>(referrer, '/api/referrals')).body!.referrals.length;
    const notMember = await t.app.inject({ method: 'POST', url: '/api/referrals', headers: referrer.session.headers, payload: referralBody(cast.orgs.rnd, cast.orgs.sainteAurore) });
    const badPacket = await t.app.inject({ method: 'POST', url: '/api/referrals', headers: referrer.session.headers, payload: referralBody(cast.orgs.rnd, cast.orgs.waldstadt, { phenopacket: { id: 'x' } }) });
    const otherErn = await t.app.inject({ method: 'POST', url: '/api/referrals', headers: referrer.session.headers, payload: referralBody(cast.orgs.erknet, cast.orgs.waldstadt) });
    expect([notMember.statusCode, badPacket.statusCode, otherErn.statusCode]).toEqual([422, 422, 403]);
    expect((await get<ReferralList>(referrer, '/api/referrals')).body!.referrals.length).toBe(before);
  });
});
