import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { isUuid } from '../../access/actor.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { canSeeIdentity } from '../patients/patient-scope.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { findPatient } from '../patients/patients.queries.ts';
import { ConsentEvidenceBody, ConsentList, NewConsent, Withdrawal } from './consent.contract.ts';
import { attachConsentEvidence } from './consent-evidence.ts';
import { consentHistory, recordConsent, withdrawConsent } from './consents.ts';

const PatientParams = z.object({ id: z.string() });
const ConsentParams = z.object({ id: z.string(), consentId: z.string() });

/** Consent is managed by the enrolling hospital's staff; the patient must be in their scope (404 otherwise). */
const patientStaff = (deps: AppDeps, rule: string) =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const params = request.params as { id?: string; consentId?: string };
      const patient = await findPatient(deps.db, actor, params.id ?? '');
      if (!patient || (params.consentId !== undefined && !isUuid(params.consentId))) throw new AppError('notFound', 'No such patient or consent.');
      if (!canSeeIdentity(actor, patient)) throw new AppError('forbidden', 'Only the enrolling hospital\'s staff manage consent.');
      request.scoped = patient;
    },
  });

async function listFor(deps: AppDeps, patientId: string) {
  const consents = await consentHistory(deps.db, patientId);
  return { consents, careConsentActive: consents.some((c) => c.kind === 'care' && c.active) };
}

export const consentRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/patients/:id/consents',
    { config: { access: patientStaff(deps, 'the enrolling hospital\'s staff') }, schema: { summary: 'The patient\'s consents, with their history', tags: ['consent'], params: PatientParams, response: { 200: ConsentList } } },
    async (request) => {
      const patient = scopedOf<PatientSummary>(request);
      await deps.db.transaction((tx) => recordAudit(tx, deps.clock, { partition: hospitalPartition(patient.hospitalId), actorId: actorOf(request).personId, action: 'consent.viewed', targetType: 'patient', targetId: patient.id, patientId: patient.id, clientAddress: request.ip }));
      return listFor(deps, patient.id);
    },
  );

  app.post(
    '/api/patients/:id/consents',
    {
      config: { access: patientStaff(deps, 'the enrolling hospital\'s staff') },
      schema: {
        summary: 'Record a consent (care, ERN registries, contact for research, photographs)',
        description: 'Evidence "upload" names the signed form, uploaded first as the patient\'s attachment of kind consentForm (422 if it is not one).',
        tags: ['consent'],
        params: PatientParams,
        body: NewConsent,
        response: { 201: ConsentList },
      },
    },
    async (request, reply) => {
      const patient = scopedOf<PatientSummary>(request);
      await recordConsent(deps, actorOf(request), patient, request.body, request.ip);
      return reply.status(201).send(await listFor(deps, patient.id));
    },
  );

  app.post(
    '/api/patients/:id/consents/:consentId/withdrawal',
    { config: { access: patientStaff(deps, 'the enrolling hospital\'s staff') }, schema: { summary: 'Withdraw a consent: effective at once, kept in the history', tags: ['consent'], params: ConsentParams, body: Withdrawal, response: { 200: ConsentList } } },
    async (request) => {
      const patient = scopedOf<PatientSummary>(request);
      await withdrawConsent(deps, actorOf(request), patient, request.params.consentId, request.body, request.ip);
      return listFor(deps, patient.id);
    },
  );

  app.post(
    '/api/patients/:id/consents/:consentId/evidence',
    {
      config: { access: patientStaff(deps, 'the enrolling hospital\'s staff') },
      schema: {
        summary: 'Attach the signed form to a consent recorded on attestation (e.g. the care consent of enrolment)',
        description: 'The form is uploaded first as the patient\'s attachment of kind consentForm; while a consent cites it, it cannot be deleted.',
        tags: ['consent'],
        params: ConsentParams,
        body: ConsentEvidenceBody,
        response: { 200: ConsentList },
      },
    },
    async (request) => {
      const patient = scopedOf<PatientSummary>(request);
      await attachConsentEvidence(deps, { actor: actorOf(request), patient, consentId: request.params.consentId, attachmentId: request.body.attachmentId, clientAddress: request.ip });
      return listFor(deps, patient.id);
    },
  );
};
