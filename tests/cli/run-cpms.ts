import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/cpms.js', import.meta.url));

/** The environment a command gets: only what the test sets, never the developer's own configuration. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn' };
  return { ...base, ...env };
}

export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCpms(args: string[], env: Record<string, string>): Finished {
  const result = spawnSync(process.execPath, [bin, ...args], { env: cleanEnv(env), encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'cpms-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

let nextPort = 19_100 + (process.pid % 500) * 2;
export const freePort = () => nextPort++;

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Sends the signal and resolves with the exit code and how long stopping took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Starts `cpms serve` and resolves once it says it is running (or rejects with what it printed). */
export function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = env.PORT ?? String(freePort());
  const child = spawn(process.execPath, [bin, 'serve'], { env: cleanEnv({ ...env, PORT: port }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running')) {
        resolve({
          url: `http://127.0.0.1:${port}`,
          child,
          output: () => output,
          async stop(signal = 'SIGTERM') {
            const started = performance.now();
            child.kill(signal);
            const code = await exited;
            return { code, ms: performance.now() - started };
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`cpms serve exited with ${code} before running:\n${output}`)));
  });
}
