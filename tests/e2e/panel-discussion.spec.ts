import type { APIRequestContext, Browser, Page } from '@playwright/test';
import type { z } from 'zod';
import type { ErnListResponse } from '../../src/modules/organisations/organisations.contract.ts';
import type { ExpertList, PanelDetail } from '../../src/modules/panels/panels.contract.ts';
import type { PatientDetail } from '../../src/modules/patients/patients.contract.ts';
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

/**
 * A patient of this test's own, enrolled at Waldstadt, and an open ERN-RND panel on it led by the Waldstadt health
 * professional (the enrolling clinician), with the Noordhaven one as a member — set up through the API.
 */
async function openPanel(lead: Person, coordinator: Person, member: Person, title: string): Promise<PanelDetail> {
  const session = (await (await lead.page.request.get('/api/auth/session')).json()) as { affiliations: { role: string; hospitalId: string | null }[] };
  const hospitalId = session.affiliations.find((a) => a.role === 'healthProfessional')!.hospitalId!;
  const patient = await post<PatientDetail>(
    lead.page.request,
    lead,
    '/api/patients',
    {
      hospitalId,
      nickname: 'Discussion fixture',
      sex: 'male',
      identity: { givenName: 'Jakob', familyName: 'Feldweg', dateOfBirth: '2011-05-06', recordNumber: `E2E-DISC-${Date.now().toString(36)}`, nationalId: null },
      careConsent: { givenBy: 'patient', representativeRelation: null, givenOn: '2026-01-02', formVersion: 'care-e2e', language: 'en', evidence: 'attestation' },
    },
    201,
  );
  const written = await lead.page.request.put(`/api/patients/${patient.id}/record/sections/history`, {
    headers: { 'x-csrf-token': lead.csrfToken },
    data: { expectedVersion: 0, content: { medicalHistory: 'Progressive spastic paraparesis since age 6.', familyHistory: 'Unremarkable.' } },
  });
  expect(written.status(), await written.text()).toBe(200);
  const { erns } = (await (await lead.page.request.get('/api/erns')).json()) as ErnListResponse;
  const rnd = erns.find((e) => e.code === 'ern-rnd')!;
  const panel = await post<PanelDetail>(
    lead.page.request,
    lead,
    '/api/panels',
    { patientId: patient.id, ernId: rnd.id, diseaseGroupId: rnd.diseaseGroups[0]!.id, type: 'diagnosis', urgency: 'routine', title, clinicalQuestion: 'Which hereditary spastic paraplegia fits best?' },
    201,
  );
  await post(lead.page.request, lead, `/api/panels/${panel.id}/shares`, { recordVersion: 1, sections: ['history'], attachments: [] }, 201);
  await post(lead.page.request, lead, `/api/panels/${panel.id}/transitions/submit`, {});
  const { experts } = (await (await coordinator.page.request.get('/api/experts?q=Vries')).json()) as z.infer<typeof ExpertList>;
  const vries = experts.find((e) => e.displayName === 'Dr. Pieter de Vries')!;
  await post(coordinator.page.request, coordinator, `/api/panels/${panel.id}/transitions/accept`, { invite: { personIds: [vries.personId], expertGroupIds: [] } });
  await post(member.page.request, member, `/api/panels/${panel.id}/invitation/acceptance`, undefined, 204);
  return panel;
}

