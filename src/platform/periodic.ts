import type { Logger } from 'pino';

export interface PeriodicJob {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `run` now and every `intervalMs` (never two runs at once), logging what it did or why it failed — the
 * reminders (overdue panels, coming meetings) are idempotent, so every node may run them.
 */
export function startPeriodic(options: { name: string; intervalMs: number; logger: Pick<Logger, 'info' | 'error'>; run: () => Promise<number> }): PeriodicJob {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= options
      .run()
      .then((done) => {
        if (done > 0) options.logger.info({ done }, `${options.name}: done`);
      })
      .catch((error: unknown) => options.logger.error({ err: error }, `${options.name}: failed`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  void tick();
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
