// At most one request per interval, across every caller of one spacer (arXiv asks for one every 3 s).
// Hand-written: a promise chain is all it takes, no rate-limit library keeps this single rule simpler.
export class RequestSpacer {
  readonly #intervalMs: number;
  #next = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  /** Resolves when the caller may send its request; callers go in order. */
  turn(): Promise<void> {
    const mine = this.#queue.then(async () => {
      const wait = this.#next - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.#next = Date.now() + this.#intervalMs;
    });
    this.#queue = mine;
    return mine;
  }
}
