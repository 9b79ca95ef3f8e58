import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { erns, ernSettings } from '../db/schema/index.ts';
import type { Clock } from '../platform/clock.ts';

/**
 * Panel deadlines (days per urgency) of the networks the training environment works in. Triage and the
 * helpdesk contact are the ERN's own settings (on `erns`); every other network uses the panels module's
 * defaults until its coordinators set their own.
 */
export const trainingDeadlines: Record<string, { routine: number; urgent: number; veryUrgent: number }> = {
  'ern-rnd': { routine: 30, urgent: 7, veryUrgent: 2 },
  erknet: { routine: 28, urgent: 10, veryUrgent: 3 },
};

/** Adds the training networks' deadlines where they have none yet (a coordinator's change is kept). */
export async function seedPanelSettings(db: Db, clock: Clock): Promise<void> {
  for (const [code, days] of Object.entries(trainingDeadlines)) {
    const [ern] = await db.select({ id: erns.id }).from(erns).where(eq(erns.code, code));
    if (!ern) continue;
    await db
      .insert(ernSettings)
      .values({ ernId: ern.id, routineDeadlineDays: days.routine, urgentDeadlineDays: days.urgent, veryUrgentDeadlineDays: days.veryUrgent, updatedAt: clock.now().toISOString() })
      .onConflictDoNothing();
  }
}
