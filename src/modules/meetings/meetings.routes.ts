import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasRole } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { people } from '../../db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { meetingCalendar } from './meeting-calendar.ts';
import { saveAgendaNotes } from './meeting-notes.ts';
import { findMeeting, type ScopedMeeting } from './meeting-scope.ts';
import { AgendaItemParams, MeetingList, MeetingListQuery, MeetingParams, MeetingView, NewAgendaItem, NewMeeting, NotesUpdate, Reschedule, SavedNotes } from './meetings.contract.ts';
import { addAgendaItem, cancelMeeting, createMeeting, removeAgendaItem, rescheduleMeeting } from './schedule-meeting.ts';
import { listMeetings, viewMeeting } from './view-meetings.ts';

/** Finds the meeting within the actor's scope (404); `manage` also needs the organiser or a coordinator of its ERN (403). */
const onMeeting = (deps: AppDeps, rule: string, manage = false) =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const scoped = await findMeeting(deps.db, actor, (request.params as { id?: string }).id ?? '');
      if (!scoped) throw new AppError('notFound', 'No such meeting.');
      if (manage && !scoped.canManage) throw new AppError('forbidden', 'Only the organiser or a coordinator of the network can change this meeting.');
      request.scoped = scoped;
    },
  });

/** An agenda item of a panel the actor sees (404); writing its notes needs its panel's members or a coordinator (403). */
const onAgendaItem = (deps: AppDeps, rule: string) =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const { id, itemId } = request.params as { id?: string; itemId?: string };
      const scoped = await findMeeting(deps.db, actor, id ?? '');
      const item = scoped?.visible.find((v) => v.item.id === itemId);
      if (!scoped || !item) throw new AppError('notFound', 'No such agenda item.');
      if (!item.canEditNotes) throw new AppError('forbidden', 'Only the members of this panel (and the network\'s coordinators) write its notes.');
      request.scoped = scoped;
    },
  });

const organisers = (rule: string) =>
  sessionAccess(rule, {
    authorize: async (_request, actor) => {
      if (!hasRole(actor, 'coordinator') && !hasRole(actor, 'healthProfessional')) throw new AppError('forbidden', 'Coordinators and panel leads schedule meetings.');
    },
  });

export const meetingsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['meetings'];

  app.post(
    '/api/meetings',
    { config: { access: organisers('coordinators of the ERN, and panel leads for their own panels') }, schema: { summary: 'Schedule a meeting with an agenda of panels (calendar invitations to their members)', tags, body: NewMeeting, response: { 201: MeetingView } } },
    async (request, reply) => {
      const id = await createMeeting(deps, actorOf(request), request.body, request.ip);
      return reply.status(201).send(await viewMeeting(deps, actorOf(request), id, request.ip));
    },
  );

  app.get(
    '/api/meetings',
    { config: { access: sessionAccess('anyone signed in: the meetings they organise, coordinate or have a panel on') }, schema: { summary: 'My meetings from a date on', tags, querystring: MeetingListQuery, response: { 200: MeetingList } } },
    async (request) => {
      const from = request.query.from ? new Date(request.query.from) : new Date(deps.clock.now().getTime() - 86_400_000);
      return listMeetings(deps, actorOf(request), { from, cancelled: request.query.cancelled === 'true' });
    },
  );

  app.get(
    '/api/meetings/:id',
    { config: { access: onMeeting(deps, 'the organiser, the ERN\'s coordinators, and members of a panel on the agenda (their items only)') }, schema: { summary: 'A meeting and the agenda items I may see', tags, params: MeetingParams, response: { 200: MeetingView } } },
    async (request) => viewMeeting(deps, actorOf(request), request.params.id, request.ip),
  );

  app.get(
    '/api/meetings/:id/calendar',
    { config: { access: onMeeting(deps, 'whoever sees the meeting: their own calendar entry') }, schema: { summary: 'My calendar entry for the meeting (iCalendar; time, generic summary and link only)', tags, params: MeetingParams } },
    async (request, reply) => {
      const { meeting, ernCode } = scopedOf<ScopedMeeting>(request);
      const actor = actorOf(request);
      const [me] = await deps.db.select({ displayName: people.displayName, email: people.email }).from(people).where(eq(people.id, actor.personId));
      const method = meeting.cancelledAt === null ? 'REQUEST' : 'CANCEL';
      const ics = meetingCalendar(
        { meetingId: meeting.id, sequence: meeting.sequence, startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes, summary: `${ernCode.toUpperCase()} panel meeting`, url: `${deps.config.publicUrl}/meetings/${meeting.id}`, organizer: { name: 'Open CPMS', email: deps.config.mailFrom }, attendee: { name: me!.displayName, email: me!.email }, stamp: deps.clock.now() },
        method,
      );
      return reply.type(`text/calendar; charset=utf-8; method=${method}`).header('content-disposition', 'attachment; filename="meeting.ics"').send(ics);
    },
  );

  app.put(
    '/api/meetings/:id/schedule',
    { config: { access: onMeeting(deps, 'the organiser and the ERN\'s coordinators', true) }, schema: { summary: 'Move the meeting (updated calendar entries to everyone invited)', tags, params: MeetingParams, body: Reschedule, response: { 200: MeetingView } } },
    async (request) => {
      await rescheduleMeeting(deps, actorOf(request), request.params.id, request.body, request.ip);
      return viewMeeting(deps, actorOf(request), request.params.id, request.ip);
    },
  );

  app.post(
    '/api/meetings/:id/cancel',
    { config: { access: onMeeting(deps, 'the organiser and the ERN\'s coordinators', true) }, schema: { summary: 'Cancel the meeting (cancellations to everyone invited)', tags, params: MeetingParams } },
    async (request, reply) => {
      await cancelMeeting(deps, actorOf(request), request.params.id, request.ip);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/meetings/:id/agenda',
    { config: { access: onMeeting(deps, 'the organiser and the ERN\'s coordinators (a lead: their own panels)', true) }, schema: { summary: 'Put another panel on the agenda (invitations to its members)', tags, params: MeetingParams, body: NewAgendaItem, response: { 200: MeetingView } } },
    async (request) => {
      await addAgendaItem(deps, actorOf(request), request.params.id, request.body, request.ip);
      return viewMeeting(deps, actorOf(request), request.params.id, request.ip);
    },
  );

  app.delete(
    '/api/meetings/:id/agenda/:itemId',
    { config: { access: onMeeting(deps, 'the organiser and the ERN\'s coordinators', true) }, schema: { summary: 'Take a panel off the agenda (not once it has notes)', tags, params: AgendaItemParams } },
    async (request, reply) => {
      await removeAgendaItem(deps, actorOf(request), request.params.id, request.params.itemId, request.ip);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/meetings/:id/agenda/:itemId/notes',
    { config: { access: onAgendaItem(deps, 'the accepted members of the item\'s panel and the ERN\'s coordinators') }, schema: { summary: 'Save the notes of an agenda item (409 if someone saved since expectedVersion)', tags, params: AgendaItemParams, body: NotesUpdate, response: { 200: SavedNotes } } },
    async (request) => saveAgendaNotes(deps, actorOf(request), request.params.id, request.params.itemId, request.body, request.ip),
  );
};
