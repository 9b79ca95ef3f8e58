import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { Browser, Page } from '@playwright/test';
import { apiSession, launchMediaBrowser, openCallPanel, signInContext, startCallServer, type CallServer } from './support/call-server.ts';
import { freePort } from './support/oidc-app-server.ts';
import { trainingAccount } from './support/training-accounts.ts';
import { expect, test } from './fixtures.ts';

/**
 * The TURN path with coturn on loopback (DESIGN.md's command line): two members in a call with
 * iceTransportPolicy 'relay' — media can only flow through the relay — receive each other's video; the
 * credentials are the server's short-lived TURN REST ones (an expired one is refused by coturn); the setup check
 * reports the relay reachable over UDP and TCP, and unreachable once coturn is stopped.
 * Skipped where coturn is not installed (CI installs it: see .ci/run).
 */
const turnserver = ['/usr/bin/turnserver', '/usr/sbin/turnserver'].find((p) => fs.existsSync(p));
test.skip(!turnserver && !process.env.CI, 'coturn is not installed (apt-get install -y coturn)');

const lead = trainingAccount('hp.waldstadt');
const member = trainingAccount('hp.noordhaven');
const secret = randomBytes(24).toString('base64');
let port: number;
let coturn: ChildProcess | undefined;
let server: CallServer;
let browser: Browser;
let panelId: string;

async function listening(at: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(at, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function startCoturn(): Promise<ChildProcess> {
  const child = spawn(turnserver!, ['-n', '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${port}`, '--use-auth-secret', `--static-auth-secret=${secret}`, '--realm=cpms-test', '--no-tls', '--no-dtls', '--allow-loopback-peers', '--no-cli', '--log-file=stdout', '--simple-log'], { stdio: 'ignore' });
  await expect.poll(() => listening(port), { timeout: 15_000, message: 'coturn listens' }).toBe(true);
  return child;
}

async function stopCoturn(): Promise<void> {
  const child = coturn;
  coturn = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  port = await freePort();
  coturn = await startCoturn();
  server = await startCallServer({ CPMS_TURN_URLS: `turn:127.0.0.1:${port}?transport=udp,turn:127.0.0.1:${port}?transport=tcp`, CPMS_TURN_SECRET: secret, CPMS_TURN_TTL_SECONDS: '600' });
  browser = await launchMediaBrowser();
  panelId = await openCallPanel(server, await apiSession(server, lead), { title: 'Relay board', lead, members: [member] });
});
test.afterAll(async () => {
  await browser?.close();
  await server?.close();
  await stopCoturn();
});

/** A signed-in page whose calls use the relay only. */
async function relayPage(account: typeof lead): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  await signInContext(server, context, account);
  await context.addInitScript(() => window.sessionStorage.setItem('cpms.iceTransportPolicy', 'relay'));
  return context.newPage();
}

const framesOf = (page: Page, name: string) => page.getByLabel(`Camera of ${name}`, { exact: true }).evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);

test('media flows through coturn with the short-lived credentials; the setup check sees the relay, then sees it gone', async () => {
  test.setTimeout(180_000);
  const leadPage = await relayPage(lead);
  const memberPage = await relayPage(member);
  for (const page of [leadPage, memberPage]) {
    await page.goto(`/panels/${panelId}/call`);
    await page.getByRole('button', { name: 'Join the call' }).click();
  }
  await expect.poll(() => framesOf(leadPage, 'Dr. Pieter de Vries').catch(() => 0), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => framesOf(memberPage, 'Dr. Lena Brandt').catch(() => 0), { timeout: 30_000 }).toBeGreaterThan(0);

  // The credentials are the TURN REST ones: coturn grants an allocation to the server-issued username, and
  // refuses the same scheme once the expiry in the username has passed.
  const tryCredentials = (username: string) =>
    leadPage.evaluate(
      async ({ uri, username, credential }) => {
        const pc = new RTCPeerConnection({ iceServers: [{ urls: uri, username, credential }], iceTransportPolicy: 'relay' });
        const relayed = new Promise<boolean>((resolve) => {
          pc.addEventListener('icecandidate', (e) => e.candidate && resolve(true));
          pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve(false));
        });
        pc.createDataChannel('probe');
        await pc.setLocalDescription();
        const result = await relayed;
        pc.close();
        return result;
      },
      { uri: `turn:127.0.0.1:${port}?transport=udp`, username, credential: createHmac('sha1', secret).update(username).digest('base64') },
    );
  const issued = (await (await leadPage.request.get('/api/calls/ice-servers')).json()) as { iceServers: { username?: string }[] };
  expect(await tryCredentials(issued.iceServers.find((s) => s.username)!.username!)).toBe(true);
  expect(await tryCredentials(`${Math.floor(Date.now() / 1000) - 60}:expired`)).toBe(false);

  // The setup check: the relay reachable over UDP and TCP (this installation offers no TLS path), then not.
  await memberPage.getByRole('button', { name: 'Leave the call' }).click();
  await memberPage.goto('/calls/setup-check');
  await memberPage.getByRole('button', { name: 'Test the network' }).click();
  const results = memberPage.getByRole('table', { name: 'Network' });
  await expect(results.getByRole('row', { name: /over UDP/ })).toContainText('Reachable', { timeout: 20_000 });
  await expect(results.getByRole('row', { name: /over TCP/ })).toContainText('Reachable');
  await expect(results.getByRole('row', { name: /over TLS/ })).toContainText('Not offered by this installation');
  await expect(memberPage.getByRole('status').filter({ hasText: 'Ready: your setup works for video calls.' })).toBeVisible();

  await stopCoturn();
  await memberPage.getByRole('button', { name: 'Test the network again' }).click();
  await expect(results.getByRole('row', { name: /over UDP/ })).toContainText('Not reachable', { timeout: 20_000 });
  await expect(results.getByRole('row', { name: /over TCP/ })).toContainText('Not reachable');
  await expect(memberPage.getByRole('status').filter({ hasText: 'Not ready yet' })).toContainText('The video relay cannot be reached from your network.');
});
