import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config.ts';
import { acquireDataDirLock, DataDirInUseError, prepareDataDir } from './data-dir.ts';

const folders: string[] = [];
const tempDir = () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpms-lock-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('data directory', () => {
  it('creates missing parent folders', () => {
    const target = path.join(tempDir(), 'a', 'b', 'c');
    prepareDataDir(target);
    expect(fs.statSync(target).isDirectory()).toBe(true);
  });

  it('names CPMS_DATA_DIR when the folder cannot be created', () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, '');
    expect(() => prepareDataDir(path.join(file, 'data'))).toThrow(ConfigError);
    expect(() => prepareDataDir(path.join(file, 'data'))).toThrow(/^CPMS_DATA_DIR cannot be created or written/);
  });

  it('refuses a second holder while the first holds the lock, and frees it on release', () => {
    const dir = tempDir();
    const first = acquireDataDirLock(dir);
    // another live process holds it: simulate with the parent of this process (alive, not us)
    fs.writeFileSync(path.join(dir, 'cpms.lock'), JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: 'earlier' }));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
    fs.rmSync(path.join(dir, 'cpms.lock'));
    first.release();
    const again = acquireDataDirLock(dir);
    again.release();
    expect(fs.existsSync(path.join(dir, 'cpms.lock'))).toBe(false);
  });

  it('takes over a lock left behind by a process that no longer exists', () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(dir, 'cpms.lock'), JSON.stringify({ pid: Number(gone), host: os.hostname(), startedAt: 'yesterday' }));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'cpms.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });
});
