import { and, asc, eq, gt, lte, min } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { auditChainHeads, auditEventPatients, auditEvents } from '../../db/schema/index.ts';
import { chainHash, GENESIS_HASH, type ChainedFields } from './chain-hash.ts';
import { readCheckpoints, type CheckpointedLink, type CheckpointLog } from './read-checkpoints.ts';

export interface BrokenLink {
  partition: string;
  seq: number;
  reason: string;
}

export interface PartitionVerification {
  partition: string;
  /** Events verified in order before the first broken link (all of them when intact). */
  verified: number;
  headSeq: number | undefined;
  /** The highest seq a checkpoint vouches for. */
  checkpointedSeq: number | undefined;
  broken: BrokenLink | undefined;
}

export interface AuditVerification {
  ok: boolean;
  partitions: PartitionVerification[];
  checkpoints: CheckpointLog | undefined;
}

export interface VerifyOptions {
  /** Only these partitions (tests, or a targeted check); default every partition found anywhere. */
  partitions?: string[];
  /** The checkpoint file and its key; without it only the database's own consistency is checked. */
  checkpoints?: { file: string; key: Buffer };
  batchSize?: number;
}

/** recordAudit writes instants with millisecond precision, which is all the hash covers; finer digits were written by hand. */
const subMillisecond = /\.\d{4,}/;

/** Every partition the events, the heads or the checkpoints know: one emptied of all rows is still checked. */
async function allPartitions(db: Db, checkpointed: Iterable<string>): Promise<string[]> {
  const rows = await db
    .select({ partition: auditChainHeads.partition })
    .from(auditChainHeads)
    .union(db.selectDistinct({ partition: auditEvents.partition }).from(auditEvents));
  return [...new Set([...rows.map((row) => row.partition), ...checkpointed])].sort();
}

type EventRow = typeof auditEvents.$inferSelect;

/** Exactly the fields recordAudit hashed, named one by one so a column added later cannot shift the hash. */
const chainedFieldsOf = (row: EventRow, patientIds: string[]): ChainedFields => ({
  partition: row.partition,
  seq: row.seq,
  occurredAt: row.occurredAt,
  actorId: row.actorId,
  action: row.action,
  targetType: row.targetType,
  targetId: row.targetId,
  patientId: row.patientId,
  patientIds,
  clientAddress: row.clientAddress,
  outcome: row.outcome,
  details: row.details,
  prevHash: row.prevHash,
});

const highest = (seqs: Iterable<number>): number | undefined => {
  let top: number | undefined;
  for (const seq of seqs) if (top === undefined || seq > top) top = seq;
  return top;
};

async function patientsBySeq(db: Tx, partition: string, after: number, last: number): Promise<Map<number, string[]>> {
  const rows = await db
    .select({ seq: auditEventPatients.seq, patientId: auditEventPatients.patientId })
    .from(auditEventPatients)
    .where(and(eq(auditEventPatients.partition, partition), gt(auditEventPatients.seq, after), lte(auditEventPatients.seq, last)));
  const bySeq = new Map<number, string[]>();
  for (const row of rows) bySeq.set(row.seq, [...(bySeq.get(row.seq) ?? []), row.patientId]);
  return bySeq;
}

/**
 * Walks one chain from seq 1 in batches and returns its first broken link: a missing seq (a deleted
 * event), a prev_hash not equal to the previous event's hash, content that no longer hashes to the stored
 * hash, a hash differing from a checkpoint, then a head or checkpoint beyond the last event (a dropped tail).
 */
