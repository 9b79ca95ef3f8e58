import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../app-deps.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { createTestPerson, seededOrganisations, signIn, type SignedIn } from '../../testing/actors.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { hospitalPartition, PLATFORM_PARTITION } from './audit-actions.contract.ts';
import type { AuditEventPage } from './audit.contract.ts';
import { auditRoutes } from './audit.routes.ts';
import { recordAudit, type AuditEventInput } from './record-audit.ts';

// Until app.ts registers the audit routes, the test registers them itself. A second copy under
// /with-patients answers access reports with a stand-in patient lookup (there is no patients table yet).
const deps = {} as AppDeps;
const patientHospitals = new Map<string, string>();
let t: TestApp;
let orgs: Awaited<ReturnType<typeof seededOrganisations>>;
let admin: SignedIn, dpoA: SignedIn, dpoB: SignedIn, professionalA: SignedIn, coordinator: SignedIn;
let professionalAId: string;

beforeAll(async () => {
  t = await createTestApp({
    register: (app) => {
      if (!app.hasRoute({ method: 'GET', url: '/api/audit/events' })) void app.register(auditRoutes(deps));
      void app.register(auditRoutes(deps, { patientHospitalOf: async (_db, patientId) => patientHospitals.get(patientId) }), { prefix: '/with-patients' });
    },
  });
  Object.assign(deps, { config: t.config, database: t.database, db: t.database.db, clock: t.clock, keys: t.keys });
  orgs = await seededOrganisations(t);
  const person = (role: Parameters<typeof createTestPerson>[1]) => createTestPerson(t, role).then((p) => signIn(t, p));
  admin = await person({ affiliations: [{ role: 'platformAdministrator' }] });
  dpoA = await person({ affiliations: [{ role: 'dataProtectionOfficer', hospitalId: orgs.waldstadt }] });
  dpoB = await person({ affiliations: [{ role: 'dataProtectionOfficer', hospitalId: orgs.noordhaven }] });
  const professional = await createTestPerson(t, { affiliations: [{ role: 'healthProfessional', hospitalId: orgs.waldstadt }] });
  professionalAId = professional.personId;
  professionalA = await signIn(t, professional);
  coordinator = await person({ affiliations: [{ role: 'coordinator', ernId: orgs.rnd }] });
});
afterAll(async () => {
  await t?.close();
});

/** Events by one fresh actor (so the shared database's other events never get in the way). */
async function recordEvents(events: Omit<AuditEventInput, 'actorId' | 'targetType'>[]): Promise<string> {
  const actorId = randomUUID();
  for (const event of events) {
    t.clock.advance(1_000);
    await t.database.db.transaction((tx) => recordAudit(tx, t.clock, { actorId, targetType: 'test', ...event }));
  }
  return actorId;
}

const getEvents = (who: SignedIn | undefined, query: Record<string, string | number>, prefix = '') =>
  t.app.inject({ method: 'GET', url: `${prefix}/api/audit/events`, query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), ...(who ? { headers: who.headers } : {}) });

const partitionsSeen = async (who: SignedIn, query: Record<string, string>) => {
  const response = await getEvents(who, query);
  expect(response.statusCode).toBe(200);
  return response.json<AuditEventPage>().events.map((e) => e.partition);
};

