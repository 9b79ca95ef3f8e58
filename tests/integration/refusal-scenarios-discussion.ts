import { infoRequests, notifications } from '../../src/db/schema/index.ts';
import type { TestApp } from '../../src/testing/test-app.ts';
import { multipartBody, pdfFile } from './attachments-test-app.ts';
import type { ActorName, Cast } from './refusal-cast.ts';
import type { Request, Scenario } from './refusal-fixtures.ts';
import { invisibleToOutsiders, selfService, openPanelOfCast } from './refusal-fixtures.ts';

/** A message of the cast's health professional (the lead) in a fresh panel. */
async function message(t: TestApp, cast: Cast): Promise<{ panelId: string; messageId: string }> {
  const panelId = await openPanelOfCast(t, cast);
  const posted = await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/messages`, headers: cast.hp.session!.headers, payload: { body: 'Matrix message.' } });
  return { panelId, messageId: posted.json<{ id: string }>().id };
}

/** A PDF posted in a fresh panel's discussion by its lead. */
async function postedFile(t: TestApp, cast: Cast): Promise<{ panelId: string; fileId: string }> {
  const panelId = await openPanelOfCast(t, cast);
  const upload = uploadTo(panelId, cast, 'hp');
  const fileId = (await t.app.inject(upload)).json<{ id: string }>().id;
  await t.app.inject({ method: 'POST', url: `/api/panels/${panelId}/messages`, headers: cast.hp.session!.headers, payload: { body: 'Matrix file.', fileIds: [fileId] } });
  return { panelId, fileId };
}

/** The multipart upload carries the actor's own session headers with its content type. */
function uploadTo(panelId: string, cast: Cast, actor: ActorName): Request {
  const body = multipartBody([], { filename: 'matrix.pdf', content: pdfFile('matrix discussion file'), contentType: 'application/pdf' });
  return { method: 'POST', url: `/api/panels/${panelId}/files`, headers: { ...cast[actor].session?.headers, 'content-type': body.contentType }, payload: body.payload };
}

/** An open information request on a fresh panel, asked by its lead (the enrolling hospital's staff answer it). */
async function openInfoRequest(t: TestApp, cast: Cast): Promise<string> {
  const panelId = await openPanelOfCast(t, cast);
  const [row] = await t.database.db.insert(infoRequests).values({ panelId, askedBy: cast.hp.person!.personId, question: 'Matrix question to the enrolling clinician?', askedAt: t.clock.now().toISOString() }).returning({ id: infoRequests.id });
  return row!.id;
}

/**
 * The discussion: a panel's lead, members, guests and the owning ERN's coordinators read it; to everyone else the
 * panel does not exist (404). Information requests are answered by the enrolling hospital's staff (others: 404);
 * the inbox is each person's own.
 */
export const discussionScenarios: Record<string, Scenario> = {
  'GET /api/panels/:id/messages': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/panels/${await openPanelOfCast(t, cast)}/messages` }) },
  'POST /api/panels/:id/messages': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/panels/${await openPanelOfCast(t, cast)}/messages`, payload: { body: 'Matrix post.' } }) },
  'PATCH /api/panels/:id/messages/:messageId': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { panelId, messageId } = await message(t, cast);
      return { method: 'PATCH', url: `/api/panels/${panelId}/messages/${messageId}`, payload: { body: 'Matrix edit.' } };
    },
  },
  'DELETE /api/panels/:id/messages/:messageId': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { panelId, messageId } = await message(t, cast);
      return { method: 'DELETE', url: `/api/panels/${panelId}/messages/${messageId}` };
    },
  },
  'POST /api/panels/:id/files': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast, actor) => uploadTo(await openPanelOfCast(t, cast), cast, actor) },
  'GET /api/panels/:id/files/:fileId/content': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { panelId, fileId } = await postedFile(t, cast);
      return { method: 'GET', url: `/api/panels/${panelId}/files/${fileId}/content` };
    },
  },
  'GET /api/panels/:id/timeline': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/panels/${await openPanelOfCast(t, cast)}/timeline` }) },
  'GET /api/panels/:id/info-requests': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/panels/${await openPanelOfCast(t, cast)}/info-requests` }) },
  'POST /api/panels/:id/info-requests': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/panels/${await openPanelOfCast(t, cast)}/info-requests`, payload: { question: 'Matrix: was an MRI done?' } }),
  },
  'GET /api/info-requests': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/info-requests?open=true' }) },
  'POST /api/info-requests/:id/answer': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/info-requests/${await openInfoRequest(t, cast)}/answer`, payload: { answer: 'Matrix answer.' } }),
  },
  'GET /api/notifications': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/notifications' }) },
  'GET /api/notifications/unread-count': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/notifications/unread-count' }) },
  'POST /api/notifications/:id/read': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const [row] = await t.database.db.insert(notifications).values({ personId: cast.hp.person!.personId, kind: 'panelTransition', createdAt: t.clock.now().toISOString() }).returning({ id: notifications.id });
      return { method: 'POST', url: `/api/notifications/${row!.id}/read` };
    },
  },
  'POST /api/notifications/read-all': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'POST', url: '/api/notifications/read-all' }) },
};
