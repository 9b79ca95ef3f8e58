import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ManualClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../testing/test-database.ts';
import { chainHash } from './chain-hash.ts';
import { appendCheckpoint, checkpointFile, readChainHeads, startCheckpointer, writeCheckpoint } from './checkpoints.ts';
import { recordAudit } from './record-audit.ts';
import { verifyAuditChains } from './verify-chains.ts';

let database: Database;
let folder: string;
const clock = new ManualClock();
const key = randomBytes(32);
beforeAll(async () => {
  database = await openTestDatabase();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-audit-'));
});
afterAll(async () => {
  await database?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

async function createChain(length = 5): Promise<string> {
  const partition = `test:${randomUUID()}`;
  for (let i = 1; i <= length; i += 1) {
    clock.advance(1_000);
    await database.db.transaction((tx) =>
      recordAudit(tx, clock, { partition, actorId: randomUUID(), action: 'settings.updated', targetType: 'settings', details: { step: i } }),
    );
  }
  return partition;
}

/** A fresh checkpoint file holding the heads of just these partitions (the shared database has others). */
async function checkpointOf(...partitions: string[]): Promise<string> {
  const file = path.join(folder, randomUUID(), 'checkpoints.jsonl');
  const heads = (await readChainHeads(database.db)).filter((head) => partitions.includes(head.partition));
  await appendCheckpoint({ file, key, clock }, heads);
  return file;
}

/** Verifies the named partitions against the checkpoint file (every partition when none is named). */
const verify = (file: string, ...partitions: string[]) =>
  verifyAuditChains(database.db, { ...(partitions.length > 0 ? { partitions } : {}), checkpoints: { file, key } });

/** Drops the tail from seq `from` and rolls the head back to match, as a careful attacker would. */
async function dropTailAndHead(partition: string, from: number): Promise<void> {
  await database.query('delete from audit_events where partition = $1 and seq >= $2', [partition, from]);
  await database.query('update audit_chain_heads h set seq = e.seq, hash = e.hash from audit_events e where h.partition = $1 and e.partition = $1 and e.seq = $2', [partition, from - 1]);
}

describe('checkpoints', () => {
  it('lives in the data directory, one signed line per checkpoint, copied to the log', async () => {
    const partition = await createChain(2);
    const file = checkpointFile(folder);
    const logged: unknown[] = [];
    const checkpoint = await writeCheckpoint({ db: database.db, file, key, clock, logger: { info: (entry: unknown) => void logged.push(entry) } });
    expect(file).toBe(path.join(folder, 'audit', 'checkpoints.jsonl'));
    expect(checkpoint.heads.find((head) => head.partition === partition)).toMatchObject({ seq: 2, hash: (await readChainHeads(database.db)).find((head) => head.partition === partition)?.hash });
    expect(fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([checkpoint]);
    expect(logged).toEqual([{ auditCheckpoint: checkpoint }]);
    expect(await verify(file, partition)).toMatchObject({ ok: true, checkpoints: { valid: 1, problems: [] }, partitions: [{ checkpointedSeq: 2 }] });
  });

  it('catches a dropped tail even when the chain head was rolled back to match', async () => {
    const partition = await createChain(5);
    const file = await checkpointOf(partition);
    await dropTailAndHead(partition, 4);
    expect(await verifyAuditChains(database.db, { partitions: [partition] })).toMatchObject({ ok: true }); // the database alone cannot tell
    const result = await verify(file, partition);
    expect(result.ok).toBe(false);
    expect(result.partitions[0]?.broken).toMatchObject({ partition, seq: 4 });
    expect(result.partitions[0]?.broken?.reason).toContain('tail was dropped');
  });

  it('catches a partition emptied of every row, head included', async () => {
    const partition = await createChain(2);
    const file = await checkpointOf(partition);
    await database.query('delete from audit_events where partition = $1', [partition]);
    await database.query('delete from audit_chain_heads where partition = $1', [partition]);
    expect((await verify(file)).partitions.find((p) => p.partition === partition)?.broken).toMatchObject({ seq: 1 });
  });

  it('catches history rewritten with fresh hashes and a matching head', async () => {
    const partition = await createChain(3);
    const file = await checkpointOf(partition);
    const [row] = await database.query<{ hash: string }>(
      `update audit_events set details = '{"step": 30}' where partition = $1 and seq = 3 returning *`,
      [partition],
    );
    const [event] = await database.db.query.auditEvents.findMany({ where: (e, { and, eq }) => and(eq(e.partition, partition), eq(e.seq, 3)) });
    const { hash: stored, ...fields } = event!;
    expect(stored).toBe(row?.hash);
    const forged = chainHash({ ...fields, patientIds: [] });
    expect(forged).not.toBe(stored);
    await database.query('update audit_events set hash = $2 where partition = $1 and seq = 3', [partition, forged]);
    await database.query('update audit_chain_heads set hash = $2 where partition = $1', [partition, forged]);
    expect(await verifyAuditChains(database.db, { partitions: [partition] })).toMatchObject({ ok: true });
    const { broken } = (await verify(file, partition)).partitions[0]!;
    expect(broken).toMatchObject({ seq: 3 });
    expect(broken?.reason).toContain('checkpoint');
  });

  it('refuses a checkpoint line whose content or MAC was altered', async () => {
    const partition = await createChain(5);
    const file = await checkpointOf(partition);
    await dropTailAndHead(partition, 4);
    // The attacker edits the checkpoint to match the shortened chain; the MAC gives it away.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"seq":5', '"seq":3'));
    const result = await verify(file, partition);
    expect(result.ok).toBe(false);
    expect(result.checkpoints?.problems).toHaveLength(1);
    expect(result.checkpoints?.problems[0]).toMatchObject({ line: 1 });
    expect(result.checkpoints?.problems[0]?.reason).toContain('MAC does not match');
    expect((await verifyAuditChains(database.db, { partitions: [partition], checkpoints: { file, key: randomBytes(32) } })).checkpoints?.valid).toBe(0);
    fs.appendFileSync(file, '{"at": "2026-01-01T00:00:00.000Z", "heads": []\n');
    expect((await verify(file, partition)).checkpoints?.problems).toHaveLength(2);
  });

  it('accepts checkpoints copied from the log, and no file at all', async () => {
    const partition = await createChain(2);
    const file = await checkpointOf(partition);
    const logExport = path.join(folder, `${randomUUID()}.log`);
    const logLine = { level: 30, time: '2026-01-01T09:00:00.000Z', msg: 'audit chain checkpoint', auditCheckpoint: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
    fs.writeFileSync(logExport, `${JSON.stringify(logLine)}\n`);
    expect(await verify(logExport, partition)).toMatchObject({ ok: true, checkpoints: { valid: 1 } });
    expect(await verify(path.join(folder, 'none.jsonl'), partition)).toMatchObject({ ok: true, checkpoints: { found: false, valid: 0 } });
  });
});

describe('startCheckpointer', () => {
  it('checkpoints at start, then only the heads that moved, and once more on stop', async () => {
    const partition = await createChain(1);
    const file = path.join(folder, randomUUID(), 'checkpoints.jsonl');
    const checkpointer = startCheckpointer({ db: database.db, file, key, clock, logger: { info: () => {}, error: () => {} }, intervalMs: 3_600_000 });
    await vi.waitFor(() => expect(fs.existsSync(file)).toBe(true)); // the start-up checkpoint
    await database.db.transaction((tx) => recordAudit(tx, clock, { partition, actorId: null, action: 'settings.updated', targetType: 'settings' }));
    await checkpointer.stop();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { heads: { partition: string; seq: number }[] });
    expect(lines).toHaveLength(2);
    expect(lines[0]?.heads).toContainEqual(expect.objectContaining({ partition, seq: 1 }));
    expect(lines[1]?.heads.filter((head) => head.partition === partition)).toEqual([expect.objectContaining({ seq: 2 })]);
    expect(await verify(file, partition)).toMatchObject({ ok: true, partitions: [{ checkpointedSeq: 2 }] });
  });

  it('checkpoints again every interval once a head has moved', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const partition = await createChain(1);
      const file = path.join(folder, randomUUID(), 'checkpoints.jsonl');
      const lineCount = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').length : 0);
      const checkpointer = startCheckpointer({ db: database.db, file, key, clock, logger: { info: () => {}, error: () => {} }, intervalMs: 60_000 });
      await vi.waitFor(() => expect(lineCount()).toBe(1));
      await database.db.transaction((tx) => recordAudit(tx, clock, { partition, actorId: null, action: 'settings.updated', targetType: 'settings' }));
      await vi.advanceTimersByTimeAsync(60_000);
      await vi.waitFor(() => expect(lineCount()).toBe(2));
      await checkpointer.stop();
      expect(await verify(file, partition)).toMatchObject({ ok: true, partitions: [{ checkpointedSeq: 2 }] });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps running when a checkpoint fails, and says so in the log', async () => {
    const blocker = path.join(folder, randomUUID());
    fs.writeFileSync(blocker, 'a file where a folder should be');
    const errors: unknown[] = [];
    const checkpointer = startCheckpointer({
      db: database.db,
      file: path.join(blocker, 'checkpoints.jsonl'),
      key,
      clock,
      logger: { info: () => {}, error: (entry: unknown) => void errors.push(entry) },
      intervalMs: 3_600_000,
    });
    await checkpointer.stop();
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });
});
