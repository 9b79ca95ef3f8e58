import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { isUuid } from '../../access/actor.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { decodeCursor, type AuditCursor } from './audit-cursor.ts';
import { AccessReportParams, AccessReportQuery, AuditEventPage, AuditEventQuery } from './audit.contract.ts';
import { accessReportDecision, auditScopeOf, type AuditScope } from './audit-scope.ts';
import type { PatientHospitalLookup } from './patient-hospital.ts';
import { viewAuditEvents, viewPatientAccessReport } from './view-audit.ts';

export interface AuditRoutesOptions {
  /** Finds a patient's hospital; injectable until the patients module provides it. */
  patientHospitalOf?: PatientHospitalLookup;
}

function cursorOf(after: string | undefined): AuditCursor | undefined {
  if (after === undefined) return undefined;
  const cursor = decodeCursor(after);
  if (!cursor) throw new AppError('badRequest', 'The page cursor is not valid; start again from the first page.', [{ path: 'query.after', message: 'is not a page cursor from this API' }]);
  return cursor;
}

export const auditRoutes =
  (deps: AppDeps, options: AuditRoutesOptions = {}): FastifyPluginAsyncZod =>
  async (app) => {

    app.get(
      '/api/audit/events',
      {
        config: {
          access: sessionAccess("platform administrators (every event) and data-protection officers (their hospital's events)", {
            authorize: async (request, actor) => {
              const scope = auditScopeOf(actor);
              if (!scope) throw new AppError('forbidden', 'Only platform administrators and data-protection officers may view the audit trail.');
              request.scoped = scope;
            },
          }),
        },
        schema: { summary: 'The audit trail, newest first, filtered and paged', tags: ['audit'], querystring: AuditEventQuery, response: { 200: AuditEventPage } },
      },
      async (request) => {
        const { after, limit, ...filters } = request.query;
        return viewAuditEvents(deps, { actor: actorOf(request), scope: scopedOf<AuditScope>(request), filters, limit, after: cursorOf(after), clientAddress: request.ip });
      },
    );

    // The access report needs the patients module's lookup; until it exists the route is not offered at all.
    if (!options.patientHospitalOf) return;
    app.get(
      '/api/audit/patients/:patientId/access-report',
      {
        config: {
          access: sessionAccess("platform administrators and the data-protection officers of the patient's hospital", {
            authorize: async (request, actor) => {
              const { patientId } = request.params as { patientId?: unknown };
              const hospitalId = isUuid(patientId) ? await options.patientHospitalOf!(deps.db, patientId.toLowerCase()) : undefined;
              if (hospitalId === undefined) throw new AppError('notFound', 'No such patient.');
              const decision = accessReportDecision(actor, hospitalId);
              if (decision === 'hidden') throw new AppError('notFound', 'No such patient.');
              if (decision === 'forbidden') throw new AppError('forbidden', "Only the data-protection officers of the patient's hospital may read this report.");
              request.scoped = hospitalId;
            },
          }),
        },
        schema: {
          summary: "Who saw or changed this patient's data, and when",
          tags: ['audit'],
          params: AccessReportParams,
          querystring: AccessReportQuery,
          response: { 200: AuditEventPage },
        },
      },
      async (request) => {
        const { after, limit } = request.query;
        return viewPatientAccessReport(deps, {
          actor: actorOf(request),
          patientId: request.params.patientId.toLowerCase(),
          hospitalId: scopedOf<string>(request),
          limit,
          after: cursorOf(after),
          clientAddress: request.ip,
        });
      },
    );
  };
