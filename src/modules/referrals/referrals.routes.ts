import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { sendDownload } from '../../http/send-download.ts';
import { receiveUpload, uploadFormLimits } from '../attachments/multipart-upload.ts';
import { acceptReferral, declineReferral, postReferralMessage, reviewReferral } from './decide-referral.ts';
import { listReferrals, readReferral } from './read-referrals.ts';
import { downloadReferralFile, findReferralFile, uploadReferralFile, type ReferralFileRow } from './referral-files.ts';
import { ernGuide, referrerErns } from './referral-guide.ts';
import { downloadReferralOutcome } from './referral-outcome.ts';
import { findReferral, referralCan, type ReferralSide, type ScopedReferral } from './referral-scope.ts';
import { AcceptanceResult, Decline, ErnGuide, NewReferral, NewReferralMessage, ReferralDetail, ReferralFileUploadFields, ReferralFileView, ReferralList, ReferralStatus, ReferrerErns } from './referrals.contract.ts';
import { sendReferral } from './send-referral.ts';

const tags = ['referrals'];
const IdParams = z.object({ id: z.string() });
const FileParams = z.object({ id: z.string(), fileId: z.string() });

/** The referral within the actor's scope (404), then the side that may do this (403). */
const onReferral = (deps: AppDeps, rule: string, side?: ReferralSide) =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const scoped = await findReferral(deps.db, actor, (request.params as { id?: string }).id ?? '');
      if (!scoped) throw new AppError('notFound', 'No such referral.');
      if (side && scoped.side !== side) throw new AppError('forbidden', side === 'centre' ? 'Only the receiving centre\'s staff do this.' : 'Only the referring clinician does this.');
      request.scoped = scoped;
    },
  });

