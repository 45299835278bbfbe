// Runs tasks one after another in call order, so two imports never interleave even if a write path
// ever awaits in the middle.
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has finished. */
  drained(): Promise<void> {
    return this.#tail.then(() => undefined);
  }
}
