import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { auditChainHeads, auditEventPatients, auditEvents } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AuditAction } from './audit-actions.contract.ts';
import { chainHash, GENESIS_HASH } from './chain-hash.ts';

export interface AuditEventInput {
  partition: string;
  actorId: string | null;
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  /** The one patient concerned, if any. */
  patientId?: string | null;
  /** Every patient a list read returned. */
  patientIds?: string[];
  clientAddress?: string | null;
  outcome?: 'success' | 'denied';
  /** Ids and codes only: never names, never clinical content. */
  details?: Record<string, unknown>;
}

/**
 * Appends one event to its partition's chain, inside the caller's transaction: the event commits with
 * the change it records, or neither does. The chain head is taken FOR UPDATE, which orders writers of
 * one partition and leaves other partitions free.
 */
export async function recordAudit(tx: Db | Tx, clock: Clock, input: AuditEventInput): Promise<{ seq: number; hash: string }> {
  await tx
    .insert(auditChainHeads)
    .values({ partition: input.partition, seq: 0, hash: GENESIS_HASH, updatedAt: clock.now().toISOString() })
    .onConflictDoNothing();
  const [head] = await tx.select().from(auditChainHeads).where(eq(auditChainHeads.partition, input.partition)).for('update');
  if (!head) throw new Error(`audit chain head missing for ${input.partition}`);
  const occurredAt = clock.now().toISOString();
  const fields = {
    partition: input.partition,
    seq: head.seq + 1,
    occurredAt,
    // ids are hashed as the uuid columns store them (lower case), or an untouched chain would not verify
    actorId: input.actorId?.toLowerCase() ?? null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    patientId: input.patientId?.toLowerCase() ?? null,
    patientIds: [...new Set((input.patientIds ?? []).map((id) => id.toLowerCase()))],
    clientAddress: input.clientAddress ?? null,
    outcome: input.outcome ?? 'success',
    details: input.details ?? {},
    prevHash: head.hash,
  };
  const hash = chainHash(fields);
  const { patientIds, ...row } = fields;
  await tx.insert(auditEvents).values({ ...row, hash });
  if (patientIds.length > 0) {
    await tx.insert(auditEventPatients).values(patientIds.map((patientId) => ({ partition: fields.partition, seq: fields.seq, patientId })));
  }
  await tx
    .update(auditChainHeads)
    .set({ seq: fields.seq, hash, updatedAt: occurredAt })
    .where(eq(auditChainHeads.partition, input.partition));
  return { seq: fields.seq, hash };
}

/** A refused attempt, in a transaction of its own (the refused request's work, if any, rolls back). */
export async function recordDenied(db: Db, clock: Clock, input: Omit<AuditEventInput, 'outcome'>): Promise<void> {
  await db.transaction(async (tx) => {
    await recordAudit(tx, clock, { ...input, outcome: 'denied' });
  });
}
