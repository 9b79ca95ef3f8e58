import type { FastifyInstance, InjectOptions } from 'fastify';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { diseaseGroups, erns, panels, patients, people } from '../db/schema/index.ts';
import { createSession, endSessions, SESSION_COOKIE } from '../modules/identity/sessions.ts';
import type { Clock } from '../platform/clock.ts';

/*
 * Panels at every stage of the lifecycle for the training environment, so that a newcomer can follow a case
 * from request to signed outcome report (README: "Following a case"). They are made through the HTTP API of
 * the running application, as the training accounts would make them — the same authorization, validation,
 * audit, notifications and e-mails as real work — with short-lived sessions that end when the seed is done.
 * Noordhaven's and Sainte-Aurore's patients are used, so the Waldstadt patients stay free for first steps.
 */

const at = (name: string) => `${name}@training.open-cpms.eu`;
const LEAD = at('hp.noordhaven'); // Dr. Pieter de Vries, Noordhaven, ERN-RND
const KIDNEY_LEAD = at('hp.two-hospitals'); // Dr. Camille Moreau, Sainte-Aurore, ERKNet
const GUEST = at('guest.valid'); // Dr. Erik Lindqvist, guest expert of ERN-RND
const COORDINATOR = at('coordinator.rnd');
const KIDNEY_COORDINATOR = at('coordinator.erknet');

type Headers = Record<string, string>;

interface Seeder {
  as(email: string): Headers;
  person(email: string): string;
  call<T>(who: string, method: InjectOptions['method'], url: string, payload?: unknown): Promise<T>;
}

interface PanelPlan {
  nickname: string;
  lead: string;
  ern: 'ern-rnd' | 'erknet';
  type: 'diagnosis' | 'treatment' | 'followUp';
  urgency: 'routine' | 'urgent' | 'veryUrgent';
  title: string;
  clinicalQuestion: string;
  /** A history written first, for patients whose training record is still empty. */
  history?: string;
}

const DAY = 86_400_000;

/**
 * Seeds the training panels once, on an installation without any panel yet. Returns how many panels it made.
 */
