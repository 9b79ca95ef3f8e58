import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { auditChainHeads, auditEventPatients, auditEvents } from '../../db/schema/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../testing/test-database.ts';
import { recordAudit, recordDenied } from './record-audit.ts';
import { verifyAuditChains } from './verify-chains.ts';

let database: Database;
const clock = new ManualClock();
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const eventsOf = (partition: string) => database.db.select().from(auditEvents).where(eq(auditEvents.partition, partition)).orderBy(auditEvents.seq);

class Refused extends Error {}

describe('recordAudit', () => {
  it('commits with the change it records, or not at all', async () => {
    const partition = `test:${randomUUID()}`;
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, clock, { partition, actorId: randomUUID(), action: 'profile.updated', targetType: 'person', patientIds: [randomUUID()] });
        throw new Refused('the change failed after its audit event was written');
      }),
    ).rejects.toBeInstanceOf(Refused);
    expect(await eventsOf(partition)).toEqual([]);
    expect(await database.db.select().from(auditEventPatients).where(eq(auditEventPatients.partition, partition))).toEqual([]);
    expect(await database.db.select().from(auditChainHeads).where(eq(auditChainHeads.partition, partition))).toEqual([]);

    await database.db.transaction((tx) => recordAudit(tx, clock, { partition, actorId: null, action: 'profile.updated', targetType: 'person' }));
    expect((await eventsOf(partition)).map((event) => event.seq)).toEqual([1]);
  });

  it('keeps one contiguous valid chain under 20 concurrent writers of one partition', async () => {
    const partition = `test:${randomUUID()}`;
    const writers = Array.from({ length: 20 }, (_, i) =>
      database.db.transaction((tx) =>
        recordAudit(tx, clock, { partition, actorId: randomUUID(), action: 'settings.updated', targetType: 'settings', patientIds: [randomUUID()], details: { writer: i } }),
      ),
    );
    const written = await Promise.all(writers);
    expect(written.map((w) => w.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const events = await eventsOf(partition);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(events.map((event) => event.details.writer)).size).toBe(20);
    expect(await verifyAuditChains(database.db, { partitions: [partition] })).toMatchObject({ ok: true, partitions: [{ verified: 20, headSeq: 20 }] });
  });

  it('lets writers of different partitions proceed side by side', async () => {
    const partitions = [`test:${randomUUID()}`, `test:${randomUUID()}`, `test:${randomUUID()}`];
    await Promise.all(
      partitions.flatMap((partition) =>
        [1, 2, 3].map(() => database.db.transaction((tx) => recordAudit(tx, clock, { partition, actorId: null, action: 'settings.updated', targetType: 'settings' }))),
      ),
    );
    const result = await verifyAuditChains(database.db, { partitions });
    expect(result.ok).toBe(true);
    expect(result.partitions.map((p) => p.verified)).toEqual([3, 3, 3]);
  });
});

describe('recordDenied', () => {
  it('commits a refused attempt on its own, after the refused work rolled back', async () => {
    const partition = `test:${randomUUID()}`;
    const actorId = randomUUID();
    const attempt = database.db.transaction(async (tx) => {
      await recordAudit(tx, clock, { partition, actorId, action: 'hospital.updated', targetType: 'hospital' });
      throw new Refused('not allowed');
    });
    await expect(attempt).rejects.toBeInstanceOf(Refused);
    await recordDenied(database.db, clock, { partition, actorId, action: 'hospital.updated', targetType: 'hospital', clientAddress: '192.0.2.1' });
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.partition, partition), eq(auditEvents.actorId, actorId)));
    expect(events).toEqual([expect.objectContaining({ seq: 1, outcome: 'denied', action: 'hospital.updated', clientAddress: '192.0.2.1' })]);
  });
});

describe('verifying while events are written', () => {
  it('sees each chain as of one instant, so new events are no false alarm', async () => {
    const partition = `test:${randomUUID()}`;
    const write = () => database.db.transaction((tx) => recordAudit(tx, clock, { partition, actorId: null, action: 'settings.updated', targetType: 'settings' }));
    for (let i = 0; i < 5; i += 1) await write();
    const [result] = await Promise.all([verifyAuditChains(database.db, { partitions: [partition], batchSize: 1 }), ...Array.from({ length: 10 }, write)]);
    expect(result.partitions[0]?.broken).toBeUndefined();
    expect(result.partitions[0]?.verified).toBeGreaterThanOrEqual(5);
  });
});
