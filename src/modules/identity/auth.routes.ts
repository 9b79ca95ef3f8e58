import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { secondFactorOwed } from '../../access/actor.ts';
import { actorOf, publicAccess, sessionAccess } from '../../http/access.ts';
import { PLATFORM_PARTITION } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import {
  CodeRequest,
  EndedResponse,
  NextResponse,
  RecoveryCodesResponse,
  SessionInfo,
  SignInRequest,
  SignInResponse,
  TotpEnrolmentResponse,
} from './identity.contract.ts';
import { describeAffiliations } from './people.queries.ts';
import { clearSessionCookie, requestContext, setSessionCookie } from './session-cookie.ts';
import { endSessions } from './sessions.ts';
import { confirmSecondFactor, confirmTotpEnrolment, hasConfirmedTotp, signInLocal, startTotpEnrolment, useRecoveryCode } from './sign-in.ts';

const onboarding = (rule: string) => sessionAccess(rule, { secondFactor: false });

export const authRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.post(
    '/api/auth/sign-in',
    {
      config: { access: publicAccess('signing in with a local account (throttled per account and address)') },
      schema: { summary: 'Sign in with e-mail and password', tags: ['auth'], body: SignInRequest, response: { 200: SignInResponse } },
    },
    async (request, reply) => {
      const { session, next } = await signInLocal(deps, request.body, requestContext(request));
      setSessionCookie(deps, reply, session.token);
      return { next, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/second-factor',
    {
      config: { access: onboarding('the signed-in person, confirming their own second factor') },
      schema: { summary: 'Confirm the second factor with an authenticator code', tags: ['auth'], body: CodeRequest, response: { 200: NextResponse } },
    },
    async (request) => {
      await confirmSecondFactor(deps, actorOf(request), request.body.code, requestContext(request));
      return { next: 'done' as const };
    },
  );

  app.post(
    '/api/auth/recovery-code',
    {
      config: { access: onboarding('the signed-in person, using one of their recovery codes') },
      schema: { summary: 'Confirm the second factor with a single-use recovery code', tags: ['auth'], body: CodeRequest, response: { 200: NextResponse } },
    },
    async (request) => {
      await useRecoveryCode(deps, actorOf(request), request.body.code, requestContext(request));
      return { next: 'done' as const };
    },
  );

  app.post(
    '/api/auth/totp/enrolment',
    {
      config: { access: onboarding('the signed-in person, setting up their own authenticator') },
      schema: { summary: 'Start setting up an authenticator app (QR code)', tags: ['auth'], response: { 200: TotpEnrolmentResponse } },
    },
    async (request) => startTotpEnrolment(deps, actorOf(request)),
  );

  app.post(
    '/api/auth/totp/confirmation',
    {
      config: { access: onboarding('the signed-in person, finishing their own authenticator set-up') },
      schema: { summary: 'Finish the authenticator set-up with a first code; returns recovery codes once', tags: ['auth'], body: CodeRequest, response: { 200: RecoveryCodesResponse } },
    },
    async (request) => ({ recoveryCodes: await confirmTotpEnrolment(deps, actorOf(request), request.body.code, requestContext(request)) }),
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: onboarding('the signed-in person, about their own session') },
      schema: { summary: 'Who is signed in, with their affiliations and what they still owe', tags: ['auth'], response: { 200: SessionInfo } },
    },
    async (request) => {
      const actor = actorOf(request);
      const [profile, affiliations, enrolled] = await Promise.all([
        deps.db.query.people.findFirst({ where: (p, { eq }) => eq(p.id, actor.personId) }),
        describeAffiliations(deps.db, actor.affiliations),
        hasConfirmedTotp(deps, actor.personId),
      ]);
      return {
        person: { id: actor.personId, displayName: actor.displayName, email: actor.email, locale: profile?.locale ?? 'en', timeZone: profile?.timeZone ?? 'UTC' },
        method: actor.method,
        secondFactor: { confirmed: actor.secondFactor, enrolled, owed: secondFactorOwed(actor) },
        affiliations,
        delegations: actor.delegations,
        csrfToken: request.csrfToken ?? '',
      };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: onboarding('the signed-in person, ending their own session') },
      schema: { summary: 'Sign out: ends this session on the server', tags: ['auth'], response: { 200: EndedResponse } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ended = await deps.db.transaction(async (tx) => {
        const count = await endSessions(tx, deps.clock, actor.personId, actor.sessionId);
        await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'session.signOut', targetType: 'session', targetId: actor.sessionId, clientAddress: request.ip });
        return count;
      });
      clearSessionCookie(deps, reply);
      return { ended };
    },
  );
};
