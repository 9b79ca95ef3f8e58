import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config/config.ts';

/** Creates the data directory (with parents) and proves it writable, or names CPMS_DATA_DIR in the error. */
export function prepareDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const probe = path.join(dataDir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError('CPMS_DATA_DIR', `cannot be created or written: ${dataDir} (${code}).`);
  }
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, owner: LockOwner) {
    super(
      `The data directory ${dataDir} is in use by another Open CPMS process (pid ${owner.pid}, started ${owner.startedAt}). ` +
        'Stop that process first, or set CPMS_DATA_DIR to another directory.',
    );
    this.name = 'DataDirInUseError';
  }
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
  } catch {
    return undefined; // vanished or half-written: treated as stale below
  }
}

const isStale = (owner: LockOwner | undefined): boolean =>
  owner === undefined || owner.host !== os.hostname() || owner.pid === process.pid || !isAlive(owner.pid);

/**
 * Takes the data directory for this process alone. The embedded database would silently lose writes
 * if two processes opened it, so a second opener is refused at once. A lock left behind by a crashed
 * process (its pid is gone) is taken over; a takeover directory makes the takeover itself atomic.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, 'cpms.lock');
  const takeoverPath = `${lockPath}.takeover`;
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };

  const tryCreate = (): boolean => {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  };

  if (!tryCreate()) {
    const owner = readOwner(lockPath);
    if (!isStale(owner)) throw new DataDirInUseError(dataDir, owner!);
    try {
      fs.mkdirSync(takeoverPath);
    } catch {
      throw new DataDirInUseError(dataDir, owner ?? { pid: 0, host: '?', startedAt: 'just now' });
    }
    try {
      if (isStale(readOwner(lockPath))) fs.rmSync(lockPath, { force: true });
      if (!tryCreate()) throw new DataDirInUseError(dataDir, readOwner(lockPath) ?? me);
    } finally {
      fs.rmdirSync(takeoverPath);
    }
  }

  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const owner = readOwner(lockPath);
      if (owner?.pid === me.pid && owner.startedAt === me.startedAt) fs.rmSync(lockPath, { force: true });
    },
  };
}
