import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ernsWhere, isUuid } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { affiliations } from '../../db/schema/index.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { ernPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findAccessRequest, listAccessRequests } from './access-requests.queries.ts';
import { AccessRequestList, AccessRequestQuery, AccessRequestView, AffiliationResponse, Approval, FileAccessRequest, GuestExtension, Rejection } from './onboarding.contract.ts';
import { approveAccessRequest, confirmEmployment, fileAccessRequest, rejectAccessRequest } from './onboarding.ts';

const IdParams = z.object({ id: z.string() });

/** Loads the access request in the actor's scope (404 otherwise) and checks the action (403). */
const accessRequestAction = (rule: string, allowed: 'canConfirmEmployment' | 'canDecide') =>
  (deps: AppDeps) =>
    sessionAccess(rule, {
      authorize: async (request, actor) => {
        const found = await findAccessRequest(deps.db, actor, (request.params as { id?: string }).id ?? '');
        if (!found) throw new AppError('notFound', 'No such access request.');
        if (!found[allowed]) throw new AppError('forbidden', 'You cannot do this with this access request.');
        request.scoped = found;
      },
    });

const confirmRule = accessRequestAction('a representative of the request\'s hospital, while it awaits confirmation of employment', 'canConfirmEmployment');
const decideRule = accessRequestAction('a coordinator of the request\'s ERN, while it is pending (never one\'s own)', 'canDecide');

export const onboardingRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.post(
    '/api/access-requests',
    {
      config: { access: sessionAccess('any signed-in person, for themselves') },
      schema: { summary: 'Request access: an ERN, a hospital and a role, with a justification', tags: ['onboarding'], body: FileAccessRequest, response: { 201: AccessRequestView } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await fileAccessRequest(deps, actor, request.body, request.ip);
      return reply.status(201).send((await findAccessRequest(deps.db, actor, id))!);
    },
  );

  app.get(
    '/api/access-requests',
    {
      config: { access: sessionAccess('own requests; coordinators: their ERNs\'; representatives: their hospitals\'; administrators: all') },
      schema: { summary: 'Access requests the caller may see (filter by ERN and status)', tags: ['onboarding'], querystring: AccessRequestQuery, response: { 200: AccessRequestList } },
    },
    async (request) => ({ accessRequests: await listAccessRequests(deps.db, actorOf(request), request.query) }),
  );

  app.get(
    '/api/access-requests/mine',
    {
      config: { access: sessionAccess('the signed-in person, their own requests') },
      schema: { summary: 'My access requests and their status', tags: ['onboarding'], response: { 200: AccessRequestList } },
    },
    async (request) => ({ accessRequests: await listAccessRequests(deps.db, actorOf(request), { mine: true }) }),
  );

  app.post(
    '/api/access-requests/:id/employment-confirmation',
    {
      config: { access: confirmRule(deps) },
      schema: { summary: 'Confirm that the requester works at this hospital', tags: ['onboarding'], params: IdParams, response: { 200: AccessRequestView } },
    },
    async (request) => {
      const actor = actorOf(request);
      await confirmEmployment(deps, actor, scopedOf<AccessRequestView>(request), request.ip);
      return (await findAccessRequest(deps.db, actor, request.params.id))!;
    },
  );

  app.post(
    '/api/access-requests/:id/approval',
    {
      config: { access: decideRule(deps) },
      schema: { summary: 'Approve: the affiliation starts now', tags: ['onboarding'], params: IdParams, body: Approval, response: { 200: AccessRequestView } },
    },
    async (request) => {
      const actor = actorOf(request);
      await approveAccessRequest(deps, actor, scopedOf<AccessRequestView>(request), request.body.reason ?? null, request.ip);
      return (await findAccessRequest(deps.db, actor, request.params.id))!;
    },
  );

  app.post(
    '/api/access-requests/:id/rejection',
    {
      config: { access: decideRule(deps) },
      schema: { summary: 'Reject with a reason the person will read', tags: ['onboarding'], params: IdParams, body: Rejection, response: { 200: AccessRequestView } },
    },
    async (request) => {
      const actor = actorOf(request);
      await rejectAccessRequest(deps, actor, scopedOf<AccessRequestView>(request), request.body.reason, request.ip);
      return (await findAccessRequest(deps.db, actor, request.params.id))!;
    },
  );

  app.post(
    '/api/affiliations/:id/extension',
    {
      config: {
        access: sessionAccess('a coordinator of the guest affiliation\'s ERN', {
          authorize: async (request, actor) => {
            const id = (request.params as { id?: string }).id;
            const [row] = isUuid(id) ? await deps.db.select().from(affiliations).where(and(eq(affiliations.id, id), eq(affiliations.role, 'guestExpert'))) : [];
            if (!row || !row.ernId || !ernsWhere(actor, 'coordinator').includes(row.ernId)) throw new AppError('notFound', 'No such guest account.');
            request.scoped = row;
          },
        }),
      },
      schema: { summary: 'Extend a guest account', tags: ['onboarding'], params: IdParams, body: GuestExtension, response: { 200: AffiliationResponse } },
    },
    async (request) => {
      const actor = actorOf(request);
      const guest = scopedOf<typeof affiliations.$inferSelect>(request);
      const until = new Date(request.body.until);
      if (until.getTime() <= deps.clock.now().getTime()) throw new AppError('unprocessable', 'The new end must be in the future.', [{ path: 'body.until', message: 'in the past' }]);
      await deps.db.transaction(async (tx) => {
        await tx.update(affiliations).set({ validUntil: until.toISOString() }).where(eq(affiliations.id, guest.id));
        await recordAudit(tx, deps.clock, { partition: ernPartition(guest.ernId!), actorId: actor.personId, action: 'guest.extended', targetType: 'affiliation', targetId: guest.id, clientAddress: request.ip, details: { until: until.toISOString() } });
      });
      return { id: guest.id, validUntil: until.toISOString() };
    },
  );
};
