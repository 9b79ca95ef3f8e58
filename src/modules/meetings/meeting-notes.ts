import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { meetingAgendaItems } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { auditPanel } from '../panels/panel-audit.ts';
import { findMeeting } from './meeting-scope.ts';
import type { NotesUpdate } from './meetings.contract.ts';

/**
 * Saves the notes of one agenda item: its panel's accepted members and the ERN's coordinators write them
 * (404 for an item of a panel the person does not see, 403 for one they see but do not take part in, 409 when
 * someone saved in between). Notes are about the panel's patient: audited as such.
 */
export async function saveAgendaNotes(deps: AppDeps, actor: Actor, meetingId: string, itemId: string, input: NotesUpdate, clientAddress: string): Promise<{ notesVersion: number }> {
  return deps.db.transaction(async (tx) => {
    const scoped = await findMeeting(tx, actor, meetingId, { lock: true });
    const found = scoped?.visible.find((v) => v.item.id === itemId);
    if (!scoped || !found) throw new AppError('notFound', 'No such agenda item.');
    if (!found.canEditNotes) throw new AppError('forbidden', 'Only the members of this panel (and the network\'s coordinators) write its notes.');
    if (found.item.notesVersion !== input.expectedVersion) throw new AppError('conflict', 'Someone saved these notes in the meantime. Reload them, then add your changes.');
    const now = deps.clock.now().toISOString();
    const [saved] = await tx
      .update(meetingAgendaItems)
      .set({ notes: input.notes, notesVersion: input.expectedVersion + 1, notesUpdatedBy: actor.personId, notesUpdatedAt: now })
      .where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.notesVersion, input.expectedVersion)))
      .returning({ notesVersion: meetingAgendaItems.notesVersion });
    if (!saved) throw new AppError('conflict', 'Someone saved these notes in the meantime. Reload them, then add your changes.');
    await auditPanel(tx, deps.clock, { panelId: found.panel.id, patientId: found.panel.patientId, patientHospitalId: found.panel.patientHospitalId }, {
      actorId: actor.personId,
      action: 'meeting.notesUpdated',
      clientAddress,
      targetType: 'agendaItem',
      targetId: itemId,
      details: { meetingId, notesVersion: saved.notesVersion },
    });
    return saved;
  });
}
