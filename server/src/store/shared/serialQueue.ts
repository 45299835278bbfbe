// Runs tasks one after another in call order: a task starts once the one before it has settled, so two
// writes never interleave even when one awaits in the middle.
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after everything queued before it; a failed task does not stop the ones after. */
  enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has finished. */
  drained(): Promise<void> {
    return this.#tail.then(() => undefined);
  }
}
