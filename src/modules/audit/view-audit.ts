import type { Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { hospitalPartition, PLATFORM_PARTITION } from './audit-actions.contract.ts';
import type { AuditCursor } from './audit-cursor.ts';
import type { AuditEventFilters, AuditEventPage } from './audit.contract.ts';
import { listAuditEvents, listPatientAccessEvents } from './audit.queries.ts';
import type { AuditScope } from './audit-scope.ts';
import { recordAudit } from './record-audit.ts';

interface AuditDeps {
  db: Db;
  clock: Clock;
}

interface Viewing {
  actor: Actor;
  clientAddress: string;
  limit: number;
  after: AuditCursor | undefined;
}

const definedOnly = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));

/**
 * Reads a page of the audit trail and records that it was read, in one transaction. Viewing events are
 * written to the platform chain: the administrators audit those who audit.
 */
export function viewAuditEvents(deps: AuditDeps, options: Viewing & { scope: AuditScope; filters: AuditEventFilters }): Promise<AuditEventPage> {
  return deps.db.transaction(async (tx) => {
    const page = await listAuditEvents(tx, options);
    await recordAudit(tx, deps.clock, {
      partition: PLATFORM_PARTITION,
      actorId: options.actor.personId,
      action: 'audit.viewed',
      targetType: 'auditEvents',
      patientId: options.filters.patientId ?? null,
      clientAddress: options.clientAddress,
      details: { filters: definedOnly(options.filters), returned: page.events.length, continued: options.after !== undefined },
    });
    return page;
  });
}

/**
 * Reads a page of who saw or changed a patient's data, recording the reading in the same transaction — in
 * the patient's hospital's chain, so that hospital's data-protection officers see who ran the report.
 */
export function viewPatientAccessReport(deps: AuditDeps, options: Viewing & { patientId: string; hospitalId: string }): Promise<AuditEventPage> {
  return deps.db.transaction(async (tx) => {
    const page = await listPatientAccessEvents(tx, options);
    await recordAudit(tx, deps.clock, {
      partition: hospitalPartition(options.hospitalId),
      actorId: options.actor.personId,
      action: 'audit.accessReportViewed',
      targetType: 'patient',
      targetId: options.patientId,
      patientId: options.patientId,
      clientAddress: options.clientAddress,
      details: { returned: page.events.length, continued: options.after !== undefined },
    });
    return page;
  });
}
