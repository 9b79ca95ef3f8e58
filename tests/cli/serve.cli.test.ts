import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCpms, startServer, tempDir, type RunningServer } from './run-cpms.ts';

const running: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.stop('SIGKILL')));
});

const oidc = { CPMS_OIDC_ISSUER: 'https://login.example.org', CPMS_OIDC_CLIENT_ID: 'cpms', CPMS_OIDC_CLIENT_SECRET: 'secret' };

const expectOneClearLine = (stderr: string, variable: string) => {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toContain(variable);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
};

describe('cpms serve: bad configuration stops start-up with one line naming the variable', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'postgres//nowhere' }, 'DATABASE_URL'],
    [{ CPMS_ENV: 'prod' }, 'CPMS_ENV'],
  ])('%o', (env, variable) => {
    const result = runCpms(['serve'], { CPMS_DATA_DIR: tempDir(), ...env });
    expect(result.status).toBe(1);
    expectOneClearLine(result.stderr, variable);
  });

  it('an unwritable data directory', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, '');
    const result = runCpms(['serve'], { CPMS_DATA_DIR: path.join(file, 'data') });
    expect(result.status).toBe(1);
    expectOneClearLine(result.stderr, 'CPMS_DATA_DIR');
  });

  it('an unreachable PostgreSQL', () => {
    const result = runCpms(['serve'], { CPMS_DATA_DIR: tempDir(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/cpms' });
    expect(result.status).toBe(1);
    expectOneClearLine(result.stderr, 'DATABASE_URL');
  });

  it('production on the embedded database, saying why', () => {
    const result = runCpms(['serve'], {
      CPMS_DATA_DIR: tempDir(),
      CPMS_ENV: 'production',
      CPMS_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
      CPMS_PUBLIC_URL: 'https://cpms.example.org',
      ...oidc,
    });
    expect(result.status).toBe(1);
    expectOneClearLine(result.stderr, 'DATABASE_URL');
    expect(result.stderr).toMatch(/fsync/);
  });

  it('production without master key and public address names them', () => {
    const result = runCpms(['serve'], { CPMS_DATA_DIR: tempDir(), CPMS_ENV: 'production', DATABASE_URL: 'postgres://u@127.0.0.1:1/x' });
    expect(result.status).toBe(1);
    expectOneClearLine(result.stderr, 'CPMS_MASTER_KEY');
    expect(result.stderr).toContain('CPMS_PUBLIC_URL');
  });
});

describe('cpms serve on the embedded database', () => {
  const dataDir = tempDir();

  it('starts, refuses a second process on the same data directory, stops on SIGTERM and finds its data again', async () => {
    const first = await startServer({ CPMS_DATA_DIR: dataDir });
    running.push(first);
    expect(first.output()).toMatch(/running in training mode/);
    const before = (await (await fetch(`${first.url}/api/hospitals`)).json()) as { hospitals: { id: string }[] };
    expect(before.hospitals.length).toBeGreaterThan(0);

    const second = runCpms(['serve'], { CPMS_DATA_DIR: dataDir, PORT: String(freePort()) });
    expect(second.status).toBe(1);
    expectOneClearLine(second.stderr, 'in use by another Open CPMS process');
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200); // the first keeps running

    const stopped = await first.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);

    const restarted = await startServer({ CPMS_DATA_DIR: dataDir });
    running.push(restarted);
    expect(restarted.output()).not.toMatch(/Seeded/);
    const after = (await (await fetch(`${restarted.url}/api/hospitals`)).json()) as { hospitals: { id: string }[] };
    expect(after.hospitals.map((h) => h.id)).toEqual(before.hospitals.map((h) => h.id));
    expect((await restarted.stop('SIGINT')).code).toBe(0);
  });

  it('refuses to start a training database in production mode', () => {
    const result = runCpms(['serve'], {
      CPMS_DATA_DIR: dataDir,
      CPMS_ENV: 'production',
      CPMS_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
      CPMS_PUBLIC_URL: 'https://cpms.example.org',
      CPMS_ALLOW_PGLITE_IN_PRODUCTION: 'true',
      ...oidc,
    });
    expect(result.status).toBe(1);
    expectOneClearLine(result.stderr, 'created as a training database');
  });

  it('reports its migrations with db:status and answers --help', () => {
    const status = runCpms(['db:status'], { CPMS_DATA_DIR: dataDir });
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/Environment: training/);
    expect(status.stdout).toMatch(/0 pending/);
    const help = runCpms(['--help'], {});
    for (const command of ['serve', 'migrate', 'db:status', 'seed', 'backup', 'restore']) expect(help.stdout).toContain(command);
  });
});
