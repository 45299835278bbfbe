// At most a few requests at a time to any one host: a feed of hundreds of items often keeps every
// transcript and chapters file on one media host, which should not see hundreds of requests at once.
import pLimit, { type LimitFunction } from 'p-limit';

export class HostLimit {
  readonly #perHost: number;
  readonly #limits = new Map<string, LimitFunction>();

  constructor(perHost: number) {
    this.#perHost = perHost;
  }

  /** Runs `task` once fewer than `perHost` tasks for `url`'s host are running. */
  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    let limit = this.#limits.get(host);
    if (limit === undefined) {
      limit = pLimit(this.#perHost);
      this.#limits.set(host, limit);
    }
    return limit(task);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
