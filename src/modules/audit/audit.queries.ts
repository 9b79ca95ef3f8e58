import { and, desc, eq, exists, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { auditEventPatients, auditEvents } from '../../db/schema/index.ts';
import { encodeCursor, type AuditCursor } from './audit-cursor.ts';
import type { AuditEventFilters, AuditEventPage } from './audit.contract.ts';
import { auditScopeWhere, type AuditScope } from './audit-scope.ts';

export interface PageRequest {
  limit: number;
  after?: AuditCursor | undefined;
}

/** Events about a patient: as the one patient concerned, or among the patients a list read returned. */
const concernsPatient = (db: Db | Tx, patientId: string): SQL | undefined =>
  or(
    eq(auditEvents.patientId, patientId),
    exists(
      db
        .select({ one: sql`1` })
        .from(auditEventPatients)
        .where(and(eq(auditEventPatients.partition, auditEvents.partition), eq(auditEventPatients.seq, auditEvents.seq), eq(auditEventPatients.patientId, patientId))),
    ),
  );

/** The patient lists of a page's events, in one query. */
async function patientListsOf(db: Db | Tx, events: { partition: string; seq: number }[]): Promise<Map<string, string[]>> {
  const seqsByPartition = new Map<string, number[]>();
  for (const e of events) seqsByPartition.set(e.partition, [...(seqsByPartition.get(e.partition) ?? []), e.seq]);
  const lists = new Map<string, string[]>();
  if (seqsByPartition.size === 0) return lists;
  const rows = await db
    .select()
    .from(auditEventPatients)
    .where(or(...[...seqsByPartition].map(([partition, seqs]) => and(eq(auditEventPatients.partition, partition), inArray(auditEventPatients.seq, seqs)))));
  for (const row of rows) {
    const key = `${row.partition}#${row.seq}`;
    lists.set(key, [...(lists.get(key) ?? []), row.patientId].sort());
  }
  return lists;
}

/** Newest first, paged by the keyset (occurred_at, partition, seq) so deep pages cost what the first does. */
async function pageOfEvents(db: Db | Tx, conditions: (SQL | undefined)[], page: PageRequest): Promise<AuditEventPage> {
  const after = page.after
    ? sql`(${auditEvents.occurredAt}, ${auditEvents.partition}, ${auditEvents.seq}) < (${page.after.occurredAt}::timestamptz, ${page.after.partition}, ${page.after.seq})`
    : undefined;
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions, after))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.partition), desc(auditEvents.seq))
    .limit(page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const lists = await patientListsOf(db, shown);
  const last = shown.at(-1);
  return {
    events: shown.map(({ prevHash: _prevHash, hash: _hash, ...event }) => ({
      ...event,
      occurredAt: new Date(event.occurredAt).toISOString(),
      patientIds: lists.get(`${event.partition}#${event.seq}`) ?? [],
    })),
    next: rows.length > page.limit && last ? encodeCursor(last) : null,
  };
}

/** The audit trail within a scope, filtered. */
export function listAuditEvents(db: Db | Tx, options: PageRequest & { scope: AuditScope; filters: AuditEventFilters }): Promise<AuditEventPage> {
  const { filters } = options;
  return pageOfEvents(
    db,
    [
      auditScopeWhere(options.scope),
      filters.partition === undefined ? undefined : eq(auditEvents.partition, filters.partition),
      filters.actorId === undefined ? undefined : eq(auditEvents.actorId, filters.actorId),
      filters.action === undefined ? undefined : eq(auditEvents.action, filters.action),
      filters.outcome === undefined ? undefined : eq(auditEvents.outcome, filters.outcome),
      filters.from === undefined ? undefined : gte(auditEvents.occurredAt, new Date(filters.from).toISOString()),
      filters.to === undefined ? undefined : lt(auditEvents.occurredAt, new Date(filters.to).toISOString()),
      filters.patientId === undefined ? undefined : concernsPatient(db, filters.patientId),
    ],
    options,
  );
}

/** Who saw or changed this patient's data, and when: every event concerning the patient, in every chain. */
export function listPatientAccessEvents(db: Db | Tx, options: PageRequest & { patientId: string }): Promise<AuditEventPage> {
  return pageOfEvents(db, [concernsPatient(db, options.patientId)], options);
}
