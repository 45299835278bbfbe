// Papers a read has just found without metadata. The API reads a paper, then (a round later, in the
// same request) its metadata when the paper has no title of its own; a paper papersByIds found
// unenriched a moment ago is answered "none" without that second round trip. The answer is as of
// that read: a save by this store forgets everything at once (and what reads begun before it find),
// and one by another process is seen after at most `windowMs`, as if the metadata read had gone out
// with the paper read.
export class RecentlyUnenriched {
  readonly #windowMs: number;
  readonly #now: () => number;
  /** Paper id → when a read found it without metadata, oldest first. */
  readonly #seen = new Map<string, number>();
  /** Moves with every save: a read begun before one notes nothing. */
  #generation = 0;

  constructor(windowMs: number, now: () => number = () => performance.now()) {
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** To pass to note(): taken before the read goes out. */
  get generation(): number {
    return this.#generation;
  }

  /** A read begun at `generation` found these papers without metadata just now. */
  note(paperIds: Iterable<string>, generation: number): void {
    if (generation !== this.#generation) return;
    const now = this.#now();
    this.#dropBefore(now - this.#windowMs);
    for (const id of paperIds) {
      // Re-inserted, so the map stays in time order.
      this.#seen.delete(id);
      this.#seen.set(id, now);
    }
  }

  /** Whether every one of these papers was found without metadata within the window. */
  covers(paperIds: readonly string[]): boolean {
    const since = this.#now() - this.#windowMs;
    return paperIds.every((id) => (this.#seen.get(id) ?? -Infinity) >= since);
  }

  /** Metadata was saved: nothing noted holds any more. */
  forget(): void {
    this.#generation += 1;
    this.#seen.clear();
  }

  #dropBefore(time: number): void {
    for (const [id, seenAt] of this.#seen) {
      if (seenAt >= time) return;
      this.#seen.delete(id);
    }
  }
}
