import type { APIRequestContext, Browser, Page } from '@playwright/test';
import type { ErnListResponse } from '../../src/modules/organisations/organisations.contract.ts';
import type { PanelDetail } from '../../src/modules/panels/panels.contract.ts';
import type { PatientList } from '../../src/modules/patients/patients.contract.ts';
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

async function send<T>(request: APIRequestContext, as: Person, method: 'POST' | 'PUT', url: string, data: unknown, status: number): Promise<T> {
  const response = await request.fetch(url, { method, headers: { 'x-csrf-token': as.csrfToken }, data });
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

test('running a panel: returned with a question and resubmitted, experts and a guest invited, an invitation declined, a later record version shared, the lead reassigned', async ({ browser }) => {
  test.setTimeout(180_000);
  const title = `Late-onset chorea ${String(Date.now()).slice(-6)}`;
  const lead = await personPage(browser, 'hp.waldstadt');
  const coordinator = await personPage(browser, 'coordinator.rnd');

  // A request awaiting triage, set up through the API: Heron's history shared, then submitted.
  const { erns } = (await (await lead.page.request.get('/api/erns')).json()) as ErnListResponse;
  const rnd = erns.find((e) => e.code === 'ern-rnd')!;
  const { patients } = (await (await lead.page.request.get('/api/patients?q=Heron')).json()) as PatientList;
  const heron = patients.find((p) => p.nickname === 'Heron')!;
  const record = (await (await lead.page.request.get(`/api/patients/${heron.id}/record`)).json()) as { version: number; content: { history: unknown } };
  const panel = await send<PanelDetail>(lead.page.request, lead, 'POST', '/api/panels', { patientId: heron.id, ernId: rnd.id, diseaseGroupId: rnd.diseaseGroups.find((g) => g.name.startsWith('Choreas'))!.id, type: 'diagnosis', urgency: 'routine', title, clinicalQuestion: 'Is this Huntington disease?' }, 201);
  await send(lead.page.request, lead, 'POST', `/api/panels/${panel.id}/shares`, { recordVersion: record.version, sections: ['history'], attachments: [] }, 201);
  await send(lead.page.request, lead, 'POST', `/api/panels/${panel.id}/transitions/submit`, {}, 200);

  // The coordinator returns it with a question (the question is required).
  await coordinator.page.goto('/panels');
  await coordinator.page.getByRole('button', { name: `Return with a question: “${title}”` }).click();
  const returning = coordinator.page.getByRole('dialog', { name: 'Return the request with a question' });
  await returning.getByRole('button', { name: 'Return with a question' }).click();
  await expect(returning.getByText('Say why (a few words are enough).')).toBeVisible();
  await returning.getByRole('textbox', { name: 'Your question to the lead' }).fill('Was HTT repeat testing done? Please add the result.');
  await expectNoSeriousAxeViolations(coordinator.page, '/panels (return dialog)');
  await returning.getByRole('button', { name: 'Return with a question' }).click();
  await expect(coordinator.page.getByRole('status').filter({ hasText: `“${title}” was returned to its lead with your question.` })).toBeVisible();

  // The lead reads the question, edits the request and submits it again.
  await lead.page.goto(`/panels/${panel.id}`);
  const returned = lead.page.getByRole('alert').filter({ hasText: 'Returned by Dr. Ana Sousa with a question' });
  await expect(returned).toContainText('Was HTT repeat testing done? Please add the result.');
  await lead.page.getByRole('button', { name: 'Edit the request' }).click();
  const editing = lead.page.getByRole('dialog', { name: 'Edit the draft request' });
  await editing.getByRole('textbox', { name: 'Clinical question' }).fill('HTT repeat testing was normal (17/19 CAG). Which HD phenocopies should be tested?');
  await expectNoSeriousAxeViolations(lead.page, '/panels/$panelId (edit draft)');
  await editing.getByRole('button', { name: 'Save' }).click();
  await expect(lead.page.getByRole('status').filter({ hasText: 'The draft request was saved.' })).toBeVisible();
  await expect(lead.page.getByRole('region', { name: 'Clinical question' })).toContainText('Which HD phenocopies should be tested?');
  await lead.page.getByRole('button', { name: 'Submit the request' }).click();
  await lead.page.getByRole('dialog', { name: 'Submit the request' }).getByRole('button', { name: 'Submit the request' }).click();
  await expect(lead.page.getByLabel('About this panel')).toContainText('Awaiting triage');

  // Accepted without forwarding (API); the lead invites from the directory, and a guest by e-mail.
  await send(coordinator.page.request, coordinator, 'POST', `/api/panels/${panel.id}/transitions/accept`, {}, 200);
  await lead.page.reload();
  await lead.page.getByRole('tab', { name: 'Members' }).click();
  const members = lead.page.getByRole('tabpanel', { name: 'Members' });
  await members.getByRole('textbox', { name: 'Name or expertise' }).fill('Vries');
  await members.getByRole('button', { name: 'Search' }).click();
  await members.getByRole('checkbox', { name: /Pieter de Vries/ }).check();
  await members.getByRole('button', { name: 'Invite the chosen experts' }).click();
  await expect(members.getByRole('status')).toHaveText('1 expert was invited.');
  const table = members.getByRole('table', { name: 'Members of the panel and their invitations' });
  await expect(table.getByRole('row').filter({ hasText: 'Dr. Pieter de Vries' })).toContainText('Invited');
  const guestEmail = `guest.${Date.now()}@example.org`;
  const guest = members.getByRole('form', { name: 'Invite a guest expert' });
  await guest.getByRole('textbox', { name: 'E-mail address' }).fill(guestEmail);
  await guest.getByRole('textbox', { name: 'Name' }).fill('Dr. Guest Chorea');
  await guest.getByRole('textbox', { name: 'Why this expert' }).fill('Leads the national registry of HD phenocopies.');
  await guest.getByRole('button', { name: 'Invite by e-mail' }).click();
  await expect(members.getByRole('status')).toHaveText('Dr. Guest Chorea is invited; a guest account was requested from the coordinators.');
  await expect(table.getByRole('row').filter({ hasText: 'Dr. Guest Chorea' })).toContainText('Guest account awaiting the coordinators');
  await expectNoSeriousAxeViolations(lead.page, '/panels/$panelId (members)');

  // The invitee declines with a reason; the board opens and says so; the lead reads the reason.
  const member = await personPage(browser, 'hp.noordhaven');
  await member.page.goto(`/panels/${panel.id}`);
  await member.page.getByRole('button', { name: 'Decline' }).click();
  const declining = member.page.getByRole('dialog', { name: 'Decline the invitation' });
  await declining.getByRole('textbox', { name: 'Why you decline' }).fill('On leave until next month.');
  await declining.getByRole('button', { name: 'Decline' }).click();
  await expect(member.page.getByRole('heading', { level: 1, name: 'Panels' })).toBeVisible();
  await expect(member.page.getByRole('status').filter({ hasText: 'You declined the invitation.' })).toBeVisible();
  await lead.page.reload();
  await lead.page.getByRole('tab', { name: 'Members' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'Dr. Pieter de Vries' })).toContainText('Reason: On leave until next month.');

  // A later record version, shared explicitly; the earlier share stays readable.
  const saved = await send<{ version: number }>(lead.page.request, lead, 'PUT', `/api/patients/${heron.id}/record/sections/history`, { expectedVersion: record.version, content: { ...(record.content.history as object), familyHistory: 'Father had a similar gait disorder; paternal aunt with chorea.' } }, 200);
  await lead.page.getByRole('button', { name: 'Share a later record version' }).click();
  const sharing = lead.page.getByRole('dialog', { name: 'Share the record with the panel' });
  await expect(sharing).toContainText(`The record's current version ${saved.version}`);
  await expect(sharing.getByRole('checkbox', { name: 'History' })).toBeChecked();
  await sharing.getByRole('checkbox', { name: 'Phenotypic features' }).check();
  await expectNoSeriousAxeViolations(lead.page, '/panels/$panelId (share dialog)');
  await sharing.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(lead.page.getByRole('status').filter({ hasText: `Record version ${saved.version} was shared with the panel.` })).toBeVisible();
  await lead.page.getByRole('tab', { name: 'Case' }).click();
  const caseView = lead.page.getByRole('tabpanel', { name: 'Case' });
  await expect(caseView).toContainText(`Record version ${saved.version}, shared by Dr. Lena Brandt`);
  await expect(caseView.getByRole('region', { name: 'History' })).toContainText('paternal aunt with chorea');
  await caseView.getByRole('combobox', { name: 'Shared versions' }).click();
  await lead.page.getByRole('option', { name: new RegExp(`^Share 1: version ${record.version} `) }).click();
  await expect(caseView).toContainText('You are looking at an earlier share.');
  await expect(caseView.getByRole('region', { name: 'History' })).not.toContainText('paternal aunt with chorea');
  await expect(caseView.getByRole('region', { name: 'Phenotypic features' })).toHaveCount(0);

  // The coordinator hands the lead to the Noordhaven health professional.
  await coordinator.page.goto(`/panels/${panel.id}`);
  await coordinator.page.getByRole('button', { name: 'Reassign the lead' }).click();
  const reassigning = coordinator.page.getByRole('dialog', { name: 'Reassign the panel lead' });
  await reassigning.getByRole('textbox', { name: 'Name or expertise' }).fill('Vries');
  await reassigning.getByRole('button', { name: 'Search' }).click();
  await reassigning.getByRole('radio', { name: /Pieter de Vries/ }).check();
  await expectNoSeriousAxeViolations(coordinator.page, '/panels/$panelId (reassign lead)');
  await reassigning.getByRole('button', { name: 'Make Dr. Pieter de Vries the lead' }).click();
  await expect(coordinator.page.getByRole('status').filter({ hasText: 'Dr. Pieter de Vries now leads the panel.' })).toBeVisible();
  await expect(coordinator.page.getByLabel('About this panel')).toContainText('Dr. Pieter de Vries');
});
