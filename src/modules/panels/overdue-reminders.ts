import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { panelMembers, panelReminders, panels, patients, people } from '../../db/schema/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { auditPanel } from './panel-audit.ts';
import { activeStatuses } from './panel-lifecycle.contract.ts';
import { queuePanelMail } from './panel-mail.ts';

export interface ReminderDeps {
  db: Db;
  clock: Clock;
  config: { publicUrl: string };
}

/**
 * Reminds the lead of every overdue panel, at most once per panel and day (UTC): the day's row in
 * panel_reminders is written in the same transaction as the queued e-mail, so running it again — or on
 * two nodes at once — sends nothing more. Returns how many reminders were queued.
 */
export async function remindOverdue(deps: ReminderDeps): Promise<number> {
  const now = deps.clock.now();
  const day = now.toISOString().slice(0, 10);
  const overdue = await deps.db
    .select({ panelId: panels.id, patientId: panels.patientId, patientHospitalId: patients.hospitalId, leadId: people.id, leadEmail: people.email })
    .from(panels)
    .innerJoin(patients, eq(patients.id, panels.patientId))
    .innerJoin(panelMembers, and(eq(panelMembers.panelId, panels.id), eq(panelMembers.role, 'lead')))
    .innerJoin(people, eq(people.id, panelMembers.personId))
    .where(and(inArray(panels.status, [...activeStatuses]), lt(panels.deadlineAt, now.toISOString()), isNull(people.deactivatedAt)));
  let sent = 0;
  for (const panel of overdue) {
    const queued = await deps.db.transaction(async (tx) => {
      const [row] = await tx.insert(panelReminders).values({ panelId: panel.panelId, day, recipientId: panel.leadId, sentAt: now.toISOString() }).onConflictDoNothing().returning({ panelId: panelReminders.panelId });
      if (!row) return false;
      await queuePanelMail(tx, deps.clock, deps.config.publicUrl, 'overdue', { id: panel.leadId, email: panel.leadEmail }, panel.panelId);
      await auditPanel(tx, deps.clock, panel, { actorId: null, action: 'panel.reminderSent', clientAddress: null, details: { day, recipientId: panel.leadId } });
      return true;
    });
    if (queued) sent += 1;
  }
  return sent;
}
