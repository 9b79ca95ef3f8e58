import type { TestApp } from '../../src/testing/test-app.ts';
import type { Cast } from './refusal-cast.ts';
import type { Scenario } from './refusal-fixtures.ts';
import { invisibleToOutsiders, selfService, openPanelOfCast } from './refusal-fixtures.ts';

const inAWeek = (t: TestApp) => new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
const newMeeting = (t: TestApp, cast: Cast, panelId: string) => ({ ernId: cast.orgs.rnd, title: 'Matrix meeting', startsAt: inAWeek(t), durationMinutes: 60, timeZone: 'Europe/Berlin', agenda: [{ panelId, minutes: 20 }] });

/** A meeting organised by the ERN's coordinator with one panel of the cast's health professional on its agenda. */
async function meeting(t: TestApp, cast: Cast): Promise<{ id: string; itemId: string }> {
  const created = await t.app.inject({ method: 'POST', url: '/api/meetings', headers: cast.coordinator.session!.headers, payload: newMeeting(t, cast, await openPanelOfCast(t, cast)) });
  const view = created.json<{ id: string; agenda: { id: string }[] }>();
  return { id: view.id, itemId: view.agenda[0]!.id };
}

/**
 * Meetings: seen by their organiser, the ERN's coordinators and the members of a panel on the agenda; changed by the
 * organiser and coordinators; notes by the panel's members. A body naming a panel the caller cannot see is a 422
 * (nothing revealed); people without a scheduling role get 403.
 */
export const meetingScenarios: Record<string, Scenario> = {
  'POST /api/meetings': {
    allowed: 'coordinator',
    refusals: { anonymous: 401, deactivated: 401, otherHospital: 422, otherErn: 422, expiredGuest: 403, wrongRole: 403 },
    request: async (t, cast) => ({ method: 'POST', url: '/api/meetings', payload: newMeeting(t, cast, await openPanelOfCast(t, cast)) }),
  },
  'GET /api/meetings': { allowed: 'hp', refusals: selfService(200), request: async () => ({ method: 'GET', url: '/api/meetings' }) },
  'GET /api/meetings/:id': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/meetings/${(await meeting(t, cast)).id}` }) },
  'GET /api/meetings/:id/calendar': { allowed: 'hp', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'GET', url: `/api/meetings/${(await meeting(t, cast)).id}/calendar` }) },
  'PUT /api/meetings/:id/schedule': {
    allowed: 'coordinator',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'PUT', url: `/api/meetings/${(await meeting(t, cast)).id}/schedule`, payload: { startsAt: inAWeek(t), durationMinutes: 90 } }),
  },
  'POST /api/meetings/:id/cancel': { allowed: 'coordinator', refusals: invisibleToOutsiders, request: async (t, cast) => ({ method: 'POST', url: `/api/meetings/${(await meeting(t, cast)).id}/cancel` }) },
  'POST /api/meetings/:id/agenda': {
    allowed: 'coordinator',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => ({ method: 'POST', url: `/api/meetings/${(await meeting(t, cast)).id}/agenda`, payload: { panelId: await openPanelOfCast(t, cast), minutes: 20 } }),
  },
  'DELETE /api/meetings/:id/agenda/:itemId': {
    allowed: 'coordinator',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { id, itemId } = await meeting(t, cast);
      return { method: 'DELETE', url: `/api/meetings/${id}/agenda/${itemId}` };
    },
  },
  'PUT /api/meetings/:id/agenda/:itemId/notes': {
    allowed: 'hp',
    refusals: invisibleToOutsiders,
    request: async (t, cast) => {
      const { id, itemId } = await meeting(t, cast);
      return { method: 'PUT', url: `/api/meetings/${id}/agenda/${itemId}/notes`, payload: { expectedVersion: 0, notes: 'Matrix notes.' } };
    },
  },
};
