import type { APIRequestContext, Browser, Page } from '@playwright/test';
import type { ErnListResponse } from '../../src/modules/organisations/organisations.contract.ts';
import type { ExpertList, PanelDetail } from '../../src/modules/panels/panels.contract.ts';
import type { PatientList } from '../../src/modules/patients/patients.contract.ts';
import type { z } from 'zod';
import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { signInThroughApi } from './support/sign-in.ts';
import { trainingAccount } from './support/training-accounts.ts';

interface Person {
  page: Page;
  csrfToken: string;
}

async function personPage(browser: Browser, account: string): Promise<Person> {
  const page = await (await browser.newContext()).newPage();
  return { page, csrfToken: await signInThroughApi(page.request, trainingAccount(account)) };
}

async function post<T>(request: APIRequestContext, as: Person, url: string, data: unknown, status = 200): Promise<T> {
  const response = await request.post(url, { headers: { 'x-csrf-token': as.csrfToken }, data });
  expect(response.status(), await response.text()).toBe(status);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** An open ERN-RND panel on Lynx, led by the Waldstadt health professional, with the Noordhaven one as a member (set up through the API). */
async function openPanel(lead: Person, coordinator: Person, member: Person, title: string): Promise<PanelDetail> {
  const { erns } = (await (await lead.page.request.get('/api/erns')).json()) as ErnListResponse;
  const rnd = erns.find((e) => e.code === 'ern-rnd')!;
  const { patients } = (await (await lead.page.request.get('/api/patients?q=Lynx')).json()) as PatientList;
  const lynx = patients.find((p) => p.nickname === 'Lynx')!;
  const record = (await (await lead.page.request.get(`/api/patients/${lynx.id}/record`)).json()) as { version: number };
  const panel = await post<PanelDetail>(
    lead.page.request,
    lead,
    '/api/panels',
    { patientId: lynx.id, ernId: rnd.id, diseaseGroupId: rnd.diseaseGroups[0]!.id, type: 'diagnosis', urgency: 'routine', title, clinicalQuestion: 'Is a muscle biopsy still needed?' },
    201,
  );
  await post(lead.page.request, lead, `/api/panels/${panel.id}/shares`, { recordVersion: record.version, sections: ['history'], attachments: [] }, 201);
  await post(lead.page.request, lead, `/api/panels/${panel.id}/transitions/submit`, {});
  const { experts } = (await (await coordinator.page.request.get('/api/experts?q=Vries')).json()) as z.infer<typeof ExpertList>;
  const vries = experts.find((e) => e.displayName === 'Dr. Pieter de Vries')!;
  await post(coordinator.page.request, coordinator, `/api/panels/${panel.id}/transitions/accept`, { invite: { personIds: [vries.personId], expertGroupIds: [] } });
  await post(member.page.request, member, `/api/panels/${panel.id}/invitation/acceptance`, undefined, 204);
  return panel;
}

/** Tomorrow's date (YYYY-MM-DD) as the calendar shows it in Brussels, the training accounts' time zone. */
const tomorrowInBrussels = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() + 86_400_000));