export async function seedTrainingPanels(app: FastifyInstance, db: Db, clock: Clock): Promise<number> {
  const existing = await db.select({ id: panels.id }).from(panels).limit(1);
  if (existing.length > 0) return 0;
  const emails = [LEAD, KIDNEY_LEAD, GUEST, COORDINATOR, KIDNEY_COORDINATOR];
  const personRows = await db.select({ id: people.id, email: people.email }).from(people).where(inArray(people.email, emails));
  if (personRows.length !== emails.length) return 0; // not the training accounts: nothing to seed
  const sessions = new Map<string, Headers>();
  for (const row of personRows) {
    const session = await createSession(db, clock, { personId: row.id, method: 'local', secondFactor: true, userAgent: 'Open CPMS training seed', clientAddress: '127.0.0.1' });
    sessions.set(row.email, { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': session.csrfToken });
  }
  const seeder: Seeder = {
    as: (email) => sessions.get(email)!,
    person: (email) => personRows.find((p) => p.email === email)!.id,
    async call<T>(who: string, method: InjectOptions['method'], url: string, payload?: unknown): Promise<T> {
      const response = await app.inject({ method, url, headers: sessions.get(who)!, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });
      if (response.statusCode >= 300) throw new Error(`training panels: ${String(method)} ${url} answered ${String(response.statusCode)}: ${response.body}`);
      return (response.body ? response.json() : undefined) as T;
    },
  };
  try {
    return await seedStages(db, clock, seeder);
  } finally {
    for (const row of personRows) await endSessions(db, clock, row.id);
  }
}

async function seedStages(db: Db, clock: Clock, s: Seeder): Promise<number> {
  const ernIds = new Map((await db.select({ id: erns.id, code: erns.code }).from(erns).where(inArray(erns.code, ['ern-rnd', 'erknet']))).map((e) => [e.code, e.id]));
  const groupOf = async (ernId: string) => (await db.select({ id: diseaseGroups.id }).from(diseaseGroups).where(eq(diseaseGroups.ernId, ernId)).limit(1))[0]?.id ?? null;
  const patientId = async (nickname: string, enrolledBy: string) =>
    (await db.select({ id: patients.id }).from(patients).where(and(eq(patients.nickname, nickname), eq(patients.createdBy, s.person(enrolledBy)))))[0]?.id;

  /** A request with the record's history (and diagnoses where there are any) shared: a draft. */
  const request = async (plan: PanelPlan): Promise<string> => {
    const patient = await patientId(plan.nickname, plan.lead);
    if (!patient) throw new Error(`training panels: no training patient ${plan.nickname}`);
    let record = await s.call<{ version: number; content: { diagnoses: unknown[] } }>(plan.lead, 'GET', `/api/patients/${patient}/record`);
    if (record.version === 0 && plan.history) {
      await s.call(plan.lead, 'PUT', `/api/patients/${patient}/record/sections/history`, { expectedVersion: 0, content: { medicalHistory: plan.history, familyHistory: 'Nothing known.' } });
      record = await s.call(plan.lead, 'GET', `/api/patients/${patient}/record`);
    }
    const ernId = ernIds.get(plan.ern)!;
    const { id } = await s.call<{ id: string }>(plan.lead, 'POST', '/api/panels', {
      patientId: patient,
      ernId,
      diseaseGroupId: await groupOf(ernId),
      type: plan.type,
      urgency: plan.urgency,
      title: plan.title,
      clinicalQuestion: plan.clinicalQuestion,
    });
    const sections = record.content.diagnoses.length > 0 ? ['history', 'diagnoses'] : ['history'];
    await s.call(plan.lead, 'POST', `/api/panels/${id}/shares`, { recordVersion: record.version, sections, attachments: [] });
    return id;
  };
  const transition = (who: string, panelId: string, action: string, body: Record<string, unknown> = {}) => s.call<{ status: string }>(who, 'POST', `/api/panels/${panelId}/transitions/${action}`, body);
  /** Submitted and, where the network triages, accepted by its coordinator: open. */
  const open = async (plan: PanelPlan, coordinator: string): Promise<string> => {
    const id = await request(plan);
    const { status } = await transition(plan.lead, id, 'submit');
    if (status === 'submitted') await transition(coordinator, id, 'accept');
    return id;
  };
  const join = async (panelId: string, lead: string, experts: string[]) => {
    await s.call(lead, 'POST', `/api/panels/${panelId}/invitations`, { personIds: experts.map((email) => s.person(email)) });
    for (const expert of experts) await s.call(expert, 'POST', `/api/panels/${panelId}/invitation/acceptance`);
  };
  const contribute = (who: string, panelId: string, text: { assessment: string; diagnosis?: { code: string; label: string }; investigations: string }) =>
    s.call(who, 'PUT', `/api/panels/${panelId}/contributions/mine`, {
      expectedVersion: 0,
      assessment: text.assessment,
      suggestedDiagnoses: text.diagnosis ? [text.diagnosis] : [],
      suggestedInvestigations: text.investigations,
      freeText: '',
    });
  const report = (panelId: string) => `/api/panels/${panelId}/outcome-reports/1`;
  let made = 0;

  // 1. Closed, with a signed outcome report: the whole way from request to closing.
  const closed = await open(
    { nickname: 'Avocet', lead: LEAD, ern: 'ern-rnd', type: 'diagnosis', urgency: 'routine', title: 'Slowly progressive spastic gait in an adult', clinicalQuestion: 'Is this a hereditary spastic paraplegia, and which genetic test should come first?', history: 'Slowly progressive spastic gait since the age of 40; brisk reflexes, extensor plantar responses, no sensory loss. Brain and spine MRI normal.' },
    COORDINATOR,
  );
  await join(closed, LEAD, [GUEST, KIDNEY_LEAD]);
  await contribute(GUEST, closed, { assessment: 'A pure, adult-onset spastic paraplegia with a normal MRI: SPG4 (SPAST) is the most frequent cause.', diagnosis: { code: 'ORPHA:100985', label: 'Autosomal dominant spastic paraplegia type 4' }, investigations: 'SPAST sequencing and MLPA, then a spastic paraplegia gene panel.' });
  await contribute(KIDNEY_LEAD, closed, { assessment: 'Agree; exclude vitamin B12 and copper deficiency and HTLV-1 before genetic testing.', investigations: 'Vitamin B12, copper, HTLV-1 serology.' });
  await transition(LEAD, closed, 'startOutcome');
  const draft = await s.call<{ revision: number }>(LEAD, 'PUT', `${report(closed)}/draft`, {
    expectedRevision: 0,
    summary: 'Adult-onset pure spastic paraplegia with a normal MRI. Two experts contributed.',
    conclusion: 'A hereditary spastic paraplegia is the most likely diagnosis; SPG4 is the first to test for.',
    diagnoses: [{ code: 'ORPHA:100985', label: 'Autosomal dominant spastic paraplegia type 4', status: 'suspected' }],
    recommendations: { investigations: 'Vitamin B12, copper and HTLV-1 first; then SPAST sequencing and MLPA, then a gene panel.', treatment: 'Physiotherapy; oral baclofen or botulinum toxin for spasticity as needed.', followUp: 'Review with the genetic result; genetic counselling for the family.' },
  });
  await s.call(GUEST, 'POST', `${report(closed)}/approvals`, { revision: draft.revision });
  await s.call(KIDNEY_LEAD, 'POST', `${report(closed)}/approvals`, { revision: draft.revision });
  await s.call(LEAD, 'POST', `${report(closed)}/signature`, { expectedRevision: draft.revision });
  await transition(LEAD, closed, 'close');
  made += 1;

  // 2. A follow-up request on the same patient, awaiting the coordinator's triage.
  await request({ nickname: 'Avocet', lead: LEAD, ern: 'ern-rnd', type: 'followUp', urgency: 'routine', title: 'Follow-up: spastic paraplegia after the genetic result', clinicalQuestion: 'The SPAST result is back: is family screening advised, and what follow-up do you recommend?' }).then((id) => transition(LEAD, id, 'submit'));
  made += 1;

  // 3. Returned to draft by the coordinator with a question for the requester.
  const returned = await request({ nickname: 'Tern', lead: LEAD, ern: 'ern-rnd', type: 'diagnosis', urgency: 'urgent', title: 'Hypotonia and feeding difficulties in an infant', clinicalQuestion: 'Which investigations should follow a normal brain MRI and normal metabolic screening?', history: 'Marked hypotonia and feeding difficulties since birth; normal brain MRI; normal first-line metabolic screening.' });
  await transition(LEAD, returned, 'submit');
  await transition(COORDINATOR, returned, 'returnToDraft', { reason: 'Please share the results of the muscle enzymes (CK) and any EMG before the panel is forwarded.' });
  made += 1;

  // 4. Open: discussion under way, a question to the enrolling clinician still unanswered, on the agenda of a meeting.
  const discussing = await open(
    { nickname: 'Puffin', lead: LEAD, ern: 'ern-rnd', type: 'diagnosis', urgency: 'urgent', title: 'Adult-onset involuntary movements with behavioural change', clinicalQuestion: 'Huntington disease was excluded: which other causes should be tested for next?' },
    COORDINATOR,
  );
  await join(discussing, LEAD, [GUEST, KIDNEY_LEAD]);
  await contribute(GUEST, discussing, { assessment: 'With a negative HTT test, consider Huntington disease-like syndromes (C9orf72, JPH3, TBP) and neuroacanthocytosis.', diagnosis: { code: 'ORPHA:399', label: 'Huntington disease' }, investigations: 'C9orf72 repeat, JPH3 and TBP; blood smear for acanthocytes; CK.' });
  const opening = await s.call<{ id: string }>(GUEST, 'POST', `/api/panels/${discussing}/messages`, { body: 'Has anyone seen acanthocytes on the smear? That would change the order of tests.', mentions: [], fileIds: [] });
  await s.call(LEAD, 'POST', `/api/panels/${discussing}/messages`, { body: 'Not yet done; I have asked for a fresh smear. Dr. Moreau, does renal function matter here?', parentId: opening.id, mentions: [s.person(KIDNEY_LEAD)], fileIds: [] });
  await s.call(GUEST, 'POST', `/api/panels/${discussing}/info-requests`, { question: 'Could you share the creatine kinase value and whether a peripheral blood smear was done?' });
  made += 1;

  // 5. Outcome drafting: the lead wrote a draft, one member approved it, another has yet to.
  const drafting = await open(
    { nickname: 'Plover', lead: LEAD, ern: 'ern-rnd', type: 'treatment', urgency: 'routine', title: 'Short stature and fractures after minor trauma in a child', clinicalQuestion: 'Is a neuromuscular cause part of the picture, and how should bone fragility be treated?' },
    COORDINATOR,
  );
  await join(drafting, LEAD, [GUEST, KIDNEY_LEAD]);
  await contribute(GUEST, drafting, { assessment: 'The fractures and short stature suggest osteogenesis imperfecta; no neuromuscular sign in the shared record.', diagnosis: { code: 'ORPHA:666', label: 'Osteogenesis imperfecta' }, investigations: 'COL1A1/COL1A2 sequencing; DXA scan.' });
  await contribute(KIDNEY_LEAD, drafting, { assessment: 'Check calcium, phosphate, alkaline phosphatase and vitamin D, and renal phosphate handling.', investigations: 'Calcium, phosphate, ALP, 25-OH vitamin D, urinary phosphate.' });
  await transition(LEAD, drafting, 'startOutcome');
  const proposal = await s.call<{ revision: number }>(LEAD, 'PUT', `${report(drafting)}/draft`, {
    expectedRevision: 0,
    summary: 'Recurrent low-trauma fractures and short stature in a child; no neuromuscular sign.',
    conclusion: 'Osteogenesis imperfecta is the most likely diagnosis.',
    diagnoses: [{ code: 'ORPHA:666', label: 'Osteogenesis imperfecta', status: 'suspected' }],
    recommendations: { investigations: 'COL1A1/COL1A2 sequencing; bone metabolism work-up; DXA scan.', treatment: 'Consider bisphosphonates in a paediatric bone centre.', followUp: 'Review in 6 months with the results.' },
  });
  await s.call(GUEST, 'POST', `${report(drafting)}/approvals`, { revision: proposal.revision });
  made += 1;

  // A meeting in three days with the open panel and the one in outcome drafting on its agenda.
  const meetingDay = new Date(clock.now().getTime() + 3 * DAY);
  meetingDay.setUTCHours(14, 0, 0, 0);
  await s.call(COORDINATOR, 'POST', '/api/meetings', {
    ernId: ernIds.get('ern-rnd'),
    title: 'ERN-RND case conference',
    startsAt: meetingDay.toISOString(),
    durationMinutes: 60,
    timeZone: 'Europe/Brussels',
    agenda: [
      { panelId: discussing, minutes: 30 },
      { panelId: drafting, minutes: 20 },
    ],
  });

  // 6. ERKNet: outcome signed, not yet closed.
  const signed = await open(
    { nickname: 'Ibis', lead: KIDNEY_LEAD, ern: 'erknet', type: 'diagnosis', urgency: 'urgent', title: 'Steroid-resistant nephrotic syndrome in a young adult', clinicalQuestion: 'Which genetic testing is advised, and should relatives be screened?' },
    KIDNEY_COORDINATOR,
  );
  await join(signed, KIDNEY_LEAD, [LEAD]);
  await contribute(LEAD, signed, { assessment: 'Steroid resistance with a family history points to a monogenic podocytopathy; test before further immunosuppression.', diagnosis: { code: 'ORPHA:656', label: 'Hereditary steroid-resistant nephrotic syndrome' }, investigations: 'Nephrotic syndrome gene panel (NPHS1, NPHS2, WT1, COL4A3-5).' });
  await transition(KIDNEY_LEAD, signed, 'startOutcome');
  const kidneyDraft = await s.call<{ revision: number }>(KIDNEY_LEAD, 'PUT', `${report(signed)}/draft`, {
    expectedRevision: 0,
    summary: 'Steroid-resistant nephrotic syndrome found at a school check-up; a maternal cousin on dialysis.',
    conclusion: 'A genetic steroid-resistant nephrotic syndrome is likely; genetic testing before further immunosuppression.',
    diagnoses: [{ code: 'ORPHA:656', label: 'Hereditary steroid-resistant nephrotic syndrome', status: 'suspected' }],
    recommendations: { investigations: 'Nephrotic syndrome gene panel including COL4A3-5.', treatment: 'RAAS blockade; taper immunosuppression if a genetic cause is found.', followUp: 'Cascade testing of relatives once a variant is found.' },
  });
  await s.call(LEAD, 'POST', `${report(signed)}/approvals`, { revision: kidneyDraft.revision });
  await s.call(KIDNEY_LEAD, 'POST', `${report(signed)}/signature`, { expectedRevision: kidneyDraft.revision });
  made += 1;

  // 7. ERKNet: a request cancelled by its lead before triage.
  const cancelled = await request({ nickname: 'Marten', lead: KIDNEY_LEAD, ern: 'erknet', type: 'diagnosis', urgency: 'routine', title: 'Haematuria in a child', clinicalQuestion: 'Is an Alport syndrome work-up indicated?', history: 'Persistent microscopic haematuria since the age of 6; normal renal function.' });
  await transition(KIDNEY_LEAD, cancelled, 'cancel', { reason: 'Discussed in the national kidney network instead; no panel needed.' });
  made += 1;

  // 8. ERKNet: closed without an outcome report (one contribution, acknowledged), then archived by the coordinator.
  const archived = await open(
    { nickname: 'Egret', lead: KIDNEY_LEAD, ern: 'erknet', type: 'followUp', urgency: 'routine', title: 'Follow-up of a kidney cyst finding', clinicalQuestion: 'Does a single renal cyst in a young adult need follow-up?', history: 'A single simple renal cyst found on ultrasound; normal renal function; no family history of kidney disease.' },
    KIDNEY_COORDINATOR,
  );
  await join(archived, KIDNEY_LEAD, [LEAD]);
  await contribute(LEAD, archived, { assessment: 'A single simple cyst with normal function and no family history needs no specific follow-up.', investigations: 'None.' });
  await transition(KIDNEY_LEAD, archived, 'close', { reason: 'Question answered in the discussion; no outcome report needed.', acknowledgeFewContributions: true });
  await transition(KIDNEY_COORDINATOR, archived, 'archive');
  made += 1;

  // 9. A draft, not yet submitted.
  await request({ nickname: 'Tern', lead: LEAD, ern: 'ern-rnd', type: 'treatment', urgency: 'routine', title: 'Feeding support in an infant with hypotonia', clinicalQuestion: 'When is a gastrostomy advised for an infant with persistent feeding difficulties?' });
  made += 1;
  return made;
}
