import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/axe.ts';
import { apiSession, launchMediaBrowser, meetingWith, openCallPanel, signInContext, startCallServer, type CallServer } from './support/call-server.ts';
import { trainingAccount } from './support/training-accounts.ts';
import { expect, test } from './fixtures.ts';

/**
 * A panel's call in real Chromium with fake camera, microphone and screen: three members in separate contexts
 * (the lead from the meeting's agenda item, a member from the panel page, a guest by the call's address) see and
 * hear each other, a screen share reaches the others, a reloaded page is back in the call, a leave is seen; a
 * member of another panel of the same meeting and a non-member are refused.
 */
const lead = trainingAccount('hp.waldstadt'); // Dr. Lena Brandt
const member = trainingAccount('hp.noordhaven'); // Dr. Pieter de Vries
const guest = trainingAccount('guest.valid'); // Dr. Erik Lindqvist
const otherPanelMember = trainingAccount('hp.two-hospitals'); // Dr. Camille Moreau
const nonMember = trainingAccount('coordinator.erknet');

let server: CallServer;
let browser: Browser;
let panelId: string;
let meetingId: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startCallServer();
  browser = await launchMediaBrowser();
  const leadHeaders = await apiSession(server, lead);
  panelId = await openCallPanel(server, leadHeaders, { title: 'Ataxia board, video', lead, members: [member], guests: [guest] });
  const otherPanelId = await openCallPanel(server, leadHeaders, { title: 'Neighbouring panel', lead, members: [otherPanelMember] });
  meetingId = await meetingWith(server, await apiSession(server, trainingAccount('coordinator.rnd')), [panelId, otherPanelId]);
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInPage(account: typeof lead): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url });
  await signInContext(server, context, account);
  return { context, page: await context.newPage() };
}

const framesOf = (video: Locator) => video.evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);

/** The video shows decoded frames, and more keep coming (media flowing, not one stale frame). */
async function expectFramesDecoding(video: Locator): Promise<void> {
  await expect(video).toHaveCount(1, { timeout: 60_000 });
  await expect.poll(() => framesOf(video), { timeout: 60_000 }).toBeGreaterThan(0);
  const seen = await framesOf(video);
  await expect.poll(() => framesOf(video), { timeout: 60_000 }).toBeGreaterThan(seen);
}

const camera = (page: Page, name: string) => page.getByLabel(`Camera of ${name}`, { exact: true });

/** Clicks "Join the call" on the pre-join screen; returns the moment of the click. */
async function clickJoin(page: Page): Promise<number> {
  await expect(page.getByRole('heading', { name: 'Before you join' })).toBeVisible();
  await expect(page.getByLabel('My camera')).toHaveCount(1);
  const at = Date.now();
  await page.getByRole('button', { name: 'Join the call' }).click();
  return at;
}

