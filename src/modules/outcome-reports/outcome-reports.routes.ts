import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf, sessionAccess, type RouteAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import type { PatientSummary } from '../patients/patients.contract.ts';
import { findPatient } from '../patients/patients.queries.ts';
import { approveOutcomeReport } from './approve-report.ts';
import { saveOutcomeDraft, startAmendment } from './draft-report.ts';
import { AmendmentInput, ApprovalInput, DraftInput, OutcomeReportList, OutcomeReportVersion, PatientOutcomeReports, SignatureInput, Verification, VerificationQuery, VersionParams } from './outcome-reports.contract.ts';
import { downloadOutcomePdf, listOutcomeReports, listPatientOutcomeReports, verifyReportHash } from './read-reports.ts';
import { findReportPanel, reportAccess, type ReportScope } from './report-scope.ts';
import { requireStepUp, signOutcomeReport } from './sign-report.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['outcome reports'];

type ReportCheck = (scope: ReportScope, actor: Actor, now: Date) => void;

const readers: ReportCheck = (scope) => {
  if (reportAccess(scope) === 'none') throw new AppError('forbidden', 'Accept the invitation to the panel before reading its outcome report.');
};
const members: ReportCheck = (scope) => {
  if (scope.role === null) throw new AppError('forbidden', 'Only the panel\'s members approve its outcome report.');
};
const theLead: ReportCheck = (scope) => {
  if (scope.role !== 'lead') throw new AppError('forbidden', 'Only the panel lead drafts, signs and amends the outcome report.');
};
const theLeadWithStepUp: ReportCheck = (scope, actor, now) => {
  theLead(scope, actor, now);
  requireStepUp(actor, now);
};

/** Routes on one panel's outcome report: found within the report scope (404), then the check (403), then validation. */
const onReport = (deps: AppDeps, rule: string, check: ReportCheck): RouteAccess =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const scope = await findReportPanel(deps.db, actor, (request.params as { id?: string }).id ?? '');
      if (!scope) throw new AppError('notFound', 'No such panel.');
      check(scope, actor, deps.clock.now());
      request.scoped = scope;
    },
  });

export const outcomeReportsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/panels/:id/outcome-reports',
    { config: { access: onReport(deps, 'the panel\'s lead, members and guests (drafts too); coordinators of the owning ERN and the enrolling hospital\'s staff (signed versions)', readers) }, schema: { summary: 'The panel\'s outcome report: its versions, approvals and what I may do', tags, params: IdParams, response: { 200: OutcomeReportList } } },
    async (request) => listOutcomeReports(deps, actorOf(request), scopedOf<ReportScope>(request), request.ip),
  );

  app.put(
    '/api/panels/:id/outcome-reports/:version/draft',
    { config: { access: onReport(deps, 'the panel lead', theLead) }, schema: { summary: 'Save the draft of a version (expectedRevision 0 creates version 1; 409 if it changed since)', tags, params: VersionParams, body: DraftInput, response: { 200: OutcomeReportVersion } } },
    async (request) => saveOutcomeDraft(deps, actorOf(request), request.params.id, request.params.version, request.body, request.ip),
  );

  app.post(
    '/api/panels/:id/outcome-reports/:version/approvals',
    { config: { access: onReport(deps, 'the panel\'s lead, members and guests who accepted', members) }, schema: { summary: 'Approve the current revision of a draft (optionally with a comment)', tags, params: VersionParams, body: ApprovalInput, response: { 200: OutcomeReportVersion } } },
    async (request) => approveOutcomeReport(deps, actorOf(request), request.params.id, request.params.version, request.body, request.ip),
  );

  app.post(
    '/api/panels/:id/outcome-reports/:version/signature',
    {
      config: { access: onReport(deps, 'the panel lead, with the second factor confirmed in the last 5 minutes (else 403 stepUpRequired)', theLeadWithStepUp) },
      schema: { summary: 'Sign the current revision: freezes it, stores its hash and PDF; version 1 moves the panel to outcomeSigned', tags, params: VersionParams, body: SignatureInput, response: { 200: OutcomeReportVersion } },
    },
    async (request) => signOutcomeReport(deps, actorOf(request), request.params.id, request.params.version, request.body, request.ip),
  );

  app.post(
    '/api/panels/:id/outcome-reports/amendments',
    { config: { access: onReport(deps, 'the panel lead', theLead) }, schema: { summary: 'Start the next version from the last signed one, with the reason (also after closing)', tags, params: IdParams, body: AmendmentInput, response: { 201: OutcomeReportVersion } } },
    async (request, reply) => reply.status(201).send(await startAmendment(deps, actorOf(request), request.params.id, request.body, request.ip)),
  );

  app.get(
    '/api/panels/:id/outcome-reports/:version/pdf',
    {
      exposeHeadRoute: false, // a HEAD would audit a download that never happened
      config: { access: onReport(deps, 'the panel\'s lead, members and guests; coordinators of the owning ERN; the enrolling hospital\'s staff', readers) },
      schema: { summary: 'The signed version as PDF (its content hash printed on every page)', tags, params: VersionParams },
    },
    async (request, reply) => {
      const download = await downloadOutcomePdf(deps, actorOf(request), scopedOf<ReportScope>(request), request.params.version, request.ip);
      return reply.status(200).headers(download.headers).send(download.body);
    },
  );

  app.get(
    '/api/panels/:id/outcome-reports/verification',
    { config: { access: onReport(deps, 'those who read the panel\'s signed reports', readers) }, schema: { summary: 'Whether a hash (from a printout) is that of a signed version of this panel\'s report', tags, params: IdParams, querystring: VerificationQuery, response: { 200: Verification } } },
    async (request) => verifyReportHash(deps, actorOf(request), scopedOf<ReportScope>(request), request.query.hash, request.ip),
  );

  app.get(
    '/api/patients/:id/outcome-reports',
    {
      config: {
        access: sessionAccess('the enrolling hospital\'s staff (also after a withdrawal of care consent)', {
          authorize: async (request, actor) => {
            const patient = await findPatient(deps.db, actor, (request.params as { id?: string }).id ?? '');
            if (!patient) throw new AppError('notFound', 'No such patient.');
            request.scoped = patient;
          },
        }),
      },
      schema: { summary: 'The signed outcome reports of every panel on the patient', tags, params: IdParams, response: { 200: PatientOutcomeReports } },
    },
    async (request) => listPatientOutcomeReports(deps, actorOf(request), scopedOf<PatientSummary>(request), request.ip),
  );
};
