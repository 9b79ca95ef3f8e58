import { z } from 'zod';
import { auditActions } from './audit-actions.contract.ts';

/** Ids arrive in any case but are stored (and hashed) lower-case. */
const Id = z.guid().toLowerCase();

const Page = {
  /** The `next` value of the previous page (opaque). */
  after: z.string().min(1).max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const AuditEventQuery = z
  .object({
    ...Page,
    /** One chain: "platform", "hospital:<id>", "ern:<id>". */
    partition: z.string().min(1).max(200).optional(),
    actorId: Id.optional(),
    action: z.enum(auditActions).optional(),
    outcome: z.enum(['success', 'denied']).optional(),
    /** Inclusive. */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Exclusive. */
    to: z.iso.datetime({ offset: true }).optional(),
    /** Events about this patient, alone or in a list read. */
    patientId: Id.optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || Date.parse(f.from) < Date.parse(f.to), { message: 'must be after "from"', path: ['to'] });
export type AuditEventFilters = Omit<z.infer<typeof AuditEventQuery>, 'after' | 'limit'>;

export const AccessReportQuery = z.object(Page);
export const AccessReportParams = z.object({ patientId: z.string().max(100) });

/** An event as the audit view shows it: ids and codes only, never names or clinical content. */
export const AuditEventView = z.object({
  partition: z.string(),
  seq: z.number().int(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  patientId: z.string().nullable(),
  /** Every patient a list read returned. */
  patientIds: z.array(z.string()),
  clientAddress: z.string().nullable(),
  outcome: z.enum(['success', 'denied']),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditEventPage = z.object({
  events: z.array(AuditEventView),
  /** Pass as `after` for the next (older) page; null on the last page. */
  next: z.string().nullable(),
});
export type AuditEventPage = z.infer<typeof AuditEventPage>;