export const referralsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const maxBytes = deps.config.maxUploadBytes;
  // Multipart bodies are parsed only by this plugin's upload route, streamed, never buffered.
  await app.register(multipart, { limits: uploadFormLimits(maxBytes, 1) });
  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'POST' && reply.statusCode >= 400 && request.headers['content-type']?.startsWith('multipart/')) reply.header('connection', 'close');
  });

  app.get(
    '/api/referrals/erns',
    { config: { access: sessionAccess('any signed-in person: the networks that confirmed them as a referring clinician (none for others)') }, schema: { summary: 'The networks I may refer patients to', tags, response: { 200: ReferrerErns } } },
    async (request) => ({ erns: await referrerErns(deps, actorOf(request)) }),
  );

  app.get(
    '/api/referrals/guide/:ernId',
    {
      config: { access: sessionAccess('any signed-in person: what a network covers and its member centres are published reference data') },
      schema: { summary: 'What a network covers, its disease groups, and the member centres proposed in my country (else the nearest alternatives)', tags, params: z.object({ ernId: z.uuid() }), querystring: z.object({ country: z.string().regex(/^[A-Z]{2}$/).optional() }), response: { 200: ErnGuide } },
    },
    async (request) => ernGuide(deps, actorOf(request), request.params.ernId, request.query.country),
  );

  app.post(
    '/api/referrals',
    {
      config: {
        access: sessionAccess('a referring clinician confirmed by the named network', {
          authorize: async (request, actor) => {
            const ernId = (request.body as { ernId?: unknown } | undefined)?.ernId;
            if (typeof ernId !== 'string' || !hasRole(actor, 'referrer', { ernId })) throw new AppError('forbidden', 'You can refer patients only to networks that confirmed you as a referring clinician.');
          },
        }),
      },
      schema: { summary: 'Send a referral to a member centre (identity encrypted, shown only to the centre\'s staff)', tags, body: NewReferral, response: { 201: ReferralDetail } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await sendReferral(deps, actor, request.body, request.ip);
      const scoped = (await findReferral(deps.db, actor, id))!;
      return reply.status(201).send(await readReferral(deps, actor, scoped, request.ip));
    },
  );

  app.get(
    '/api/referrals',
    { config: { access: sessionAccess('the referring clinician: their own; the receiving hospital\'s staff: those sent to it') }, schema: { summary: 'My referrals, or my centre\'s incoming referrals', tags, querystring: z.object({ status: ReferralStatus.optional() }), response: { 200: ReferralList } } },
    async (request) => ({ referrals: await listReferrals(deps, actorOf(request), request.query, request.ip) }),
  );

  app.get(
    '/api/referrals/:id',
    { config: { access: onReferral(deps, 'the referring clinician; the receiving hospital\'s staff (with the identity)') }, schema: { summary: 'One referral with its status history, thread and files', tags, params: IdParams, response: { 200: ReferralDetail } } },
    async (request) => readReferral(deps, actorOf(request), scopedOf<ScopedReferral>(request), request.ip),
  );

  app.post(
    '/api/referrals/:id/messages',
    { config: { access: onReferral(deps, 'the referring clinician and the receiving hospital\'s staff, while undecided') }, schema: { summary: 'Write in the thread both sides see (the centre may ask for more information)', tags, params: IdParams, body: NewReferralMessage, response: { 201: z.object({ id: z.string() }) } } },
    async (request, reply) => reply.status(201).send({ id: await postReferralMessage(deps, actorOf(request), request.params.id, request.body, request.ip) }),
  );

  app.post(
    '/api/referrals/:id/review',
    { config: { access: onReferral(deps, 'the receiving hospital\'s staff', 'centre') }, schema: { summary: 'Take a sent referral under review', tags, params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await reviewReferral(deps, actorOf(request), request.params.id, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/referrals/:id/acceptance',
    { config: { access: onReferral(deps, 'the receiving hospital\'s staff', 'centre') }, schema: { summary: 'Accept: enrol the patient at this centre with the referral\'s data and consent', tags, params: IdParams, response: { 200: AcceptanceResult } } },
    async (request) => ({ referralId: request.params.id, patientId: await acceptReferral(deps, actorOf(request), request.params.id, request.ip) }),
  );

  app.post(
    '/api/referrals/:id/decline',
    { config: { access: onReferral(deps, 'the receiving hospital\'s staff', 'centre') }, schema: { summary: 'Decline with a reason (and perhaps another centre or network to try)', tags, params: IdParams, body: Decline, response: { 204: z.null() } } },
    async (request, reply) => {
      await declineReferral(deps, actorOf(request), request.params.id, request.body, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/referrals/:id/files',
    {
      config: { access: onReferral(deps, 'the referring clinician, while undecided', 'referrer') },
      schema: { summary: 'Attach a file (multipart/form-data: field kind = attachment | consentForm, then one file)', description: `Accepted by content: PDF and images; at most ${maxBytes} bytes.`, tags, params: IdParams, response: { 201: ReferralFileView } },
    },
    async (request, reply) => {
      const scoped = scopedOf<ScopedReferral>(request);
      if (!referralCan(scoped).upload) throw new AppError('conflict', 'Files are added while the referral is undecided.'); // before a byte is read
      const upload = await receiveUpload(request, ReferralFileUploadFields, maxBytes, 1);
      return reply.status(201).send(await uploadReferralFile(deps, { actor: actorOf(request), scoped, upload, maxBytes, clientAddress: request.ip }));
    },
  );

  app.get(
    '/api/referrals/:id/files/:fileId/content',
    {
      exposeHeadRoute: false, // a HEAD would audit a download that never happened
      config: {
        access: sessionAccess('the referring clinician and the receiving hospital\'s staff', {
          authorize: async (request, actor) => {
            const params = request.params as { id?: string; fileId?: string };
            const scoped = await findReferral(deps.db, actor, params.id ?? '');
            if (!scoped) throw new AppError('notFound', 'No such referral.');
            const file = await findReferralFile(deps.db, scoped.referral.id, params.fileId ?? '');
            if (!file) throw new AppError('notFound', 'No such file in this referral.');
            request.scoped = { scoped, file };
          },
        }),
      },
      schema: { summary: 'A file of the referral (a download)', tags, params: FileParams },
    },
    async (request, reply) => {
      const { scoped, file } = scopedOf<{ scoped: ScopedReferral; file: ReferralFileRow }>(request);
      return sendDownload(request, reply, await downloadReferralFile(deps, actorOf(request), scoped, file, request.ip));
    },
  );

  app.get(
    '/api/referrals/:id/outcome-report',
    {
      exposeHeadRoute: false,
      config: { access: onReferral(deps, 'the referring clinician and the receiving hospital\'s staff, once the signed report came back') },
      schema: { summary: 'The signed outcome report of the panel that came from this referral (PDF)', tags, params: IdParams },
    },
    async (request, reply) => {
      const download = await downloadReferralOutcome(deps, actorOf(request), scopedOf<ScopedReferral>(request), request.ip);
      return reply.status(200).headers(download.headers).send(download.body);
    },
  );
};