test('three panel members see each other, share a screen, come back after a reload and see a leave; strangers are refused', async () => {
  test.setTimeout(240_000);
  const leadSide = await signedInPage(lead);
  const memberSide = await signedInPage(member);
  const guestSide = await signedInPage(guest);

  // The lead joins from the meeting's agenda item.
  await leadSide.page.goto(`/meetings/${meetingId}`);
  await leadSide.page.getByRole('article', { name: /Ataxia board, video/ }).getByRole('link', { name: 'Join the panel\'s video call' }).click();
  await expect(leadSide.page.getByRole('heading', { level: 1, name: 'Video call: Ataxia board, video' })).toBeVisible();
  await clickJoin(leadSide.page);
  await expect(leadSide.page.getByText('In the call: only you so far.')).toBeVisible();
  await expectNoSeriousAxeViolations(leadSide.page, 'the call page');

  // The member joins from the panel page.
  await memberSide.page.goto(`/panels/${panelId}`);
  await memberSide.page.getByRole('link', { name: 'Join the panel\'s video call' }).click();
  const memberClicked = await clickJoin(memberSide.page);
  await expectFramesDecoding(camera(memberSide.page, 'Dr. Lena Brandt'));
  console.log(`[video-call] member: join click to first remote frame (1 other participant): ${Date.now() - memberClicked} ms`);

  // The guest joins by the call's address.
  await guestSide.page.goto(`/panels/${panelId}/call`);
  const guestClicked = await clickJoin(guestSide.page);
  await expect.poll(async () => Math.min(await framesOf(camera(guestSide.page, 'Dr. Lena Brandt')).catch(() => 0), await framesOf(camera(guestSide.page, 'Dr. Pieter de Vries')).catch(() => 0)), { timeout: 60_000 }).toBeGreaterThan(0);
  console.log(`[video-call] guest: join click to first frames from both others (2 other participants): ${Date.now() - guestClicked} ms`);

  // Every participant receives the two others' video, with names and roles in the tiles and the list.
  const everyone = [
    { side: leadSide, name: 'Dr. Lena Brandt' },
    { side: memberSide, name: 'Dr. Pieter de Vries' },
    { side: guestSide, name: 'Dr. Erik Lindqvist' },
  ];
  for (const { side, name } of everyone) {
    for (const other of everyone.filter((o) => o.name !== name)) await expectFramesDecoding(camera(side.page, other.name));
    await expect(side.page.getByText('In the call: 3 participants.')).toBeVisible();
  }
  const participants = leadSide.page.getByRole('region', { name: 'Participants', exact: true });
  // (The spec's server clock stands still, so the joins share one instant and their order is not asserted.)
  await expect(participants.getByRole('listitem')).toHaveCount(3);
  for (const entry of ['Me', 'Dr. Pieter de Vries (member)', 'Dr. Erik Lindqvist (guest)']) await expect(participants.getByText(entry, { exact: true })).toHaveCount(1);

  // Mute shows on the others' tiles.
  await memberSide.page.getByRole('button', { name: 'Mute' }).click();
  await expect(leadSide.page.getByRole('region', { name: 'Video of the participants' }).getByText('muted')).toBeVisible();

  // The member shares a screen; the others receive it.
  await memberSide.page.getByRole('button', { name: 'Share my screen' }).click();
  await expect(memberSide.page.getByRole('button', { name: 'Stop sharing' })).toBeVisible();
  for (const side of [leadSide, guestSide]) await expectFramesDecoding(side.page.getByLabel('Screen shared by Dr. Pieter de Vries', { exact: true }));
  await memberSide.page.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(leadSide.page.getByLabel('Screen shared by Dr. Pieter de Vries', { exact: true })).toHaveCount(0);

  // The guest reloads the page: back in the call without the pre-join step, media flowing both ways.
  await guestSide.page.reload();
  await expect(guestSide.page.getByText('In the call: 3 participants.')).toBeVisible();
  await expectFramesDecoding(camera(guestSide.page, 'Dr. Lena Brandt'));
  await expectFramesDecoding(camera(guestSide.page, 'Dr. Pieter de Vries'));
  await expectFramesDecoding(camera(leadSide.page, 'Dr. Erik Lindqvist'));

  // The member leaves; the others see it.
  await memberSide.page.getByRole('button', { name: 'Leave the call' }).click();
  await expect(memberSide.page.getByText('You left the call.')).toBeVisible();
  for (const side of [leadSide, guestSide]) {
    await expect(camera(side.page, 'Dr. Pieter de Vries')).toHaveCount(0);
    await expect(side.page.getByText('In the call: 2 participants.')).toBeVisible();
  }
  await expect(participants.getByRole('listitem')).toHaveText(['Me', 'Dr. Erik Lindqvist (guest)']);

  // A member of another panel of the same meeting, and a non-member, are refused.
  for (const stranger of [otherPanelMember, nonMember]) {
    const side = await signedInPage(stranger);
    await side.page.goto(`/panels/${panelId}/call`);
    await expect(side.page.getByRole('alert')).toContainText('No such panel.');
    await expect(side.page.getByRole('button', { name: 'Join the call' })).toHaveCount(0);
    await side.context.close();
  }

  for (const side of [leadSide, memberSide, guestSide]) await side.context.close();
});
