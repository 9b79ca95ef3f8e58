import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, type Config } from '../config/config.ts';
import { connect } from '../db/connect.ts';
import { recordAudit } from '../modules/audit/record-audit.ts';
import { ManualClock } from '../platform/clock.ts';
import { createScratchDatabase, type ScratchDatabase } from '../testing/scratch-postgres.ts';
import { testDatabaseKind } from '../testing/test-database.ts';
import { auditCheckpointCommand, auditVerifyCommand } from './audit-commands.ts';
import { CommandError } from './fail.ts';

// The commands check every partition, so they get a database of their own: a fresh data directory
// (PGlite) or a scratch database (PostgreSQL), never the shared test database other tests tamper with.
let config: Config;
let scratch: ScratchDatabase | undefined;
const partition = `test:${randomUUID()}`;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-audit-cli-'));
  if (testDatabaseKind() === 'postgres') scratch = await createScratchDatabase();
  config = loadConfig({ CPMS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(scratch ? { DATABASE_URL: scratch.url } : {}) });
  const connection = await connect(config, { migrate: true });
  try {
    const clock = new ManualClock();
    for (let i = 0; i < 4; i += 1) {
      await connection.database.db.transaction((tx) => recordAudit(tx, clock, { partition, actorId: randomUUID(), action: 'settings.updated', targetType: 'settings' }));
    }
  } finally {
    await connection.close();
  }
});
afterAll(async () => {
  await scratch?.drop();
  if (config) fs.rmSync(config.dataDir, { recursive: true, force: true });
});

async function output(command: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
  try {
    await command();
  } finally {
    write.mockRestore();
  }
  return lines.join('');
}

async function tamper(sql: string): Promise<void> {
  const connection = await connect(config, { migrate: false });
  try {
    await connection.database.query(sql, [partition]);
  } finally {
    await connection.close();
  }
}

describe('cpms audit:checkpoint and audit:verify', () => {
  it('checkpoints the chain heads, then verifies every chain against them', async () => {
    expect(await output(() => auditVerifyCommand(config))).toContain('Checkpoints: none yet');
    expect(await output(() => auditCheckpointCommand(config))).toMatch(/Checkpointed 1 audit chain heads/);
    const text = await output(() => auditVerifyCommand(config));
    expect(text).toContain(`ok      ${partition}: 4 events, checkpointed to seq 4`);
    expect(text).toContain('Checkpoints: 1 valid');
    expect(text).toContain('All 1 audit chains verify (4 events).');
  });

  it('exits naming the first broken link when the tail was dropped below a checkpoint', async () => {
    await tamper('delete from audit_events where partition = $1 and seq = 4');
    await tamper(`update audit_chain_heads h set seq = 3, hash = e.hash from audit_events e where h.partition = $1 and e.partition = $1 and e.seq = 3`);
    let failure: unknown;
    const text = await output(() => auditVerifyCommand(config).catch((error: unknown) => void (failure = error)));
    expect(text).toContain(`BROKEN  ${partition} at seq 4`);
    expect(failure).toBeInstanceOf(CommandError);
    expect((failure as Error).message).toContain(`first broken link: partition ${partition}, seq 4`);
  });
});