describe('GET /api/audit/events', () => {
  it('shows a platform administrator every event, ids and codes only', async () => {
    const patientId = randomUUID();
    const actorId = await recordEvents([
      { partition: hospitalPartition(orgs.waldstadt), action: 'hospital.updated', patientIds: [patientId], details: { fields: ['name'] } },
      { partition: hospitalPartition(orgs.noordhaven), action: 'hospital.updated', outcome: 'denied', clientAddress: '192.0.2.9' },
    ]);
    const response = await getEvents(admin, { actorId });
    expect(response.statusCode).toBe(200);
    const { events, next } = response.json<AuditEventPage>();
    expect(next).toBeNull();
    expect(events).toEqual([
      expect.objectContaining({ partition: hospitalPartition(orgs.noordhaven), seq: expect.any(Number) as number, outcome: 'denied', clientAddress: '192.0.2.9', patientIds: [] }),
      expect.objectContaining({ partition: hospitalPartition(orgs.waldstadt), actorId, action: 'hospital.updated', patientIds: [patientId], details: { fields: ['name'] } }),
    ]);
    expect(Object.keys(events[0]!)).not.toContain('hash');
  });

  it("shows a hospital's data-protection officer that hospital's events and no other's", async () => {
    const actorId = await recordEvents([
      { partition: hospitalPartition(orgs.waldstadt), action: 'hospital.updated' },
      { partition: hospitalPartition(orgs.noordhaven), action: 'hospital.updated' },
      { partition: PLATFORM_PARTITION, action: 'settings.updated' },
    ]);
    expect(await partitionsSeen(dpoA, { actorId })).toEqual([hospitalPartition(orgs.waldstadt)]);
    expect(await partitionsSeen(dpoB, { actorId })).toEqual([hospitalPartition(orgs.noordhaven)]);
    expect(await partitionsSeen(dpoA, { actorId, partition: hospitalPartition(orgs.noordhaven) })).toEqual([]);
    expect(await partitionsSeen(admin, { actorId })).toHaveLength(3);
  });

  it('refuses health professionals and coordinators (403, recorded) and anonymous callers (401)', async () => {
    for (const who of [professionalA, coordinator]) {
      const response = await getEvents(who, { limit: 999 }); // refused before the bad limit is looked at
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
    }
    expect((await getEvents(undefined, {})).statusCode).toBe(401);
    const denied = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.actorId, professionalAId), eq(auditEvents.action, 'access.denied')));
    expect(denied).toEqual([expect.objectContaining({ partition: PLATFORM_PARTITION, outcome: 'denied', targetId: 'GET /api/audit/events', details: expect.objectContaining({ status: 403 }) as unknown })]);
  });

  it('records each viewing in the platform chain, with the filters used', async () => {
    const person = await createTestPerson(t, { affiliations: [{ role: 'dataProtectionOfficer', hospitalId: orgs.waldstadt }] });
    const patientId = randomUUID();
    expect((await getEvents(await signIn(t, person), { patientId, outcome: 'denied' })).statusCode).toBe(200);
    const viewed = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.actorId, person.personId), eq(auditEvents.action, 'audit.viewed')));
    expect(viewed).toEqual([
      expect.objectContaining({ partition: PLATFORM_PARTITION, patientId, details: { filters: { patientId, outcome: 'denied' }, returned: 0, continued: false } }),
    ]);
  });

  it('filters by action, outcome, time and patient (alone or in a list)', async () => {
    const patientId = randomUUID();
    const partition = hospitalPartition(orgs.waldstadt);
    const start = t.clock.now().toISOString();
    const actorId = await recordEvents([
      { partition, action: 'hospital.updated', patientId },
      { partition, action: 'settings.updated', outcome: 'denied' },
      { partition, action: 'settings.updated', patientIds: [randomUUID(), patientId] },
    ]);
    const seqsOf = async (query: Record<string, string>) => (await getEvents(admin, { actorId, ...query })).json<AuditEventPage>().events.map((e) => e.action + '/' + e.outcome);
    expect(await seqsOf({ action: 'hospital.updated' })).toEqual(['hospital.updated/success']);
    expect(await seqsOf({ outcome: 'denied' })).toEqual(['settings.updated/denied']);
    expect(await seqsOf({ patientId: patientId.toUpperCase() })).toEqual(['settings.updated/success', 'hospital.updated/success']);
    const second = new Date(Date.parse(start) + 2_000).toISOString();
    expect(await seqsOf({ from: second })).toEqual(['settings.updated/success', 'settings.updated/denied']);
    expect(await seqsOf({ from: start, to: second })).toEqual(['hospital.updated/success']);
    expect((await getEvents(admin, { from: second, to: start })).statusCode).toBe(400);
    expect((await getEvents(admin, { action: 'no.such' })).statusCode).toBe(400);
  });

  it('pages newest first by keyset, at most 200 a page', async () => {
    const actorId = await recordEvents(Array.from({ length: 5 }, () => ({ partition: hospitalPartition(orgs.waldstadt), action: 'hospital.updated' as const })));
    const seen: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 3; pages += 1) {
      const response = await getEvents(admin, { actorId, limit: 2, ...(after ? { after } : {}) });
      const page: AuditEventPage = response.json();
      seen.push(...page.events.map((e) => e.seq));
      after = page.next;
    }
    expect(after).toBeNull();
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect((await getEvents(admin, { limit: 201 })).statusCode).toBe(400);
    const bad = await getEvents(admin, { after: 'not-a-cursor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ problems: [{ path: 'query.after' }] });
  });
});

describe('GET /api/audit/patients/:patientId/access-report', () => {
  const report = (who: SignedIn | undefined, patientId: string, prefix = '/with-patients') =>
    t.app.inject({ method: 'GET', url: `${prefix}/api/audit/patients/${patientId}/access-report`, ...(who ? { headers: who.headers } : {}) });

  it('is 404 for a patient that does not exist, and 401 without a session', async () => {
    for (const who of [admin, dpoA]) expect((await report(who, randomUUID(), '')).statusCode).toBe(404);
    expect((await report(undefined, randomUUID(), '')).statusCode).toBe(401);
  });

  it("lists who saw or changed a patient's data, for the admins and the DPOs of the patient's hospital", async () => {
    const patientId = randomUUID();
    patientHospitals.set(patientId, orgs.waldstadt);
    const actorId = await recordEvents([
      { partition: hospitalPartition(orgs.waldstadt), action: 'hospital.updated', patientId },
      { partition: hospitalPartition(orgs.noordhaven), action: 'settings.updated', patientIds: [patientId, randomUUID()] },
      { partition: hospitalPartition(orgs.waldstadt), action: 'settings.updated', patientId: randomUUID() },
    ]);
    for (const who of [admin, dpoA]) {
      const response = await report(who, patientId);
      expect(response.statusCode).toBe(200);
      expect(response.json<AuditEventPage>().events.filter((e) => e.actorId === actorId).map((e) => e.action)).toEqual(['settings.updated', 'hospital.updated']);
    }
    expect((await report(dpoB, patientId)).statusCode).toBe(404);
    expect((await report(coordinator, patientId)).statusCode).toBe(404);
    expect((await report(professionalA, patientId)).statusCode).toBe(403);
    expect((await report(undefined, patientId)).statusCode).toBe(401);
    const trail = await t.database.db.select().from(auditEvents).where(eq(auditEvents.patientId, patientId));
    expect(trail.filter((e) => e.action === 'audit.accessReportViewed')).toHaveLength(2);
    expect(trail.filter((e) => e.action === 'access.denied').map((e) => e.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 404 }), expect.objectContaining({ status: 403 })]),
    );
    expect(new Set(trail.filter((e) => e.actorId !== actorId && e.action === 'audit.accessReportViewed').map((e) => e.partition))).toEqual(new Set([hospitalPartition(orgs.waldstadt)]));
  });
});
