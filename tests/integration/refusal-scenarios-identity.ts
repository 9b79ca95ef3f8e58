import { randomUUID } from 'node:crypto';
import type { Scenario } from './refusal-fixtures.ts';
import { affiliationOf, freshSession, invisibleToOutsiders, pendingAccessRequest, recoveryCodeFor, selfService, totpFor } from './refusal-fixtures.ts';
import { createTestPerson } from '../../src/testing/actors.ts';

const publicGet = (url: string): Scenario => ({ allowed: 'anonymous', refusals: 'public', request: async () => ({ method: 'GET', url }) });

/** Public reference routes, sign-in, and everything a person does on their own account. */
export const identityScenarios: Record<string, Scenario> = {
  'GET /api/openapi.json': publicGet('/api/openapi.json'),
  'GET /api/health': publicGet('/api/health'),
  'GET /api/health/live': publicGet('/api/health/live'),
  'GET /api/erns': publicGet('/api/erns'),
  'GET /api/hospitals': publicGet('/api/hospitals'),
  'GET /api/auth/options': publicGet('/api/auth/options'),
  'POST /api/auth/sign-in': {
    allowed: 'anonymous',
    refusals: 'public',
    request: async (t) => {
      const person = await createTestPerson(t);
      return { method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: person.password }, remoteAddress: `10.77.${Math.floor(Math.random() * 250)}.1` };
    },
  },
  'POST /api/auth/second-factor': {
    allowed: 'hp',
    refusals: selfService(200),
    request: async (t, cast, actor) => ({ method: 'POST', url: '/api/auth/second-factor', payload: { code: await totpFor(t, cast, actor) } }),
  },
  'POST /api/auth/recovery-code': {
    allowed: 'hp',
    refusals: selfService(200),
    request: async (t, cast, actor) => ({ method: 'POST', url: '/api/auth/recovery-code', payload: { code: await recoveryCodeFor(t, cast, actor) } }),
  },
  'GET /api/auth/session': { allowed: 'newcomer', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/auth/session' }) },
  'POST /api/auth/sign-out': {
    allowed: 'hp',
    refusals: selfService(200),
    request: async (t, cast, actor) => ({ method: 'POST', url: '/api/auth/sign-out', headers: await freshSession(t, cast, actor) }),
  },
  'GET /api/me/sessions': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/me/sessions' }) },
  'DELETE /api/me/sessions/:sessionId': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      // always the health professional's own (other) session: only they may end it
      const other = await freshSession(t, cast, 'hp');
      const list = await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: other });
      const mine = list.json<{ sessions: { id: string; current: boolean }[] }>().sessions.find((s) => s.current)!;
      return { method: 'DELETE', url: `/api/me/sessions/${mine.id}` };
    },
  },
  'POST /api/me/sessions/end-all': {
    allowed: 'hp',
    refusals: selfService(200),
    request: async (t, cast, actor) => ({ method: 'POST', url: '/api/me/sessions/end-all', headers: await freshSession(t, cast, actor) }),
  },
  'GET /api/me/profile': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/me/profile' }) },
  'PATCH /api/me/profile': {
    allowed: 'hp',
    refusals: selfService(200),
    request: async () => ({ method: 'PATCH', url: '/api/me/profile', payload: { specialty: 'Neurology', timeZone: 'Europe/Berlin', languages: ['de', 'en'] } }),
  },
  'GET /api/me/notification-preferences': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/me/notification-preferences' }) },
  'PATCH /api/me/notification-preferences': {
    allowed: 'hp',
    refusals: selfService(200),
    request: async () => ({ method: 'PATCH', url: '/api/me/notification-preferences', payload: { email: { contributions: 'dailyDigest', deadlines: 'immediate' } } }),
  },
  'POST /api/access-requests': {
    allowed: 'newcomer',
    refusals: selfService(201),
    request: async (_t, cast) => ({ method: 'POST', url: '/api/access-requests', payload: { ernId: cast.orgs.rnd, hospitalId: cast.orgs.waldstadt, role: 'assistant', justification: 'Matrix: assistant to the neurology team.' } }),
  },
  'GET /api/access-requests': { allowed: 'coordinator', refusals: selfService(200), request: async (_t, cast) => ({ method: 'GET', url: `/api/access-requests?ernId=${cast.orgs.rnd}` }) },
  'GET /api/access-requests/mine': { allowed: 'newcomer', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/access-requests/mine' }) },
  'POST /api/access-requests/:id/employment-confirmation': {
    allowed: 'representative',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/access-requests/${await pendingAccessRequest(t, cast, 'awaitingEmployment')}/employment-confirmation` }),
  },
  'POST /api/access-requests/:id/approval': {
    allowed: 'coordinator',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/access-requests/${await pendingAccessRequest(t, cast)}/approval`, payload: { reason: 'Welcome.' } }),
  },
  'POST /api/access-requests/:id/rejection': {
    allowed: 'coordinator',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/access-requests/${await pendingAccessRequest(t, cast)}/rejection`, payload: { reason: 'Not a member of the team.' } }),
  },
  'POST /api/affiliations/:id/extension': {
    allowed: 'coordinator',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/affiliations/${await affiliationOf(t, cast, 'guestExpert')}/extension`, payload: { until: new Date(t.clock.now().getTime() + 60 * 86_400_000).toISOString() } }),
  },
  // Last: these replace the actor's authenticator.
  'POST /api/auth/totp/enrolment': {
    allowed: 'newcomer',
    refusals: selfService(200),
    request: async (t, cast, actor) => ({ method: 'POST', url: '/api/auth/totp/enrolment', headers: await freshSession(t, cast, actor) }),
  },
  'POST /api/auth/totp/confirmation': {
    allowed: 'newcomer',
    refusals: selfService(200),
    request: async (t, cast, actor) => {
      const headers = await freshSession(t, cast, actor);
      const started = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enrolment', headers });
      const secret = started.statusCode === 200 ? started.json<{ secret: string }>().secret : undefined;
      const { totpCode } = await import('../../src/testing/actors.ts');
      return { method: 'POST', url: '/api/auth/totp/confirmation', headers, payload: { code: secret ? await totpCode(t, secret) : '123456' } };
    },
  },
};

/** Run after everything else: they end every session of the actor, or replace their authenticator. */
export const runLast = ['POST /api/me/sessions/end-all', 'POST /api/auth/totp/enrolment', 'POST /api/auth/totp/confirmation'];
export const unusedId = () => randomUUID();
