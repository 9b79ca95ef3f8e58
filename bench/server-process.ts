// The server under test, in a child process of its own (so the load generator does not share its event loop).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import type { Cleanups } from './cleanups.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
const KEPT_OUTPUT_LINES = 40;

export interface ServerProcess {
  baseUrl: string;
  /** Milliseconds from spawn until GET /api/health answered 200. */
  startupMs: number;
  /** Stops the server (SIGTERM, then SIGKILL after 15 s); resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  dataDir: string;
  /** Absent: embedded PGlite in dataDir. */
  databaseUrl?: string;
  /** The child is registered here as soon as it is spawned, so Ctrl-C during start-up stops it too. */
  cleanups: Cleanups;
}

/** Asks the system for a free loopback port. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Starts `cpms serve` and waits until it says it is running and its health check answers 200. */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${String(port)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    CPMS_ENV: 'training',
    CPMS_DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    CPMS_RATE_LIMIT_PER_MINUTE: '100000000',
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;

  const startedAt = performance.now();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/cpms.js'), 'serve'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  // Keep draining both pipes (a full pipe would block the server) and keep the last lines for errors.
  const lines: string[] = [];
  let said = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    said += text;
    lines.push(...text.split('\n').filter((line) => line.trim() !== ''));
    if (lines.length > KEPT_OUTPUT_LINES) lines.splice(0, lines.length - KEPT_OUTPUT_LINES);
    if (said.length > 10_000) said = said.slice(-1_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  // 'close' comes after 'exit' once the output pipes are drained, so error messages have the last lines.
  const state = { closed: false };
  const exited = () => state.closed;
  const exit = new Promise<void>((resolve) => {
    child.once('close', () => {
      state.closed = true;
      resolve();
    });
  });
  const output = () => lines.map((line) => `    | ${line}`).join('\n');

  const stop = options.cleanups.add(`stop the server (pid ${String(child.pid)})`, async () => {
    if (exited()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exit;
    clearTimeout(timer);
  });

  try {
    const deadline = startedAt + READY_TIMEOUT_MS;
    for (;;) {
      if (exited()) {
        throw new Error(`the server exited before it was ready (code ${String(child.exitCode)}, signal ${String(child.signalCode)}):\n${output()}`);
      }
      if (performance.now() > deadline) {
        throw new Error(`the server was not ready within ${String(READY_TIMEOUT_MS / 1000)} s:\n${output()}`);
      }
      if (said.includes('is running') && (await healthy(baseUrl))) break;
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, startupMs: performance.now() - startedAt, stop };
}
