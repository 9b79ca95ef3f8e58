import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.ts';
import { requireAccessRules } from './http/access.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerSecurity } from './http/security.ts';
import { registerWebApp } from './http/web-app.ts';
import { enforceAccess } from './http/enforce-access.ts';
import { authRoutes } from './modules/identity/auth.routes.ts';
import { meRoutes } from './modules/identity/me.routes.ts';
import { notificationPreferencesRoutes } from './modules/notifications/notification-preferences.routes.ts';
import { onboardingRoutes } from './modules/identity/onboarding.routes.ts';
import { authOptionsRoutes } from './modules/identity/oidc/auth-options.routes.ts';
import { oidcRoutes } from './modules/identity/oidc/oidc.routes.ts';
import { adminOrganisationsRoutes } from './modules/identity/admin-organisations.routes.ts';
import { adminPeopleRoutes } from './modules/identity/admin-people.routes.ts';
import { sessionResolver } from './modules/identity/session-cookie.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { patientHospitalOf } from './modules/audit/patient-hospital.ts';
import { patientsRoutes } from './modules/patients/patients.routes.ts';
import { consentRoutes } from './modules/consent/consent.routes.ts';
import { consentTemplateRoutes } from './modules/consent/consent-templates.routes.ts';
import { attachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { imagingRoutes } from './modules/imaging/imaging.routes.ts';
import { meetingsRoutes } from './modules/meetings/meetings.routes.ts';
import { callsRoutes } from './modules/calls/calls.routes.ts';
import { recordsRoutes } from './modules/records/records.routes.ts';
import { panelsRoutes } from './modules/panels/panels.routes.ts';
import { discussionRoutes } from './modules/discussion/discussion.routes.ts';
import { outcomeReportsRoutes } from './modules/outcome-reports/outcome-reports.routes.ts';
import { ontologyRoutes } from './modules/ontology/ontology.routes.ts';
import { referralsRoutes } from './modules/referrals/referrals.routes.ts';
import { registerRealtime } from './realtime/realtime-plugin.ts';
import { realtimeRoutes } from './realtime/realtime.routes.ts';
import { recordRefusal } from './modules/audit/record-refusal.ts';
import { organisationsRoutes } from './modules/organisations/organisations.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { webDistFolder } from './platform/paths.ts';
import { appVersion } from './platform/version.ts';

export interface BuildAppOptions extends AppDeps {
  logger: FastifyBaseLogger;
  /** Folder of the built web app; defaults to dist/web. */
  webRoot?: string;
}

/** A hop count becomes "trust the nearest n proxies", as proxy-addr counts them. */
const trustProxySetting = (setting: AppDeps['config']['trustProxy']) =>
  typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;

/** Assembles the HTTP application. Modules register their routes here, each given the deps it needs. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { logger, webRoot = webDistFolder, ...deps } = options;
  const app = Fastify({
    loggerInstance: logger,
    genReqId: () => randomUUID(),
    trustProxy: trustProxySetting(deps.config.trustProxy),
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  requireAccessRules(app);
  registerErrorHandler(app);
  await registerSecurity(app, { https: deps.config.publicUrl.startsWith('https://'), rateLimitPerMinute: deps.config.rateLimitPerMinute });
  await app.register(cookie);
  const realtime = await registerRealtime(app, deps, { resolveSession: sessionResolver(deps) });
  enforceAccess(app, { resolveSession: sessionResolver(deps), onDenied: recordRefusal(deps) });
  await registerOpenApi(app, appVersion);

  await app.register(systemRoutes(deps));
  await app.register(organisationsRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(meRoutes(deps));
  await app.register(notificationPreferencesRoutes(deps));
  await app.register(authOptionsRoutes(deps));
  if (deps.config.oidc) await app.register(oidcRoutes(deps));
  await app.register(onboardingRoutes(deps));
  await app.register(adminOrganisationsRoutes(deps));
  await app.register(adminPeopleRoutes(deps));
  await app.register(auditRoutes(deps, { patientHospitalOf }));
  await app.register(patientsRoutes(deps));
  await app.register(consentRoutes(deps));
  await app.register(consentTemplateRoutes(deps));
  await app.register(attachmentRoutes(deps, { maxUploadBytes: deps.config.maxUploadBytes }));
  await app.register(imagingRoutes(deps, { maxUploadBytes: deps.config.maxUploadBytes }));
  await app.register(recordsRoutes(deps));
  await app.register(panelsRoutes(deps));
  await app.register(discussionRoutes(deps));
  await app.register(outcomeReportsRoutes(deps));
  await app.register(meetingsRoutes(deps));
  await app.register(referralsRoutes(deps));
  await app.register(callsRoutes(deps));

  await app.register(ontologyRoutes(deps));
  await app.register(realtimeRoutes(deps, realtime));

  await registerWebApp(app, webRoot);
  return app;
}
