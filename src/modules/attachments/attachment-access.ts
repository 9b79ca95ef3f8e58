import type { Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import { sessionAccess, type RouteAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { canSeeIdentity } from '../patients/patient-scope.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { findPatient } from '../patients/patients.queries.ts';
import { findAttachment, type AttachmentRow } from './attachments.queries.ts';

/**
 * Who may handle a patient's files: today the enrolling hospital's staff, the people who see the
 * identity (file names and photographs are as identifying). Panel members get the files their panel was
 * given through the panels module, under the label the sharer chose (never the file name).
 */
export const canHandleAttachments = (actor: Actor, patient: PatientSummary): boolean => canSeeIdentity(actor, patient);

export interface ScopedAttachment {
  patient: PatientSummary;
  /** Present on routes with an :attachmentId. */
  attachment: AttachmentRow | undefined;
}

/**
 * Finds the patient within the actor's scope (404), checks the action (403), then the attachment within
 * the patient (404) — in preValidation, before a byte of an upload is read.
 */
export const attachmentAccess = (deps: { db: Db }, rule: string): RouteAccess =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const params = request.params as { id?: string; attachmentId?: string };
      const patient = await findPatient(deps.db, actor, params.id ?? '');
      if (!patient) throw new AppError('notFound', 'No such patient.');
      if (!canHandleAttachments(actor, patient)) throw new AppError('forbidden', 'Only the enrolling hospital\'s staff handle this patient\'s files.');
      const attachment = params.attachmentId === undefined ? undefined : await findAttachment(deps.db, patient.id, params.attachmentId);
      if (params.attachmentId !== undefined && !attachment) throw new AppError('notFound', 'No such attachment.');
      const scoped: ScopedAttachment = { patient, attachment };
      request.scoped = scoped;
    },
  });
