import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole, isPlatformAdministrator, type Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { receiveUpload, uploadFormLimits } from '../attachments/multipart-upload.ts';
import { ConsentTemplateFields, ConsentTemplateFilter, ConsentTemplateList, ConsentTemplateView } from './consent-templates.contract.ts';
import { activeConsentTemplates, allConsentTemplates, findConsentTemplate, type ConsentTemplateRow } from './consent-templates.queries.ts';
import { openConsentTemplate, retireConsentTemplate } from './consent-templates.ts';
import { CONSENT_TEMPLATE_MAX_BYTES, uploadConsentTemplate } from './upload-consent-template.ts';

const TemplateParams = z.object({ templateId: z.string() });
const fieldCount = Object.keys(ConsentTemplateFields.shape).length;

/** The people who have consent signed: health professionals, their assistants, coordinators (and administrators). */
const isMemberStaff = (actor: Actor) => isPlatformAdministrator(actor) || (['healthProfessional', 'assistant', 'coordinator'] as const).some((role) => hasRole(actor, role));

/** Finds the template named in the URL (404) once the role allows the action (403). */
const findTemplate = async (deps: AppDeps, params: unknown) => {
  const template = await findConsentTemplate(deps.db, (params as { templateId?: string }).templateId ?? '');
  if (!template) throw new AppError('notFound', 'No such consent form template.');
  return template;
};

const adminOnly = (deps: AppDeps, rule: string) =>
  sessionAccess(`platform administrators: ${rule}`, {
    authorize: async (request, actor) => {
      if (!isPlatformAdministrator(actor)) throw new AppError('forbidden', 'Only platform administrators manage model consent forms.');
      if ((request.params as { templateId?: string }).templateId !== undefined) request.scoped = await findTemplate(deps, request.params);
    },
  });

/** Model forms are not patient data: every member of staff sees all of them, whatever their hospital or network. */
const memberStaff = (deps: AppDeps, rule: string) =>
  sessionAccess(`health professionals, assistants, coordinators and administrators: ${rule}`, {
    authorize: async (request, actor) => {
      if (!isMemberStaff(actor)) throw new AppError('forbidden', 'Only health professionals, assistants and coordinators use model consent forms.');
      if ((request.params as { templateId?: string }).templateId !== undefined) request.scoped = await findTemplate(deps, request.params);
    },
  });

/** Model consent forms: administrators publish and retire them; staff find the ones in use and download them. */
export const consentTemplateRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const maxBytes = Math.min(deps.config.maxUploadBytes, CONSENT_TEMPLATE_MAX_BYTES);
  // Registered here, so multipart bodies are parsed only by these routes (streamed, never buffered).
  await app.register(multipart, { limits: uploadFormLimits(maxBytes, fieldCount) });
  // A refused upload is answered without reading the rest of its body: close rather than leave it unread.
  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'POST' && reply.statusCode >= 400 && request.headers['content-type']?.startsWith('multipart/')) reply.header('connection', 'close');
  });

  app.post(
    '/api/admin/consent-templates',
    {
      config: { access: adminOnly(deps, 'publishing a model consent form') },
      schema: {
        summary: 'Publish a model consent form (multipart/form-data: kind, ernId (optional), language, version, title, then one PDF)',
        description: `PDF only, checked by content; at most ${maxBytes} bytes. A kind, network and language take each version once.`,
        tags: ['consent'],
        response: { 201: ConsentTemplateView },
      },
    },
    async (request, reply) => {
      const upload = await receiveUpload(request, ConsentTemplateFields, maxBytes, fieldCount);
      return reply.status(201).send(await uploadConsentTemplate(deps, { actor: actorOf(request), upload, maxBytes, clientAddress: request.ip }));
    },
  );

  app.get(
    '/api/admin/consent-templates',
    { config: { access: adminOnly(deps, 'listing every model consent form') }, schema: { summary: 'Every model consent form, retired ones included', tags: ['consent'], response: { 200: ConsentTemplateList } } },
    async () => ({ templates: await allConsentTemplates(deps.db) }),
  );

  app.post(
    '/api/admin/consent-templates/:templateId/retirement',
    { config: { access: adminOnly(deps, 'retiring a model consent form') }, schema: { summary: 'Retire a model consent form: no longer offered, still downloadable', tags: ['consent'], params: TemplateParams, response: { 200: ConsentTemplateView } } },
    async (request) => retireConsentTemplate(deps, { actor: actorOf(request), template: scopedOf<ConsentTemplateRow>(request), clientAddress: request.ip }),
  );

  app.get(
    '/api/consent-templates',
    { config: { access: memberStaff(deps, 'the model consent forms in use') }, schema: { summary: 'The model consent forms in use, by kind, language and network (with a network: its own and the platform\'s)', tags: ['consent'], querystring: ConsentTemplateFilter, response: { 200: ConsentTemplateList } } },
    async (request) => ({ templates: await activeConsentTemplates(deps.db, request.query) }),
  );

  app.get(
    '/api/consent-templates/:templateId/content',
    { exposeHeadRoute: false, config: { access: memberStaff(deps, 'downloading a model consent form') }, schema: { summary: 'A model consent form\'s PDF, as a download', tags: ['consent'], params: TemplateParams } },
    async (request, reply) => {
      const { headers, body } = await openConsentTemplate(deps, scopedOf<ConsentTemplateRow>(request));
      return reply.status(200).headers(headers).send(body);
    },
  );
};
