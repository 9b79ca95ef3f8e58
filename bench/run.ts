// `npm run bench`: throughput and latency of the hot routes, per database, against the framework ceiling.
// Prints figures and ratios; it asserts no timings. Exits non-zero when a route answered non-2xx or
// failed, because then the figures mean nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Cleanups } from './cleanups.ts';
import { loadBenchConfig } from './config.ts';
import type { BenchConfig, DatabaseMode } from './config.ts';
import { applyLoad, checkOnce, stopLoad } from './load.ts';
import { probePostgres, throwawayDatabase } from './postgres-database.ts';
import { routes } from './routes.ts';
import type { BenchRequest } from './routes.ts';
import { startServer } from './server-process.ts';
import { formatTable } from './table.ts';
import type { TableRow } from './table.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);

const cleanups = new Cleanups();

let interrupted = false;
const wasInterrupted = () => interrupted;
function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) process.exit(130); // a second Ctrl-C: do not wait
  interrupted = true;
  progress(`bench: ${signal}: stopping the server and dropping the throwaway database...`);
  stopLoad();
  void cleanups.runAll().finally(() => process.exit(130));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

/** Starts one server on `mode`, measures every route against it, and removes everything it made. */
async function benchMode(mode: DatabaseMode, config: BenchConfig, notes: string[]): Promise<TableRow[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `cpms-bench-${mode}-`));
  const removeDataDir = cleanups.add(`remove ${dataDir}`, () => rm(dataDir, { recursive: true, force: true }));
  let dropDatabase: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (mode === 'postgres') {
    const database = throwawayDatabase(config.postgresAdminUrl);
    dropDatabase = cleanups.add(`drop database ${database.name}`, () => database.drop());
    await database.create();
    databaseUrl = database.url;
    progress(`[${mode}] created database ${database.name}`);
  }
  try {
    for (const route of routes) {
      const note = await route.prepare?.({ mode, dataDir, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
      if (note !== undefined) {
        notes.push(note);
        progress(`[${mode}] ${note}`);
      }
    }
    const server = await startServer({ dataDir, cleanups, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
    progress(`[${mode}] server ready in ${(server.startupMs / 1000).toFixed(1)} s (fresh database: migrate + seed)`);
    try {
      return await measureRoutes(mode, server.baseUrl, config);
    } finally {
      await server.stop();
    }
  } finally {
    await dropDatabase?.();
    await removeDataDir();
  }
}

async function measureRoutes(mode: DatabaseMode, baseUrl: string, config: BenchConfig): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  let ceilingRps: number | undefined;
  for (const route of routes) {
    const declared: BenchRequest = { method: route.method, path: route.path, headers: route.headers, body: route.body, paths: route.paths };
    const request: BenchRequest = { ...declared, ...(route.setup === undefined ? {} : await route.setup({ baseUrl, mode })) };
    const row: TableRow = { mode, route: route.name, request: `${request.method} ${request.path}` };
    rows.push(row);
    const problem = await checkOnce(baseUrl, request);
    if (problem !== undefined) {
      row.failure = problem;
      progress(`[${mode}] ${row.request}: ${problem}`);
      continue;
    }
    const load = { connections: route.connections ?? config.connections };
    if (config.warmupSeconds > 0) await applyLoad(baseUrl, request, { ...load, durationSeconds: config.warmupSeconds });
    const result = await applyLoad(baseUrl, request, { ...load, durationSeconds: config.durationSeconds });
    Object.assign(row, {
      requestsPerSecond: result.requestsPerSecond,
      p50Ms: result.p50Ms,
      p99Ms: result.p99Ms,
      serverP50Ms: result.serverP50Ms,
      serverP99Ms: result.serverP99Ms,
      non2xx: result.non2xx,
      errors: result.errors,
    });
    if (result.non2xx > 0 || result.errors > 0) {
      const codes = Object.entries(result.statusCodes).map(([code, count]) => `${code}: ${String(count)}`).join(', ');
      row.failure = `${String(result.non2xx)} non-2xx and ${String(result.errors)} errors of ${String(result.requests)} requests (status codes ${codes})`;
    }
    if (route.ceiling === true && row.failure === undefined) ceilingRps = result.requestsPerSecond;
    progress(`[${mode}] ${row.request}: ${result.requestsPerSecond.toFixed(0)} req/s`);
  }
  for (const row of rows) {
    if (ceilingRps !== undefined && row.requestsPerSecond !== undefined) row.ratioToCeiling = row.requestsPerSecond / ceilingRps;
  }
  return rows;
}

function describeMachine(postgresVersion: string | undefined, config: BenchConfig): string[] {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const load = os.loadavg()[0] ?? 0;
  const busy = load > cpus.length / 2 ? ' (other work is running: the figures are noisy)' : '';
  return [
    `Open CPMS benchmark, ${new Date().toISOString()}`,
    `machine: ${String(cpus.length)} cores (${model}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.arch()}; node ${process.version}`,
    `load average at start: ${load.toFixed(2)}${busy}`,
    ...(postgresVersion === undefined ? [] : [`database: ${postgresVersion} on ${new URL(config.postgresAdminUrl).host}`]),
    `load: autocannon on loopback, ${String(config.connections)} connections, ${String(config.warmupSeconds)} s warm-up + ${String(config.durationSeconds)} s per route;` +
      ' the server runs in its own process, sharing the cores with the load generator',
  ];
}

async function main(): Promise<number> {
  const config = loadBenchConfig();
  if (routes.filter((route) => route.ceiling === true).length !== 1) {
    throw new Error('bench/routes.ts must mark exactly one route as the ceiling');
  }
  const notes: string[] = [];
  const modes: DatabaseMode[] = [];
  let postgresVersion: string | undefined;
  for (const mode of config.modes) {
    if (mode === 'pglite') {
      modes.push(mode);
      continue;
    }
    const probe = await probePostgres(config.postgresAdminUrl);
    if ('version' in probe) {
      postgresVersion = probe.version;
      modes.push(mode);
    } else if (config.modes.length === 1) {
      throw new Error(`BENCH_ONLY=postgres, but no PostgreSQL answers at ${new URL(config.postgresAdminUrl).host}: ${probe.unreachable}`);
    } else {
      notes.push(`postgres: skipped: no PostgreSQL at ${new URL(config.postgresAdminUrl).host} (${probe.unreachable}); set BENCH_DATABASE_URL to use another`);
    }
  }

  const header = describeMachine(postgresVersion, config);
  const seconds = modes.length * routes.length * (config.warmupSeconds + config.durationSeconds) + modes.length * 6;
  progress(`bench: ${modes.join(' and ')}, ${String(routes.length)} routes each; about ${String(seconds)} s`);
  const rows: TableRow[] = [];
  for (const mode of modes) rows.push(...(await benchMode(mode, config, notes)));

  say('');
  for (const line of header) say(line);
  say('');
  say(formatTable(rows));
  say('');
  say('vs ceiling = requests/s divided by the requests/s of GET /api/health/live (no database) in the same mode and run.');
  say('server p50/p99 = the time the server itself reports (Server-Timing), for routes that send it; the other columns are as the client saw it.');
  for (const note of notes) say(note);

  const failed = rows.filter((row) => row.failure !== undefined);
  if (failed.length === 0) return 0;
  process.stderr.write('\nbench: FAILED: these figures are meaningless until every route answers 2xx without errors:\n');
  for (const row of failed) process.stderr.write(`  [${row.mode}] ${row.request}: ${row.failure ?? ''}\n`);
  return 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  if (!wasInterrupted()) process.stderr.write(`bench: ${(error as Error).message}\n`);
} finally {
  await cleanups.runAll();
}
process.exit(exitCode);