async function openDiscussion(person: Person, panel: PanelDetail, title: string): Promise<void> {
  await person.page.goto(`/panels/${panel.id}`);
  await expect(person.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await person.page.getByRole('tab', { name: 'Discussion' }).click();
  await expect(person.page.getByRole('heading', { name: 'Discussion', exact: true })).toBeVisible();
}

test('two members discuss a panel live, with a mention and a reply, and the enrolling hospital answers a request for more information', async ({ browser }) => {
  test.setTimeout(180_000);
  const title = `Spastic paraparesis ${String(Date.now()).slice(-6)}`;
  const lead = await personPage(browser, 'hp.waldstadt');
  const coordinator = await personPage(browser, 'coordinator.rnd');
  const member = await personPage(browser, 'hp.noordhaven');
  const panel = await openPanel(lead, coordinator, member, title);
  // What reaches the lead's page over its WebSocket (events carry ids only).
  const frames: string[] = [];
  lead.page.on('websocket', (socket) => socket.on('framereceived', (frame) => void frames.push(String(frame.payload))));
  await openDiscussion(lead, panel, title);
  await openDiscussion(member, panel, title);
  await expectNoSeriousAxeViolations(member.page, '/panels/:id (discussion)');

  // The member writes a message mentioning the lead, picked from the @ suggestions.
  const composer = member.page.getByRole('form', { name: 'New message' });
  const field = composer.getByRole('textbox', { name: 'New message' });
  await field.fill('Could this be SPG7? Adding ');
  await field.pressSequentially('@Lena');
  await member.page.getByRole('option', { name: 'Dr. Lena Brandt' }).click();
  await expect(field).toHaveValue('Could this be SPG7? Adding @Dr. Lena Brandt ');
  await field.pressSequentially('for the family history.');
  await composer.getByRole('button', { name: 'Post the message' }).click();
  await expect(member.page.getByRole('status').filter({ hasText: 'Your message was posted.' })).toBeVisible();

  // The lead sees it appear without reloading, and hears of the mention in the inbox.
  const message = lead.page.getByRole('article', { name: 'Dr. Pieter de Vries' }).filter({ hasText: 'Could this be SPG7?' });
  await expect(message).toBeVisible();
  expect(frames.some((frame) => frame.includes('"eventType":"message.posted"')), 'the message was announced over the socket').toBe(true);
  expect(frames.join('\n')).not.toContain('SPG7');
  await expect(lead.page.getByRole('button', { name: /Inbox: [1-9]\d* unread/ })).toBeVisible();
  await lead.page.getByRole('button', { name: /Inbox: [1-9]\d* unread/ }).click();
  await expect(lead.page.getByRole('dialog', { name: 'Inbox' }).getByRole('link', { name: 'Dr. Pieter de Vries mentioned you in a panel discussion' }).first()).toBeVisible();
  await lead.page.keyboard.press('Escape');

  // The lead replies; the reply appears for the member, nested under the message.
  await message.getByRole('button', { name: 'Reply to Dr. Pieter de Vries' }).click();
  const reply = lead.page.getByRole('form', { name: 'Your reply to Dr. Pieter de Vries' });
  await reply.getByRole('textbox').fill('Father had a late-onset gait disorder.');
  await reply.getByRole('button', { name: 'Post the reply' }).click();
  await expect(member.page.getByRole('article', { name: 'Dr. Lena Brandt' }).filter({ hasText: 'Father had a late-onset gait disorder.' })).toBeVisible();

  // The member asks the enrolling clinician for more information; the lead (at the enrolling hospital) answers it.
  const ask = member.page.getByRole('form', { name: 'Ask the enrolling clinician' });
  await ask.getByRole('textbox').fill('Has a brain MRI been done, and when?');
  await ask.getByRole('button', { name: 'Send the question' }).click();
  const request = lead.page.getByRole('article').filter({ hasText: 'Has a brain MRI been done, and when?' });
  await expect(request.getByText('Open', { exact: true })).toBeVisible();
  await expectNoSeriousAxeViolations(lead.page, '/panels/:id (discussion, answering)');
  await request.getByRole('textbox', { name: 'Your answer' }).fill('Yes, in March: thin corpus callosum.');
  await request.getByRole('button', { name: 'Send the answer' }).click();
  const answered = member.page.getByRole('article').filter({ hasText: 'Has a brain MRI been done, and when?' });
  await expect(answered.getByText('Yes, in March: thin corpus callosum.')).toBeVisible();
  await expect(answered.getByText('Answered', { exact: true })).toBeVisible();

  // The activity shows what happened, newest first.
  await expect(member.page.getByRole('list', { name: 'The panel\'s activity, newest first' }).getByText('Dr. Lena Brandt answered a request for more information')).toBeVisible();
});
