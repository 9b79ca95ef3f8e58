import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../platform/paths.ts';
import { readJournal } from './migrate.ts';

describe('migration journal', () => {
  const entries = readJournal();

  it('has strictly increasing timestamps (Drizzle skips a migration older than the newest applied)', () => {
    for (let i = 1; i < entries.length; i++) {
      expect(entries[i]!.when, entries[i]!.tag).toBeGreaterThan(entries[i - 1]!.when);
    }
  });

  it('lists every SQL file exactly once, in order', () => {
    const files = fs.readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
    expect(entries.map((e) => `${e.tag}.sql`)).toEqual(files);
    expect(entries.map((e) => e.idx)).toEqual(entries.map((_, i) => i));
  });

  // (UNIQUE NULLS NOT DISTINCT is PostgreSQL 15 and fine; MERGE ... RETURNING and JSON_TABLE are 17, uuidv7() is 18.)
  it('uses no syntax PostgreSQL 15 lacks', () => {
    for (const file of fs.readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'))) {
      const text = fs.readFileSync(path.join(migrationsFolder, file), 'utf8');
      expect(text, file).not.toMatch(/uuidv7\(|MERGE INTO .* RETURNING|\bJSON_TABLE\b/i);
    }
  });
});
