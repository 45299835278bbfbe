// At most a few requests at a time to any one host: a feed of hundreds of items often keeps every
// transcript and chapters file on one media host, which should not see hundreds of requests at once.
export class HostLimit {
  readonly #perHost: number;
  readonly #running = new Map<string, number>();
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(perHost: number) {
    if (!Number.isInteger(perHost) || perHost < 1)
      throw new RangeError(`perHost must be a positive integer, not ${perHost}`);
    this.#perHost = perHost;
  }

  /** Runs `task` once fewer than `perHost` tasks for `url`'s host are running. */
  async run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    await this.#slot(host);
    try {
      return await task();
    } finally {
      this.#release(host);
    }
  }

  #slot(host: string): Promise<void> {
    const running = this.#running.get(host) ?? 0;
    if (running < this.#perHost) {
      this.#running.set(host, running + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.#waiting.get(host) ?? [];
      queue.push(resolve);
      this.#waiting.set(host, queue);
    });
  }

  /** Hands the slot to the next waiting task, else frees it. */
  #release(host: string): void {
    const next = this.#waiting.get(host)?.shift();
    if (next) {
      next();
      return;
    }
    this.#waiting.delete(host);
    const running = (this.#running.get(host) ?? 1) - 1;
    if (running === 0) this.#running.delete(host);
    else this.#running.set(host, running);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
