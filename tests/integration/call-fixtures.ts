import { randomUUID } from 'node:crypto';
import { panelMembers, panels } from '../../src/db/schema/index.ts';
import type { JoinedCall } from '../../src/modules/calls/calls.contract.ts';
import type { SignedIn } from '../../src/testing/actors.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import { careConsent, type Someone } from './panel-fixtures.ts';

/**
 * An open panel of the ERN on a fresh patient of the lead's hospital, with accepted members (rows written
 * directly: these tests are about calls, not about building panels).
 */
export async function callPanel(t: TestApp, o: { ernId: string; hospitalId: string; lead: Someone; members?: Someone[]; guests?: Someone[]; invited?: Someone[] }): Promise<string> {
  const identity = { givenName: 'Call', familyName: `Fixture-${randomUUID().slice(0, 6)}`, dateOfBirth: '2013-04-05', recordNumber: `CALL-${randomUUID().slice(0, 10)}`, nationalId: null };
  const enrolled = await t.app.inject({ method: 'POST', url: '/api/patients', headers: o.lead.session.headers, payload: { hospitalId: o.hospitalId, careConsent, nickname: 'Call fixture', sex: 'male', identity } });
  if (enrolled.statusCode !== 201) throw new Error(`enrolment: ${enrolled.statusCode} ${enrolled.body}`);
  const now = t.clock.now().toISOString();
  const leadId = o.lead.person.personId;
  const [panel] = await t.database.db
    .insert(panels)
    .values({ ernId: o.ernId, patientId: enrolled.json<{ id: string }>().id, type: 'diagnosis', urgency: 'routine', title: 'Call panel', clinicalQuestion: 'Which gene panel should be ordered next?', status: 'open', requestedBy: leadId, createdAt: now, updatedAt: now, openedAt: now })
    .returning({ id: panels.id });
  const row = (who: Someone, role: 'lead' | 'member' | 'guest', status: 'accepted' | 'invited' = 'accepted') => ({ panelId: panel!.id, personId: who.person.personId, role, status, invitedBy: leadId, invitedAt: now });
  await t.database.db.insert(panelMembers).values([
    row(o.lead, 'lead'),
    ...(o.members ?? []).map((m) => row(m, 'member')),
    ...(o.guests ?? []).map((m) => row(m, 'guest')),
    ...(o.invited ?? []).map((m) => row(m, 'member', 'invited')),
  ]);
  return panel!.id;
}

export async function join(t: TestApp, who: SignedIn, panelId: string): Promise<JoinedCall> {
  const response = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/call/join`, headers: who.headers, payload: {} });
  if (response.statusCode !== 200) throw new Error(`join: ${response.statusCode} ${response.body}`);
  return response.json<JoinedCall>();
}
