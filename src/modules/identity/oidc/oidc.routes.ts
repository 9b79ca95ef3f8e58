import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../app-deps.ts';
import { publicAccess, sessionAccess } from '../../../http/access.ts';
import { requestContext, sessionResolver, setSessionCookie } from '../session-cookie.ts';
import { finishOidcLogin } from './finish-oidc-login.ts';
import { createOidcClient, OIDC_CALLBACK_PATH } from './oidc-client.ts';
import { OidcCallbackQuery, OidcStartQuery } from './oidc.contract.ts';
import { OidcSignInFailure } from './oidc-sign-in-failure.ts';
import { landingAfterSignIn, signInErrorPath } from './return-to.ts';
import { OIDC_LOGIN_TTL_MS, startOidcLogin } from './start-oidc-login.ts';

/** Binds a pending login to the browser that started it; sent back on the provider's top-level redirect (Lax). */
const STATE_COOKIE = 'cpms_oidc_state';
const stateCookie = (deps: AppDeps) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: deps.config.publicUrl.startsWith('https://'),
  path: '/api/auth/oidc',
});

/** The callback's query holds the code and perhaps the provider's error text: log the path only. */
const pathOnlyRequest = (req: FastifyRequest) => ({ method: req.method, url: req.url.split('?', 1)[0], host: req.host, remoteAddress: req.ip });

/** A refusal becomes a redirect to the sign-in page with a code; anything unexpected stays a 500. */
function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  if (!(error instanceof OidcSignInFailure)) throw error;
  request.log.warn({ oidcError: error.code, reason: error.reason }, 'OIDC sign-in refused');
  if (error.stepUpReturnTo !== undefined) return reply.redirect(withQuery(error.stepUpReturnTo, 'stepUpError', error.code));
  return reply.redirect(signInErrorPath(error.code));
}

const withQuery = (path: string, name: string, value: string) => `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams({ [name]: value }).toString()}`;

/** Sign-in through the configured OpenID Connect provider (EU Login or any standard one). */
export const oidcRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  if (!deps.config.oidc) throw new Error('oidcRoutes needs config.oidc');
  const oidc = createOidcClient(deps.config.oidc, deps.config.publicUrl);

  app.get(
    '/api/auth/oidc/start',
    {
      config: { access: publicAccess('begins a sign-in at the identity provider; answers only a redirect') },
      schema: { summary: 'Sign in with the identity provider (redirects there)', tags: ['auth'], querystring: OidcStartQuery },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      try {
        const { authorizationUrl, state } = await startOidcLogin(deps, oidc, { returnTo: request.query.returnTo });
        void reply.setCookie(STATE_COOKIE, state, { ...stateCookie(deps), maxAge: OIDC_LOGIN_TTL_MS / 1000 });
        return reply.redirect(authorizationUrl.href);
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );

  app.get(
    '/api/auth/oidc/step-up',
    {
      config: { access: sessionAccess('the signed-in person, re-authenticating at the identity provider before an act with legal weight') },
      schema: { summary: 'Confirm the second factor again at the identity provider (redirects there; back to returnTo)', tags: ['auth'], querystring: OidcStartQuery },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const { authorizationUrl, state } = await startOidcLogin(deps, oidc, { returnTo: request.query.returnTo, purpose: 'stepUp' });
      void reply.setCookie(STATE_COOKIE, state, { ...stateCookie(deps), maxAge: OIDC_LOGIN_TTL_MS / 1000 });
      return reply.redirect(authorizationUrl.href);
    },
  );

  app.get(
    OIDC_CALLBACK_PATH,
    {
      config: { access: publicAccess('the identity provider returns here; single-use state bound to the browser, PKCE and nonce checked') },
      logSerializers: { req: pathOnlyRequest },
      schema: { summary: 'Return from the identity provider (redirects into the app)', tags: ['auth'], querystring: OidcCallbackQuery },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const boundState = request.cookies[STATE_COOKIE];
      void reply.clearCookie(STATE_COOKIE, stateCookie(deps));
      try {
        const callbackUrl = new URL(request.url, deps.config.publicUrl);
        const current = await sessionResolver(deps)(request);
        const result = await finishOidcLogin(deps, oidc, { callbackUrl, state: request.query.state, boundState }, requestContext(request), current?.actor);
        if (result.kind === 'stepUp') return reply.redirect(result.returnTo);
        setSessionCookie(deps, reply, result.session.token);
        return reply.redirect(landingAfterSignIn(result.next, result.returnTo));
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );
};
