/**
 * Runs tasks with the same key one after another (and others freely): a group's "start the
 * meeting" and a member's "enter" are read-then-write, and two clicks at once must not make
 * two meetings or two participants. One server process owns a database (docs/operations.md),
 * so an in-memory chain is enough; the database's unique keys remain the last word.
 */
export class SerialByKey {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget the key once nothing is queued behind this task.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
