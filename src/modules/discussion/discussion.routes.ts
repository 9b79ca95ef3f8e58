import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUuid } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { sendDownload, rangeOf } from '../../http/send-download.ts';
import { actorOf, scopedOf, sessionAccess, type RouteAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { receiveUpload, uploadFormLimits } from '../attachments/multipart-upload.ts';
import { onPanel } from '../panels/panel-access.ts';
import { findPanel, type ScopedPanel } from '../panels/panel-scope.ts';
import { DiscussionFileView, MessageEdit, MessagePage, MessagesQuery, MessageView, NewMessage, PanelTimeline } from './discussion.contract.ts';
import { canReadDiscussion, isMember } from './discussion-rules.ts';
import { checkUploadAllowed, downloadDiscussionFile, findPostedFile, uploadDiscussionFile, type PanelFileRow } from './discussion-files.ts';
import { infoRequestRoutes } from './info-requests.routes.ts';
import { listMessages } from './message-views.ts';
import { deleteMessage, editMessage, findMessage, postMessage } from './messages.ts';
import { notificationRoutes } from './notifications.routes.ts';
import { panelStreamKind } from './panel-stream.ts';
import { panelTimeline } from './timeline.ts';

const IdParams = z.object({ id: z.string() });
const MessageParams = z.object({ id: z.string(), messageId: z.string() });
const FileParams = z.object({ id: z.string(), fileId: z.string() });
const tags = ['discussion'];
const NoFields = z.object({}).strict();

type PostedFile = { scoped: ScopedPanel; file: PanelFileRow };

/**
 * A panel's discussion: threaded messages with @mentions and files, information requests to the enrolling
 * clinician, the activity timeline, the inbox — and the `panel` real-time stream that tells open pages.
 */
export const discussionRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.realtime.registerStreamKind('panel', panelStreamKind);
  const maxBytes = deps.config.maxUploadBytes;
  // Multipart bodies are parsed only by this plugin's upload route, streamed, never buffered.
  await app.register(multipart, { limits: uploadFormLimits(maxBytes, 0) });
  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'POST' && reply.statusCode >= 400 && request.headers['content-type']?.startsWith('multipart/')) reply.header('connection', 'close');
  });

  const readers = onPanel(deps, 'the panel\'s lead, members and guests who accepted; coordinators of the owning ERN', canReadDiscussion, 'Accept the invitation to read and join the discussion.');
  const members = (refusal: string) => onPanel(deps, 'the panel\'s lead, members and guests who accepted', isMember, refusal);
  /** The caller's own message of the panel: the panel in scope (404), the discussion theirs to read (403), the message (404), its author (403). */
  const ownMessage: RouteAccess = sessionAccess('the message\'s author, a member or coordinator of the panel', {
    authorize: async (request, actor) => {
      const params = request.params as { id?: string; messageId?: string };
      const scoped = await findPanel(deps.db, actor, params.id ?? '');
      if (!scoped) throw new AppError('notFound', 'No such panel.');
      if (!canReadDiscussion(scoped)) throw new AppError('forbidden', 'Accept the invitation to read and join the discussion.');
      const message = isUuid(params.messageId) ? await findMessage(deps.db, scoped.panel.id, params.messageId) : undefined;
      if (!message) throw new AppError('notFound', 'No such message.');
      if (message.authorId !== actor.personId) throw new AppError('forbidden', 'Only its author edits or deletes a message.');
      request.scoped = scoped;
    },
  });

  app.get(
    '/api/panels/:id/messages',
    { config: { access: readers }, schema: { summary: 'The discussion: a page of threads (newest page first; oldest first within it), each with its replies', tags, params: IdParams, querystring: MessagesQuery, response: { 200: MessagePage } } },
    async (request) => listMessages(deps, actorOf(request), scopedOf<ScopedPanel>(request), request.query, request.ip),
  );

  app.post(
    '/api/panels/:id/messages',
    { config: { access: readers }, schema: { summary: 'Post a message or a reply, with @mentions of members and the files I uploaded for it (while the discussion runs)', tags, params: IdParams, body: NewMessage, response: { 201: MessageView } } },
    async (request, reply) => reply.status(201).send(await postMessage(deps, actorOf(request), request.params.id, request.body, request.ip)),
  );

  app.patch(
    '/api/panels/:id/messages/:messageId',
    { config: { access: ownMessage }, schema: { summary: 'Edit my message (text and mentions)', tags, params: MessageParams, body: MessageEdit, response: { 200: MessageView } } },
    async (request) => editMessage(deps, actorOf(request), request.params.id, request.params.messageId, request.body, request.ip),
  );

  app.delete(
    '/api/panels/:id/messages/:messageId',
    { config: { access: ownMessage }, schema: { summary: 'Delete my message (its text and files go; that something was said stays)', tags, params: MessageParams } },
    async (request, reply) => {
      await deleteMessage(deps, actorOf(request), request.params.id, request.params.messageId, request.ip);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/panels/:id/files',
    {
      config: { access: members('Only the panel\'s members share files in its discussion.') },
      schema: {
        summary: 'Upload a file for a message (multipart/form-data, one file); post it with the message',
        description: `Accepted by content, whatever the name: PDF, PNG, JPEG, TIFF, WebP; at most ${maxBytes} bytes.`,
        tags,
        params: IdParams,
        response: { 201: DiscussionFileView },
      },
    },
    async (request, reply) => {
      const scoped = scopedOf<ScopedPanel>(request);
      await checkUploadAllowed(deps.db, scoped); // before a byte of the file is read
      const upload = await receiveUpload(request, NoFields, maxBytes, 0);
      return reply.status(201).send(await uploadDiscussionFile(deps, { actor: actorOf(request), scoped, upload, maxBytes, clientAddress: request.ip }));
    },
  );

  app.get(
    '/api/panels/:id/files/:fileId/content',
    {
      exposeHeadRoute: false, // a HEAD would audit a download that never happened
      config: {
        access: sessionAccess('the panel\'s lead, members and guests who accepted', {
          authorize: async (request, actor) => {
            const params = request.params as { id?: string; fileId?: string };
            const scoped = await findPanel(deps.db, actor, params.id ?? '');
            if (!scoped) throw new AppError('notFound', 'No such panel.');
            if (!isMember(scoped)) throw new AppError('forbidden', 'Only the panel\'s members open the files of its discussion.');
            const file = await findPostedFile(deps.db, scoped.panel.id, params.fileId ?? '');
            if (!file) throw new AppError('notFound', 'No such file in this discussion.');
            const found: PostedFile = { scoped, file };
            request.scoped = found;
          },
        }),
      },
      schema: { summary: 'A file of the discussion (always a download; single ranges answer 206)', tags, params: FileParams },
    },
    async (request, reply) => {
      const { scoped, file } = scopedOf<PostedFile>(request);
      const download = await downloadDiscussionFile(deps, actorOf(request), scoped, file, { ...rangeOf(request), clientAddress: request.ip });
      return sendDownload(request, reply, download);
    },
  );

  app.get(
    '/api/panels/:id/timeline',
    { config: { access: readers }, schema: { summary: 'What happened on the panel, in time order (transitions, shares, invitations, contributions, messages, information requests)', tags, params: IdParams, response: { 200: PanelTimeline } } },
    async (request) => panelTimeline(deps, actorOf(request), scopedOf<ScopedPanel>(request), request.ip),
  );

  await app.register(infoRequestRoutes(deps, { readers, members }));
  await app.register(notificationRoutes(deps));
};
