import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { canSeeIdentity } from '../patients/patient-scope.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { findPatient } from '../patients/patients.queries.ts';
import { importPhenopacket } from './import-phenopacket.ts';
import { exportPhenopacket, viewCurrentRecord, viewRecordHistory, viewRecordVersion } from './read-record.ts';
import { CurrentRecord, PhenopacketExport, PhenopacketImport, PhenopacketImportResult, RecordHistory, RecordSection, RecordVersionDetail, SavedRecord, SectionUpdate } from './records.contract.ts';
import { updateRecordSection } from './update-section.ts';

const PatientParams = z.object({ id: z.string() });
const SectionParams = z.object({ id: z.string(), section: RecordSection });
const VersionParams = z.object({ id: z.string(), version: z.coerce.number().int().min(1).max(2_147_483_647) });

const anyoneInScope = () => true;
/** Only the enrolling hospital's staff change a record; panel members (when panels arrive) will only read. */
const enrollingStaff = (actor: Actor, patient: PatientSummary) => canSeeIdentity(actor, patient);

/** The patient must be within the actor's scope (404), and the action allowed (403), before any validation. */
const onPatient = (deps: AppDeps, rule: string, allowed: (actor: Actor, patient: PatientSummary) => boolean) =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const patient = await findPatient(deps.db, actor, (request.params as { id?: string }).id ?? '');
      if (!patient) throw new AppError('notFound', 'No such patient.');
      if (!allowed(actor, patient)) throw new AppError('forbidden', 'Only the enrolling hospital\'s staff can change this record.');
      request.scoped = patient;
    },
  });

export const recordsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const read = onPatient(deps, 'the patient\'s scope: the enrolling hospital\'s staff', anyoneInScope);
  const write = onPatient(deps, 'the enrolling hospital\'s staff', enrollingStaff);
  const tags = ['records'];

  app.get(
    '/api/patients/:id/record',
    { config: { access: read }, schema: { summary: 'The case record, current version', tags, params: PatientParams, response: { 200: CurrentRecord } } },
    async (request) => viewCurrentRecord(deps, actorOf(request), scopedOf<PatientSummary>(request), request.ip),
  );

  app.get(
    '/api/patients/:id/record/versions',
    { config: { access: read }, schema: { summary: 'The record\'s history: every version with who, when and which sections changed', tags, params: PatientParams, response: { 200: RecordHistory } } },
    async (request) => viewRecordHistory(deps, actorOf(request), scopedOf<PatientSummary>(request), request.ip),
  );

  app.get(
    '/api/patients/:id/record/versions/:version',
    { config: { access: read }, schema: { summary: 'One version of the record, as it was saved', tags, params: VersionParams, response: { 200: RecordVersionDetail } } },
    async (request) => viewRecordVersion(deps, actorOf(request), scopedOf<PatientSummary>(request), request.params.version, request.ip),
  );

  app.put(
    '/api/patients/:id/record/sections/:section',
    { config: { access: write }, schema: { summary: 'Replace one section of the record: a new version, or 409 if the record changed since expectedVersion', tags, params: SectionParams, body: SectionUpdate, response: { 200: SavedRecord } } },
    async (request) => {
      const patient = scopedOf<PatientSummary>(request);
      const saved = await updateRecordSection(deps, { actor: actorOf(request), patient, section: request.params.section, expectedVersion: request.body.expectedVersion, content: request.body.content, clientAddress: request.ip });
      return { patientId: patient.id, ...saved };
    },
  );

  app.post(
    '/api/patients/:id/record/phenopacket-import',
    {
      config: { access: write },
      schema: { summary: 'Create or update the record from a GA4GH Phenopacket v2 (preview: validate and show only); a bad file answers 422 with its problems', tags, params: PatientParams, body: PhenopacketImport, response: { 200: PhenopacketImportResult } },
    },
    async (request) => importPhenopacket(deps, { actor: actorOf(request), patient: scopedOf<PatientSummary>(request), request: request.body, clientAddress: request.ip }),
  );

  app.get(
    '/api/patients/:id/record/phenopacket',
    { config: { access: read }, schema: { summary: 'The current record as a GA4GH Phenopacket v2 (pseudonymous)', tags, params: PatientParams, response: { 200: PhenopacketExport } } },
    async (request, reply) => {
      const patient = scopedOf<PatientSummary>(request);
      const phenopacket = await exportPhenopacket(deps, actorOf(request), patient, request.ip);
      return reply.header('content-disposition', `attachment; filename="${patient.patientCode}-phenopacket.json"`).send(phenopacket);
    },
  );
};
