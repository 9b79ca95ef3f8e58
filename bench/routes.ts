// The routes the benchmark measures: one declarative list. Add a hot path as one entry.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate } from 'otplib';

const run = promisify(execFile);

/** One HTTP request, as autocannon repeats it. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is sent as JSON (with its content type). */
  body?: unknown;
  /** Paths to send in turn, one per request, instead of `path` alone: varied input keeps caches from flattering a route. */
  paths?: readonly string[];
}

/** The running server a setup hook may prepare (sign in, create the rows a route reads, ...). */
export interface BenchServer {
  baseUrl: string;
  mode: 'pglite' | 'postgres';
}

/** The database a server is about to start on (empty, not yet migrated or seeded). */
export interface BenchTarget {
  mode: 'pglite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
}

export interface BenchRoute extends BenchRequest {
  /** Short name for the table. */
  name: string;
  /** Concurrent connections for this route instead of BENCH_CONNECTIONS (e.g. 1: the latency one person sees). */
  connections?: number;
  /** The framework ceiling every other route is compared with (exactly one route). */
  ceiling?: boolean;
  /**
   * Runs once per server, before the warm-up. What it returns replaces parts of the request,
   * e.g. `{ headers: { cookie } }` after signing in, or the path of a record it created.
   */
  setup?: (server: BenchServer) => Promise<Partial<BenchRequest>>;
  /** Runs before the server starts, e.g. to load reference data with `cpms`; returns a note for the report. */
  prepare?: (target: BenchTarget) => Promise<string | undefined>;
}

export const routes: readonly BenchRoute[] = [
  { name: 'liveness (ceiling)', method: 'GET', path: '/api/health/live', ceiling: true },
  { name: 'health (SELECT 1)', method: 'GET', path: '/api/health' },
  { name: 'ERNs + disease groups', method: 'GET', path: '/api/erns' },
  { name: 'hospitals (join)', method: 'GET', path: '/api/hospitals' },
  {
    name: 'HPO autocomplete',
    method: 'GET',
    path: hpoSearchPath('seiz'),
    paths: hpoTyping().map(hpoSearchPath),
    prepare: importFullHpo,
    setup: async (server) => ({ headers: await trainingSession(server.baseUrl) }),
  },
  {
    // The same typing by one person at a time: the latency a clinician feels, without the queueing of a saturated server.
    name: 'HPO autocomplete, 1 typist',
    connections: 1,
    method: 'GET',
    path: hpoSearchPath('seiz'),
    paths: hpoTyping().map(hpoSearchPath),
    setup: async (server) => ({ headers: await trainingSession(server.baseUrl) }),
  },
  {
    // What the panel page asks for first: the panel (members, share, deadline), as its lead.
    name: 'panel page: the panel',
    method: 'GET',
    path: '/api/panels/(set up)',
    setup: async (server) => {
      const lead = await trainingSession(server.baseUrl, NOORDHAVEN);
      return { headers: lead, path: `/api/panels/${await seededPanel(server.baseUrl, lead)}` };
    },
  },
  {
    name: 'panel page: the discussion',
    method: 'GET',
    path: '/api/panels/(set up)/messages',
    setup: async (server) => {
      const lead = await trainingSession(server.baseUrl, NOORDHAVEN);
      return { headers: lead, path: `/api/panels/${await seededPanel(server.baseUrl, lead)}/messages` };
    },
  },
  {
    // A write: the message, the audit event, the inbox items and the real-time event, in one transaction.
    name: 'panel: post a message',
    method: 'POST',
    path: '/api/panels/(set up)/messages',
    body: { body: 'Benchmark message: agreed, the smear comes first.', mentions: [], fileIds: [] },
    setup: async (server) => {
      const lead = await trainingSession(server.baseUrl, NOORDHAVEN);
      return { headers: lead, path: `/api/panels/${await seededPanel(server.baseUrl, lead)}/messages` };
    },
  },
];

// --- Panels (the training seed's open panel, README: following a case) ---

const NOORDHAVEN: TrainingAccount = { email: 'hp.noordhaven@training.open-cpms.eu', password: 'Training-Noordhaven-2026', totpSecret: '2LE4Z3ZPY2XCAUCTNNFVAC4O72KSZBBP' };

