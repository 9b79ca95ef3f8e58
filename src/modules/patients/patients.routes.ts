import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { enrolPatient, findByRecordNumber } from './enrol-patient.ts';
import { updateIdentity } from './update-identity.ts';
import { canEnrolAt, canSeeIdentity } from './patient-scope.ts';
import { EnrolPatient, PatientDetail, PatientIdentity, PatientList, PatientListQuery, PatientRecordNumberSearch, type PatientSummary } from './patients.contract.ts';
import { findPatient, listPatients, readIdentity } from './patients.queries.ts';

const IdParams = z.object({ id: z.string() });

/** Finds the patient within the actor's scope (404) for routes on one patient. */
const onePatient = (deps: AppDeps, rule: string, allowed: (actor: Parameters<typeof canSeeIdentity>[0], patient: PatientSummary) => boolean = () => true) =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const patient = await findPatient(deps.db, actor, (request.params as { id?: string }).id ?? '');
      if (!patient) throw new AppError('notFound', 'No such patient.');
      if (!allowed(actor, patient)) throw new AppError('forbidden', 'You cannot do this with this patient.');
      request.scoped = patient;
    },
  });

/** Staff of the hospital named in the body (hospitals are public, so an outsider gets 403). */
const staffOfBodyHospital = (rule: string) =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const hospitalId = (request.body as { hospitalId?: unknown } | undefined)?.hospitalId;
      if (typeof hospitalId !== 'string' || !canEnrolAt(actor, hospitalId)) throw new AppError('forbidden', 'Only health professionals of this hospital (and their assistants) can do this.');
    },
  });

export const patientsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.post(
    '/api/patients',
    { config: { access: staffOfBodyHospital('health professionals of the hospital and their assistants') }, schema: { summary: 'Enrol a patient of my hospital (identity encrypted)', tags: ['patients'], body: EnrolPatient, response: { 201: PatientDetail } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await enrolPatient(deps, actor, request.body, request.ip);
      const patient = (await findPatient(deps.db, actor, id))!;
      return reply.status(201).send({ ...patient, identity: request.body.identity });
    },
  );

  app.get(
    '/api/patients',
    { config: { access: sessionAccess('the enrolling hospitals\' staff: their own patients') }, schema: { summary: 'My hospitals\' patients (pseudonymised list)', tags: ['patients'], querystring: PatientListQuery, response: { 200: PatientList } } },
    async (request) => {
      const actor = actorOf(request);
      const found = await listPatients(deps.db, actor, request.query);
      await deps.db.transaction(async (tx) => {
        for (const [hospitalId, group] of Map.groupBy(found, (p) => p.hospitalId)) {
          await recordAudit(tx, deps.clock, { partition: hospitalPartition(hospitalId), actorId: actor.personId, action: 'patient.listed', targetType: 'patientList', patientIds: group.map((p) => p.id), clientAddress: request.ip });
        }
      });
      return { patients: found };
    },
  );

  app.post(
    '/api/patients/record-number-search',
    { config: { access: staffOfBodyHospital('health professionals of the hospital and their assistants') }, schema: { summary: 'Find a patient of my hospital by record number (blind index; POST so it never appears in a URL)', tags: ['patients'], body: PatientRecordNumberSearch, response: { 200: PatientList } } },
    async (request) => {
      const actor = actorOf(request);
      const id = await findByRecordNumber(deps.db, deps, request.body.hospitalId, request.body.recordNumber);
      const patient = id ? await findPatient(deps.db, actor, id) : undefined;
      await deps.db.transaction((tx) => recordAudit(tx, deps.clock, { partition: hospitalPartition(request.body.hospitalId), actorId: actor.personId, action: 'patient.searched', targetType: 'patientList', patientIds: patient ? [patient.id] : [], clientAddress: request.ip }));
      return { patients: patient ? [patient] : [] };
    },
  );

  app.get(
    '/api/patients/:id',
    { config: { access: onePatient(deps, 'the enrolling hospital\'s staff (with identity)') }, schema: { summary: 'One patient; the identity only for the enrolling hospital\'s staff', tags: ['patients'], params: IdParams, response: { 200: PatientDetail } } },
    async (request) => {
      const actor = actorOf(request);
      const patient = scopedOf<PatientSummary>(request);
      const withIdentity = canSeeIdentity(actor, patient);
      const identity = await deps.db.transaction(async (tx) => {
        await recordAudit(tx, deps.clock, { partition: hospitalPartition(patient.hospitalId), actorId: actor.personId, action: withIdentity ? 'patient.identityViewed' : 'patient.viewed', targetType: 'patient', targetId: patient.id, patientId: patient.id, clientAddress: request.ip });
        return withIdentity ? readIdentity(tx, deps.keys, patient.id) : null;
      });
      return { ...patient, identity };
    },
  );

  app.put(
    '/api/patients/:id/identity',
    { config: { access: onePatient(deps, 'the enrolling hospital\'s staff', canSeeIdentity) }, schema: { summary: 'Correct the identifying data (re-encrypted)', tags: ['patients'], params: IdParams, body: PatientIdentity, response: { 200: PatientDetail } } },
    async (request) => {
      const actor = actorOf(request);
      const patient = scopedOf<PatientSummary>(request);
      await updateIdentity(deps, actor, patient, request.body, request.ip);
      return { ...patient, identity: request.body };
    },
  );
};
