import { eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db, Tx } from '../../db/database.ts';
import { ernSettings, erns } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { ernPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { DeadlineDays, PanelSettings, PanelUrgency } from './panels.contract.ts';

const DAY_MS = 86_400_000;

/** Deadlines for an ERN that has not set its own. */
export const DEFAULT_DEADLINE_DAYS: DeadlineDays = { routine: 30, urgent: 7, veryUrgent: 2 };

/**
 * An ERN's panel settings: triage and the helpdesk contact from the ERN itself (administrators edit
 * them there), deadlines per urgency from ern_settings (or the defaults).
 */
export async function panelSettingsOf(db: Db | Tx, ernId: string): Promise<PanelSettings | undefined> {
  const [row] = await db
    .select({ triageRequired: erns.triageRequired, helpdeskEmail: erns.helpdeskEmail, settings: ernSettings })
    .from(erns)
    .leftJoin(ernSettings, eq(ernSettings.ernId, erns.id))
    .where(eq(erns.id, ernId));
  if (!row) return undefined;
  const deadlineDays = row.settings
    ? { routine: row.settings.routineDeadlineDays, urgent: row.settings.urgentDeadlineDays, veryUrgent: row.settings.veryUrgentDeadlineDays }
    : DEFAULT_DEADLINE_DAYS;
  return { ernId, triageRequired: row.triageRequired, helpdeskEmail: row.helpdeskEmail, deadlineDays };
}

/** The deadline of a request submitted at `from` with this urgency. */
export const deadlineFrom = (from: Date, urgency: PanelUrgency, days: DeadlineDays): string => new Date(from.getTime() + days[urgency] * DAY_MS).toISOString();

/** Sets the ERN's deadlines (coordinators of the ERN, administrators). */
export async function updateDeadlines(deps: AppDeps, actor: Actor, ernId: string, deadlineDays: DeadlineDays, clientAddress: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  const values = { routineDeadlineDays: deadlineDays.routine, urgentDeadlineDays: deadlineDays.urgent, veryUrgentDeadlineDays: deadlineDays.veryUrgent, updatedAt: now, updatedBy: actor.personId };
  await deps.db.transaction(async (tx) => {
    const [ern] = await tx.select({ id: erns.id }).from(erns).where(eq(erns.id, ernId));
    if (!ern) throw new AppError('notFound', 'No such network.');
    await tx.insert(ernSettings).values({ ernId, ...values }).onConflictDoUpdate({ target: ernSettings.ernId, set: values });
    await recordAudit(tx, deps.clock, { partition: ernPartition(ernId), actorId: actor.personId, action: 'panelSettings.updated', targetType: 'ern', targetId: ernId, clientAddress, details: { ...deadlineDays } });
  });
}
