import type { Config } from './config/config.ts';
import type { Database, Db } from './db/database.ts';
import type { Clock } from './platform/clock.ts';

/** What route plugins and use cases are given; nothing reaches for globals. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
}