/** The seeded panel whose discussion is under way, found on its lead's board. */
async function seededPanel(baseUrl: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${baseUrl}/api/panels/board`, { headers });
  if (!response.ok) throw new Error(`panel board answered ${String(response.status)}`);
  const board = (await response.json()) as { mine: { panels: { id: string; title: string }[] }[] };
  const panel = board.mine.flatMap((g) => g.panels).find((p) => p.title === 'Adult-onset involuntary movements with behavioural change');
  if (!panel) throw new Error('the training seed has no open panel to measure (README: following a case)');
  return panel.id;
}

// --- HPO autocomplete (ontology module) ---

/**
 * What people type into the phenotype field, keystroke by keystroke (the web app asks on each one):
 * prefixes of common neurological terms, a few phrases, typos and ids, in a fixed shuffled order.
 */
function hpoTyping(): string[] {
  const words = ['seizure', 'ataxia', 'hypotonia', 'spasticity', 'dystonia', 'tremor', 'nystagmus', 'microcephaly', 'leukodystrophy', 'myoclonus', 'chorea', 'parkinsonism', 'hyperreflexia', 'dysarthria', 'scoliosis', 'neuropathy', 'cerebellar', 'epilepsy', 'abnormal', 'decreased'];
  const phrases = ['intellectual disability', 'global developmental delay', 'cerebellar atrophy', 'optic atrophy', 'hearing impairment', 'gait ataxia', 'spastic paraplegia', 'focal seizure'];
  const typed = [...words, ...phrases].flatMap((text) => [3, 4, 5, 7, text.length].filter((n) => n <= text.length).map((n) => text.slice(0, n)));
  const typos = ['siezure', 'ataxai', 'hypotonai', 'dystnia', 'leukodistrophy', 'nystagmsu', 'spasticty', 'tremmor'];
  const ids = ['HP:0001250', 'HP:0001251', '0002415'];
  const all = [...new Set([...typed, ...typos, ...ids])];
  // A fixed shuffle (no Math.random): the same sequence every run, without typing one word's prefixes in a row.
  return all.map((q, i) => ({ q, k: (i * 7919) % all.length })).sort((a, b) => a.k - b.k).map((x) => x.q);
}

/**
 * Loads the full HPO release with `cpms ontology import` before the server starts (the training seed then
 * leaves it alone); without the shared data, the training subset is measured and the report says so.
 */
async function importFullHpo(target: BenchTarget): Promise<string | undefined> {
  const release = path.resolve(import.meta.dirname, '../../shared/data/hpo/hp.v2026-01-08.json.gz');
  if (!fs.existsSync(release)) return `HPO autocomplete: ${release} not found, so measured on the training subset (70 terms), not the full HPO`;
  const env: NodeJS.ProcessEnv = { ...process.env, CPMS_ENV: 'training', CPMS_DATA_DIR: target.dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (target.databaseUrl !== undefined) env.DATABASE_URL = target.databaseUrl;
  const cli = path.resolve(import.meta.dirname, '../bin/cpms.js');
  const { stdout } = await run(process.execPath, [cli, 'ontology', 'import', 'hpo', release], { env });
  return `HPO autocomplete (${target.mode}): ${stdout.split('\n')[0] ?? ''}`;
}

/** The autocomplete request for what a person has typed so far. */
function hpoSearchPath(typed: string): string {
  return `/api/ontology/hpo/search?q=${encodeURIComponent(typed)}&limit=10`;
}

/**
 * Signs in as a training health professional (README: training accounts), password then the current
 * authenticator code, and returns the session cookie and CSRF token the routes need.
 */
interface TrainingAccount {
  email: string;
  password: string;
  totpSecret: string;
}

const WALDSTADT: TrainingAccount = { email: 'hp.waldstadt@training.open-cpms.eu', password: 'Training-Waldstadt-2026', totpSecret: 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD' };

/** One session per server and account: an authenticator code is accepted once, so routes measured within one 30 s step share it. */
const sessions = new Map<string, Promise<Record<string, string>>>();
function trainingSession(baseUrl: string, account: TrainingAccount = WALDSTADT): Promise<Record<string, string>> {
  const key = `${baseUrl} ${account.email}`;
  let session = sessions.get(key);
  if (!session) {
    session = signInForBench(baseUrl, account);
    sessions.set(key, session);
  }
  return session;
}

async function signInForBench(baseUrl: string, account: TrainingAccount): Promise<Record<string, string>> {
  const json = { 'content-type': 'application/json' };
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (!signIn.ok) throw new Error(`training sign-in answered ${String(signIn.status)}: ${await signIn.text()}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const code = await generate({ secret: account.totpSecret });
  const secondFactor = await fetch(`${baseUrl}/api/auth/second-factor`, {
    method: 'POST',
    headers: { ...json, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ code }),
  });
  if (!secondFactor.ok) throw new Error(`training second factor answered ${String(secondFactor.status)}: ${await secondFactor.text()}`);
  return { cookie, 'x-csrf-token': csrfToken };
}
