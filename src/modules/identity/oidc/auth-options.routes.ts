import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../app-deps.ts';
import { publicAccess } from '../../../http/access.ts';
import { localAccountsEnabled } from '../sign-in.ts';
import { AuthOptionsResponse } from './oidc.contract.ts';

/** Registered always, with or without an identity provider: the sign-in page builds itself from it. */
export const authOptionsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/auth/options',
    {
      config: { access: publicAccess('which ways of signing in exist, needed before anyone is signed in') },
      schema: { summary: 'How people can sign in here', tags: ['auth'], response: { 200: AuthOptionsResponse } },
    },
    async () => ({
      oidc: deps.config.oidc ? { displayName: deps.config.oidc.displayName } : null,
      localAccounts: await localAccountsEnabled(deps),
    }),
  );
};