/** The instant whose Brussels wall clock reads `date` `time` (one or two hours ahead of UTC), as iCalendar writes it in UTC. */
function brusselsToIcsUtc(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (const offset of [1, 2]) {
    const instant = new Date(Date.UTC(y, m - 1, d, h - offset, min));
    if (wall.format(instant) === time) return instant.toISOString().replaceAll(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  }
  throw new Error(`no Brussels offset gives ${time}`);
}

test('a coordinator schedules a meeting with a panel, a member writes its notes, a stale save is refused, then it is moved and cancelled', async ({ browser }) => {
  test.setTimeout(180_000);
  const suffix = String(Date.now()).slice(-6);
  const panelTitle = `Proximal weakness ${suffix}`;
  const meetingTitle = `ERN-RND case board ${suffix}`;
  const lead = await personPage(browser, 'hp.waldstadt');
  const coordinator = await personPage(browser, 'coordinator.rnd');
  const member = await personPage(browser, 'hp.noordhaven');
  await openPanel(lead, coordinator, member, panelTitle);

  // The coordinator schedules it: start in their own time zone, the panel on the agenda with its minutes.
  await coordinator.page.goto('/meetings');
  await expect(coordinator.page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
  await expectNoSeriousAxeViolations(coordinator.page, '/meetings');
  await coordinator.page.getByRole('link', { name: 'Schedule a meeting' }).click();
  const form = coordinator.page.getByRole('form', { name: 'Schedule a meeting' });
  await expect(form.getByRole('combobox', { name: 'Network' })).toHaveValue('ERN-RND');
  const date = tomorrowInBrussels();
  await form.getByRole('textbox', { name: 'Title' }).fill(meetingTitle);
  await form.getByLabel('Starts').fill(`${date}T14:30`);
  await expect(form.getByText('In your time zone, Europe/Brussels.')).toBeVisible();
  await form.getByRole('checkbox', { name: `Put “${panelTitle}” on the agenda` }).check();
  await form.getByRole('textbox', { name: `Minutes for “${panelTitle}”` }).fill('20');
  await expectNoSeriousAxeViolations(coordinator.page, '/meetings/new');
  await form.getByRole('button', { name: 'Schedule the meeting' }).click();

  await expect(coordinator.page.getByRole('heading', { level: 1, name: meetingTitle })).toBeVisible();
  await expect(coordinator.page.getByText(/14:30 \(Europe\/Brussels\)$/)).toBeVisible();
  const item = coordinator.page.getByRole('article', { name: `Item 1: ${panelTitle}` });
  await expect(item).toContainText('20 minutes');
  await expect(item).toContainText('14:30');
  // The calendar entry carries the instant: 14:30 in Brussels, in UTC.
  const calendarHref = await coordinator.page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
  const ics = await (await coordinator.page.request.get(calendarHref!)).text();
  expect(ics).toContain(`DTSTART:${brusselsToIcsUtc(date, '14:30')}`);
  await expectNoSeriousAxeViolations(coordinator.page, '/meetings/$meetingId (organiser)');
  const meetingUrl = coordinator.page.url();

  // The member finds it among their meetings and writes the item's notes.
  await member.page.goto('/meetings');
  await member.page.getByRole('link', { name: meetingTitle }).click();
  await expect(member.page.getByRole('heading', { level: 1, name: meetingTitle })).toBeVisible();
  const notes = member.page.getByRole('form', { name: `Notes on ${panelTitle}` });
  await notes.getByRole('textbox', { name: `Notes on ${panelTitle}` }).fill('Agreed: EMG first, biopsy only if myopathic.');
  await notes.getByRole('button', { name: 'Save the notes' }).click();
  await expect(notes.getByRole('status')).toHaveText('The notes were saved.');
  await expectNoSeriousAxeViolations(member.page, '/meetings/$meetingId (member)');

  // The coordinator's page still holds the notes as they were: saving over them is refused, and reloading shows the member's.
  const staleNotes = coordinator.page.getByRole('form', { name: `Notes on ${panelTitle}` });
  await staleNotes.getByRole('textbox', { name: `Notes on ${panelTitle}` }).fill('Coordinator draft');
  await staleNotes.getByRole('button', { name: 'Save the notes' }).click();
  await expect(staleNotes.getByRole('alert')).toContainText('Someone else saved these notes');
  await staleNotes.getByRole('button', { name: 'Reload the notes' }).click();
  await expect(coordinator.page.getByRole('textbox', { name: `Notes on ${panelTitle}` })).toHaveValue('Agreed: EMG first, biopsy only if myopathic.');

  // Moved to 15:00, then cancelled.
  await coordinator.page.goto(meetingUrl);
  await coordinator.page.getByRole('button', { name: 'Move the meeting' }).click();
  const move = coordinator.page.getByRole('dialog', { name: 'Move the meeting' });
  await move.getByLabel('Starts').fill(`${date}T15:00`);
  await move.getByRole('button', { name: 'Move it' }).click();
  await expect(coordinator.page.getByRole('status').filter({ hasText: 'The meeting was moved' })).toBeVisible();
  await expect(coordinator.page.getByText(/15:00 \(Europe\/Brussels\)$/)).toBeVisible();
  await coordinator.page.getByRole('button', { name: 'Cancel the meeting' }).click();
  await coordinator.page.getByRole('dialog', { name: 'Cancel the meeting' }).getByRole('button', { name: 'Cancel the meeting' }).click();
  await expect(coordinator.page.getByRole('status').filter({ hasText: 'The meeting was cancelled.' })).toBeVisible();
  await expect(coordinator.page.getByText('Cancelled', { exact: true })).toBeVisible();
});
