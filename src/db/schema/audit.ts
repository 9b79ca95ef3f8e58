import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/**
 * Append-only audit events, hash-chained per partition ("hospital:<id>", "ern:<id>" or "platform"), so
 * one chain does not serialise every request. Events hold ids only: personal details can be erased
 * without breaking the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    partition: text('partition').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    occurredAt: instant('occurred_at').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    /** The patient concerned, if any (single-patient events; list reads use audit_event_patients). */
    patientId: uuid('patient_id'),
    clientAddress: text('client_address'),
    outcome: text('outcome', { enum: ['success', 'denied'] }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partition, t.seq] }),
    index('audit_events_patient').on(t.patientId),
    index('audit_events_actor').on(t.actorId, t.occurredAt),
    index('audit_events_time').on(t.occurredAt),
  ],
);

/** Every patient a list read returned, so the per-patient access report finds list reads too. */
export const auditEventPatients = pgTable(
  'audit_event_patients',
  {
    partition: text('partition').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    patientId: uuid('patient_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partition, t.seq, t.patientId] }), index('audit_event_patients_patient').on(t.patientId)],
);

/** The newest link of each chain, taken FOR UPDATE by the writer. */
export const auditChainHeads = pgTable('audit_chain_heads', {
  partition: text('partition').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  updatedAt: instant('updated_at').notNull(),
});
