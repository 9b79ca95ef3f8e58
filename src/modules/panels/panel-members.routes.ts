import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf } from '../../http/access.ts';
import { listContributions, saveContribution } from './contributions.ts';
import { answerInvitation, canInvite, inviteExperts, inviteGuest } from './invitations.ts';
import { member, onPanel } from './panel-access.ts';
import type { ScopedPanel } from './panel-scope.ts';
import { ContributionInput, ContributionList, ContributionView, GuestInvitation, InvitationDecline, Invitations } from './panels.contract.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['panels'];
const Invited = z.object({ invited: z.array(z.string()) });
const GuestInvited = z.object({ personId: z.string(), guestAccountRequested: z.boolean() });

/** Who takes part in a panel — invitations and their answers — and what members contribute. */
export const panelMemberRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const inviters = onPanel(deps, 'the panel lead and coordinators of the owning ERN', canInvite, 'Only the panel lead and the network\'s coordinators invite experts.');
  const invitee = onPanel(deps, 'the invited person', (scoped) => scoped.invitedAs !== null, 'You have no open invitation to this panel.');

  app.post(
    '/api/panels/:id/invitations',
    { config: { access: inviters }, schema: { summary: 'Invite experts (also of other ERNs) and saved expert groups; each gets a content-free e-mail', tags, params: IdParams, body: Invitations, response: { 200: Invited } } },
    async (request) => ({ invited: await inviteExperts(deps, actorOf(request), request.params.id, request.body, request.ip) }),
  );

  app.post(
    '/api/panels/:id/guest-invitations',
    { config: { access: inviters }, schema: { summary: 'Invite an expert by e-mail: without an account here, a guest-account request goes to the ERN\'s coordinators', tags, params: IdParams, body: GuestInvitation, response: { 201: GuestInvited } } },
    async (request, reply) => reply.status(201).send(await inviteGuest(deps, actorOf(request), request.params.id, request.body, request.ip)),
  );

  app.post(
    '/api/panels/:id/invitation/acceptance',
    { config: { access: invitee }, schema: { summary: 'Accept my invitation: I join the panel in the role I was invited to', tags, params: IdParams } },
    async (request, reply) => {
      await answerInvitation(deps, actorOf(request), request.params.id, { accept: true }, request.ip);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/panels/:id/invitation/decline',
    { config: { access: invitee }, schema: { summary: 'Decline my invitation with a reason the lead reads', tags, params: IdParams, body: InvitationDecline } },
    async (request, reply) => {
      await answerInvitation(deps, actorOf(request), request.params.id, { accept: false, reason: request.body.reason }, request.ip);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/panels/:id/contributions',
    { config: { access: onPanel(deps, 'the panel\'s lead, members and guests', member, 'Only the panel\'s members read its contributions.') }, schema: { summary: 'The experts\' contributions', tags, params: IdParams, response: { 200: ContributionList } } },
    async (request) => listContributions(deps, actorOf(request), scopedOf<ScopedPanel>(request), request.ip),
  );

  app.put(
    '/api/panels/:id/contributions/mine',
    { config: { access: onPanel(deps, 'the panel\'s lead, members and guests, while the discussion is open', member, 'Only the panel\'s members contribute.') }, schema: { summary: 'Write or edit my contribution (expectedVersion: 0 for the first; 409 if it changed since)', tags, params: IdParams, body: ContributionInput, response: { 200: ContributionView } } },
    async (request) => saveContribution(deps, actorOf(request), request.params.id, request.body, request.ip),
  );
};
