import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ManualClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../testing/test-database.ts';
import { recordAudit } from './record-audit.ts';
import { verifyAuditChains, type BrokenLink } from './verify-chains.ts';

let database: Database;
const clock = new ManualClock();
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** A chain of `length` events in a partition of its own, each with a patient and a list of two. */
async function createChain(length = 5): Promise<string> {
  const partition = `test:${randomUUID()}`;
  for (let i = 1; i <= length; i += 1) {
    clock.advance(1_000);
    await database.db.transaction((tx) =>
      recordAudit(tx, clock, {
        partition,
        actorId: randomUUID(),
        action: 'profile.updated',
        targetType: 'person',
        targetId: randomUUID(),
        patientId: randomUUID(),
        patientIds: [randomUUID(), randomUUID()],
        clientAddress: '192.0.2.7',
        details: { step: i, fields: ['language'] },
      }),
    );
  }
  return partition;
}

const tamper = (sql: string, partition: string, ...params: unknown[]) => database.query(sql, [partition, ...params]);

/** Verifies the tampered chain beside an intact one, in small batches so batch edges are crossed. */
async function verifyBesideIntact(partition: string) {
  const intact = await createChain(3);
  const result = await verifyAuditChains(database.db, { partitions: [partition, intact], batchSize: 2 });
  expect(result.partitions.find((p) => p.partition === intact)?.broken).toBeUndefined();
  expect(result.ok).toBe(false);
  return result.partitions.find((p) => p.partition === partition)?.broken;
}

function expectBroken(broken: BrokenLink | undefined, link: Partial<BrokenLink>, reason: string): void {
  expect(broken).toMatchObject(link);
  expect(broken?.reason).toContain(reason);
}

describe('verifyAuditChains', () => {
  it('finds intact chains intact, whatever the batch size', async () => {
    const partition = await createChain(7);
    for (const batchSize of [1, 3, 7, 1000]) {
      const result = await verifyAuditChains(database.db, { partitions: [partition], batchSize });
      expect(result).toMatchObject({ ok: true, partitions: [{ partition, verified: 7, headSeq: 7, broken: undefined }] });
    }
  });

  it('verifies every partition when none is named', async () => {
    const partition = await createChain(2);
    const result = await verifyAuditChains(database.db);
    expect(result.partitions.find((p) => p.partition === partition)).toMatchObject({ verified: 2, broken: undefined });
  });

  const alterations: [string, string, unknown[]][] = [
    ['occurred_at', `update audit_events set occurred_at = occurred_at + interval '1 second' where partition = $1 and seq = 3`, []],
    ['occurred_at by a microsecond', `update audit_events set occurred_at = occurred_at + interval '1 microsecond' where partition = $1 and seq = 3`, []],
    ['actor_id', 'update audit_events set actor_id = $2 where partition = $1 and seq = 3', [randomUUID()]],
    ['actor_id to null', 'update audit_events set actor_id = null where partition = $1 and seq = 3', []],
    ['action', `update audit_events set action = 'audit.viewed' where partition = $1 and seq = 3`, []],
    ['target_type', `update audit_events set target_type = 'hospital' where partition = $1 and seq = 3`, []],
    ['target_id', 'update audit_events set target_id = $2 where partition = $1 and seq = 3', [randomUUID()]],
    ['patient_id', 'update audit_events set patient_id = $2 where partition = $1 and seq = 3', [randomUUID()]],
    ['client_address', `update audit_events set client_address = '198.51.100.1' where partition = $1 and seq = 3`, []],
    ['outcome', `update audit_events set outcome = 'denied' where partition = $1 and seq = 3`, []],
    ['details', `update audit_events set details = jsonb_set(details, '{step}', '4') where partition = $1 and seq = 3`, []],
    ['prev_hash', `update audit_events set prev_hash = repeat('a', 64) where partition = $1 and seq = 3`, []],
    ['hash', `update audit_events set hash = repeat('b', 64) where partition = $1 and seq = 3`, []],
    [
      'a patient of the list',
      'update audit_event_patients set patient_id = $2 where (partition, seq, patient_id) in (select partition, seq, patient_id from audit_event_patients where partition = $1 and seq = 3 limit 1)',
      [randomUUID()],
    ],
    ['a patient removed from the list', 'delete from audit_event_patients where (partition, seq, patient_id) in (select partition, seq, patient_id from audit_event_patients where partition = $1 and seq = 3 limit 1)', []],
    ['a patient added to the list', 'insert into audit_event_patients (partition, seq, patient_id) values ($1, 3, $2)', [randomUUID()]],
  ];

  it.each(alterations)('names the event whose %s was altered', async (_column, sql, params) => {
    const partition = await createChain();
    await tamper(sql, partition, ...params);
    expect(await verifyBesideIntact(partition)).toMatchObject({ partition, seq: 3 });
  });

  it('names the first event after a deleted middle one', async () => {
    const partition = await createChain();
    await tamper('delete from audit_event_patients where partition = $1 and seq = 3', partition);
    await tamper('delete from audit_events where partition = $1 and seq = 3', partition);
    expectBroken(await verifyBesideIntact(partition), { partition, seq: 3 }, 'missing');
  });

  it('catches a dropped tail by the chain head', async () => {
    const partition = await createChain();
    await tamper('delete from audit_events where partition = $1 and seq >= 4', partition);
    expectBroken(await verifyBesideIntact(partition), { partition, seq: 4 }, 'tail');
  });

  it('catches patient links left behind by a dropped tail', async () => {
    const partition = await createChain();
    await tamper('delete from audit_events where partition = $1 and seq = 5', partition);
    await tamper(`update audit_chain_heads h set seq = 4, hash = e.hash from audit_events e where h.partition = $1 and e.partition = $1 and e.seq = 4`, partition);
    expect(await verifyBesideIntact(partition)).toMatchObject({ partition, seq: 5 });
  });

  it('catches events beyond the chain head, and a missing head', async () => {
    const partition = await createChain();
    await tamper('update audit_chain_heads set seq = 3 where partition = $1', partition);
    expect(await verifyBesideIntact(partition)).toMatchObject({ partition, seq: 4 });
    await tamper('delete from audit_chain_heads where partition = $1', partition);
    expectBroken(await verifyBesideIntact(partition), { partition }, 'head is missing');
  });

  it('reports a partition named but absent as empty and intact', async () => {
    const partition = `test:${randomUUID()}`;
    expect(await verifyAuditChains(database.db, { partitions: [partition] })).toMatchObject({ ok: true, partitions: [{ partition, verified: 0 }] });
  });
});
