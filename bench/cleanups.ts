// Things to undo (stop a server, drop a database, remove a folder), run even on error or Ctrl-C.

interface Task {
  label: string;
  run: () => Promise<void>;
}

export class Cleanups {
  private readonly tasks: Task[] = [];

  /** Registers a cleanup; the returned function runs it now (once) and unregisters it. */
  add(label: string, run: () => Promise<void>): () => Promise<void> {
    const task: Task = { label, run };
    this.tasks.push(task);
    return async () => {
      const index = this.tasks.indexOf(task);
      if (index === -1) return;
      this.tasks.splice(index, 1);
      await task.run();
    };
  }

  /** Runs every remaining cleanup, newest first; a failing one is reported and does not stop the rest. */
  async runAll(): Promise<void> {
    for (let task = this.tasks.pop(); task !== undefined; task = this.tasks.pop()) {
      try {
        await task.run();
      } catch (error) {
        process.stderr.write(`bench: cleanup "${task.label}" failed: ${(error as Error).message}\n`);
      }
    }
  }
}
