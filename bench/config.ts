// The benchmark's settings, from BENCH_* environment variables.

export type DatabaseMode = 'pglite' | 'postgres';

export interface BenchConfig {
  /** Seconds of measured load per route. */
  durationSeconds: number;
  /** Seconds of unmeasured load per route first (JIT, pools, caches). */
  warmupSeconds: number;
  connections: number;
  modes: DatabaseMode[];
  /** Where the throwaway PostgreSQL database is created and dropped. */
  postgresAdminUrl: string;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new Error(`${name} must be a whole number of at least ${String(min)} (got ${JSON.stringify(raw)}).`);
  }
  return Number(raw);
}

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const only = env.BENCH_ONLY?.trim() ?? '';
  if (only !== '' && only !== 'pglite' && only !== 'postgres') {
    throw new Error(`BENCH_ONLY must be "pglite" or "postgres" (got ${JSON.stringify(only)}).`);
  }
  return {
    durationSeconds: wholeNumber(env, 'BENCH_DURATION', 8, 1),
    warmupSeconds: wholeNumber(env, 'BENCH_WARMUP', 1, 0),
    connections: wholeNumber(env, 'BENCH_CONNECTIONS', 10, 1),
    modes: only === '' ? ['pglite', 'postgres'] : [only],
    postgresAdminUrl: env.BENCH_DATABASE_URL?.trim() || DEFAULT_ADMIN_URL,
  };
}