async function verifyPartition(db: Tx, partition: string, vouched: Map<number, CheckpointedLink>, batchSize: number): Promise<PartitionVerification> {
  const [head] = await db.select().from(auditChainHeads).where(eq(auditChainHeads.partition, partition));
  const checkpointedSeq = highest(vouched.keys());
  const result = (verified: number, broken?: BrokenLink): PartitionVerification => ({ partition, verified, headSeq: head?.seq, checkpointedSeq, broken });
  const broken = (verified: number, seq: number, reason: string) => result(verified, { partition, seq, reason });
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.partition, partition), gt(auditEvents.seq, lastSeq)))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (rows.length === 0) break;
    const patients = await patientsBySeq(db, partition, lastSeq, rows.at(-1)!.seq);
    for (const row of rows) {
      const expected = lastSeq + 1;
      if (row.seq !== expected) {
        return broken(lastSeq, expected, row.seq === expected + 1 ? `event ${expected} is missing (deleted)` : `events ${expected} to ${row.seq - 1} are missing (deleted)`);
      }
      if (row.prevHash !== lastHash) return broken(lastSeq, row.seq, 'prev_hash is not the hash of the event before it');
      if (subMillisecond.test(row.occurredAt) || chainHash(chainedFieldsOf(row, patients.get(row.seq) ?? [])) !== row.hash) {
        return broken(lastSeq, row.seq, 'the event no longer matches its hash (a column or its patient list was altered)');
      }
      const checkpointed = vouched.get(row.seq);
      if (checkpointed && checkpointed.hash !== row.hash) return broken(lastSeq, row.seq, `the hash differs from the checkpoint of ${checkpointed.at} (history rewritten)`);
      lastSeq = row.seq;
      lastHash = row.hash;
    }
    if (rows.length < batchSize) break;
  }
  if (!head) return lastSeq === 0 && checkpointedSeq === undefined ? result(0) : broken(lastSeq, lastSeq + 1, 'the chain head is missing');
  if (head.seq > lastSeq) return broken(lastSeq, lastSeq + 1, `events from seq ${lastSeq + 1} to ${head.seq} are missing: the tail was dropped`);
  if (head.seq < lastSeq) return broken(lastSeq, head.seq + 1, `the chain head is at seq ${head.seq} but events go on to seq ${lastSeq}`);
  if (head.hash !== lastHash) return broken(lastSeq, lastSeq, 'the chain head hash differs from the last event');
  if (checkpointedSeq !== undefined && checkpointedSeq > lastSeq) {
    return broken(lastSeq, lastSeq + 1, `the checkpoint of ${vouched.get(checkpointedSeq)!.at} vouched for seq ${checkpointedSeq} but the chain ends at seq ${lastSeq}: the tail was dropped`);
  }
  const [stray] = await db
    .select({ seq: min(auditEventPatients.seq) })
    .from(auditEventPatients)
    .where(and(eq(auditEventPatients.partition, partition), gt(auditEventPatients.seq, lastSeq)));
  if (stray?.seq != null) return broken(lastSeq, Number(stray.seq), 'patient links exist for an event that does not');
  return result(lastSeq);
}

/**
 * Verifies every audit chain (or the given partitions) against its own hashes, its head and the signed
 * checkpoints kept outside the database. Streams each chain in batches, so memory stays flat.
 */
export async function verifyAuditChains(db: Db, options: VerifyOptions = {}): Promise<AuditVerification> {
  const only = options.partitions ? new Set(options.partitions) : undefined;
  const checkpoints = options.checkpoints ? await readCheckpoints(options.checkpoints.file, options.checkpoints.key, only) : undefined;
  const checkpointed = checkpoints?.links.keys() ?? [];
  const partitions = only ? [...only].sort() : await allPartitions(db, checkpointed);
  const results: PartitionVerification[] = [];
  for (const partition of partitions) {
    const vouched = checkpoints?.links.get(partition) ?? new Map<number, CheckpointedLink>();
    // One snapshot per chain: events committed while it is walked would otherwise look like rows beyond the head.
    const verified = await db.transaction((tx) => verifyPartition(tx, partition, vouched, options.batchSize ?? 1000), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
    results.push(verified);
  }
  const ok = results.every((r) => r.broken === undefined) && (checkpoints?.problems.length ?? 0) === 0;
  return { ok, partitions: results, checkpoints };
}
