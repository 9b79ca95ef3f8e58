import { ConfigError } from '../config/config.ts';
import { EnvironmentMismatchError } from '../modules/system/installation.ts';
import { DataDirInUseError } from '../platform/data-dir.ts';

/** Errors a person can fix: printed as one line, no stack trace. */
const expected = [ConfigError, DataDirInUseError, EnvironmentMismatchError];

export class CommandError extends Error {
  override name = 'CommandError';
}

/** Runs a command; a known problem ends it with one clear line and exit code 1. */
export async function runCommand(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof CommandError || expected.some((kind) => error instanceof kind)) {
      const prefix = error instanceof ConfigError ? 'Configuration error: ' : '';
      process.stderr.write(`cpms: ${prefix}${(error as Error).message}\n`);
    } else {
      process.stderr.write(`cpms: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
      if (process.env.CPMS_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    }
    process.exit(1);
  }
}
