import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../src/access/actor.ts';
import { diseaseGroups, erns, memberships } from '../../src/db/schema/index.ts';
import { resolveSessionToken } from '../../src/modules/identity/sessions.ts';
import { createTestPerson, signIn, type SignedIn, type TestAffiliation, type TestPerson } from '../../src/testing/actors.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import { pdfFile, uploadRequest } from './attachments-test-app.ts';

/** Panels are built through the API, as people would: enrol, write the record, request, share, submit, accept. */

export interface Someone {
  person: TestPerson;
  session: SignedIn;
}

export const careConsent = { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-01', formVersion: 'care-2025-1', language: 'de', evidence: 'attestation' } as const;

export async function someone(t: TestApp, affiliations: TestAffiliation[], displayName?: string): Promise<Someone> {
  const person = await createTestPerson(t, { affiliations, ...(displayName ? { displayName } : {}) });
  return { person, session: await signIn(t, person) };
}

async function ok<T>(t: TestApp, options: InjectOptions, status = 200): Promise<T> {
  const response = await t.app.inject(options);
  if (response.statusCode !== status) {
    const logged = response.statusCode >= 500 ? t.logLines.filter((l) => l.includes('"err"')).slice(-1).join('') : '';
    throw new Error(`${String(options.method)} ${typeof options.url === 'string' ? options.url : ''}: ${response.statusCode} ${response.body} ${logged}`);
  }
  return (response.body ? response.json() : undefined) as T;
}

/** A patient of the hospital, enrolled (with care consent) by `by`, whose record has a history (version 1). */
export async function patientWithRecord(t: TestApp, by: SignedIn, hospitalId: string, history = 'Progressive gait ataxia since age 4.', nickname = 'Panel fixture'): Promise<string> {
  const identity = { givenName: 'Panel', familyName: `Fixture-${randomUUID().slice(0, 6)}`, dateOfBirth: '2014-03-27', recordNumber: `PFREC-${randomUUID().slice(0, 12)}`, nationalId: null };
  const { id } = await ok<{ id: string }>(t, { method: 'POST', url: '/api/patients', headers: by.headers, payload: { hospitalId, careConsent, nickname, sex: 'female', identity } }, 201);
  await ok(t, { method: 'PUT', url: `/api/patients/${id}/record/sections/history`, headers: by.headers, payload: { expectedVersion: 0, content: { medicalHistory: history, familyHistory: 'Unremarkable.' } } });
  return id;
}

export async function writeSection(t: TestApp, by: SignedIn, patientId: string, expectedVersion: number, section: string, content: unknown): Promise<void> {
  await ok(t, { method: 'PUT', url: `/api/patients/${patientId}/record/sections/${section}`, headers: by.headers, payload: { expectedVersion, content } });
}

export async function uploadPdf(t: TestApp, by: SignedIn, patientId: string, kind = 'report', text = 'panel fixture file'): Promise<string> {
  return (await ok<{ id: string }>(t, uploadRequest(by, patientId, [['kind', kind]], { filename: 'Panel-Fixture-Lastname.pdf', content: pdfFile(text) }), 201)).id;
}

export async function diseaseGroupOf(t: TestApp, ernId: string): Promise<string | null> {
  const [group] = await t.database.db.select({ id: diseaseGroups.id }).from(diseaseGroups).where(eq(diseaseGroups.ernId, ernId)).limit(1);
  return group?.id ?? null;
}

export interface PanelRequest {
  patientId: string;
  ernId: string;
  title?: string;
  clinicalQuestion?: string;
  urgency?: 'routine' | 'urgent' | 'veryUrgent';
}

export async function requestPanel(t: TestApp, by: SignedIn, request: PanelRequest): Promise<string> {
  const payload = {
    patientId: request.patientId,
    ernId: request.ernId,
    diseaseGroupId: await diseaseGroupOf(t, request.ernId),
    type: 'diagnosis',
    urgency: request.urgency ?? 'routine',
    title: request.title ?? 'Unclear ataxia in a child',
    clinicalQuestion: request.clinicalQuestion ?? 'Which genetic tests should follow a negative ataxia panel?',
  };
  return (await ok<{ id: string }>(t, { method: 'POST', url: '/api/panels', headers: by.headers, payload }, 201)).id;
}

export async function share(t: TestApp, by: SignedIn, panelId: string, body: { recordVersion: number; sections: string[]; attachments?: { attachmentId: string; label: string }[] }): Promise<void> {
  await ok(t, { method: 'POST', url: `/api/panels/${panelId}/shares`, headers: by.headers, payload: { attachments: [], ...body } }, 201);
}

export async function transition(t: TestApp, by: SignedIn, panelId: string, action: string, body: Record<string, unknown> = {}): Promise<{ status: string }> {
  return ok<{ status: string }>(t, { method: 'POST', url: `/api/panels/${panelId}/transitions/${action}`, headers: by.headers, payload: body });
}

/** A request with the history shared, submitted (awaiting triage in ERN-RND). */
export async function submittedPanel(t: TestApp, lead: SignedIn, patientId: string, ernId: string): Promise<string> {
  const panelId = await requestPanel(t, lead, { patientId, ernId });
  await share(t, lead, panelId, { recordVersion: 1, sections: ['history'] });
  await transition(t, lead, panelId, 'submit');
  return panelId;
}

/** Submitted and accepted by the coordinator: open. */
export async function openPanel(t: TestApp, lead: SignedIn, coordinator: SignedIn, patientId: string, ernId: string): Promise<string> {
  const panelId = await submittedPanel(t, lead, patientId, ernId);
  await transition(t, coordinator, panelId, 'accept');
  return panelId;
}

export async function invite(t: TestApp, by: SignedIn, panelId: string, personIds: string[]): Promise<void> {
  await ok(t, { method: 'POST', url: `/api/panels/${panelId}/invitations`, headers: by.headers, payload: { personIds } });
}

export async function accept(t: TestApp, by: SignedIn, panelId: string): Promise<void> {
  await ok(t, { method: 'POST', url: `/api/panels/${panelId}/invitation/acceptance`, headers: by.headers }, 204);
}

export async function contribute(t: TestApp, by: SignedIn, panelId: string, assessment = 'Consistent with a recessive ataxia.', expectedVersion = 0): Promise<{ version: number }> {
  return ok<{ version: number }>(t, { method: 'PUT', url: `/api/panels/${panelId}/contributions/mine`, headers: by.headers, payload: { expectedVersion, assessment, suggestedDiagnoses: [{ code: 'ORPHA:95433', label: 'Ataxia with vitamin E deficiency' }], suggestedInvestigations: 'Serum vitamin E.', freeText: '' } });
}

/** A network of its own (so a test can set triage and deadlines without touching the seeded ones), with the hospital as a member. */
export async function ownErn(t: TestApp, hospitalId: string, settings: { triageRequired: boolean }): Promise<string> {
  const code = `test-${randomUUID().slice(0, 8)}`;
  const [ern] = await t.database.db.insert(erns).values({ code, name: `Test ERN ${code}`, field: 'tests', triageRequired: settings.triageRequired }).returning({ id: erns.id });
  await t.database.db.insert(memberships).values({ hospitalId, ernId: ern!.id, type: 'fullMember' });
  return ern!.id;
}

export async function isMember(t: TestApp, hospitalId: string, ernId: string): Promise<boolean> {
  return (await t.database.db.select().from(memberships).where(and(eq(memberships.hospitalId, hospitalId), eq(memberships.ernId, ernId)))).length > 0;
}

/** The real Actor behind a signed-in session (for use cases called directly, such as the outcome-signed seam). */
export async function actorBehind(t: TestApp, who: SignedIn): Promise<Actor> {
  const token = /cpms_session=([^;]+)/.exec(who.cookie)?.[1];
  const found = token ? await resolveSessionToken(t.database.db, t.clock, decodeURIComponent(token)) : undefined;
  if (!found) throw new Error('no session behind these headers');
  return found.actor;
}
