// The k most similar documents of every document at once, kept while pairs are offered, so ranking
// a corpus never builds and sorts every document's full list of similar ones (thousands each at
// ten thousand episodes, for ten kept). Order: similarity descending, then id ascending.

export interface Nearest {
  slot: number;
  similarity: number;
}

export class NearestLists {
  private readonly k: number;
  private readonly slots: Int32Array;
  private readonly similarities: Float64Array;
  private readonly sizes: Int32Array;
  private readonly idOf: (slot: number) => string;

  /** Lists for owners 0 … owners - 1, each of at most `k`; `idOf` breaks ties of similarity. */
  constructor(owners: number, k: number, idOf: (slot: number) => string) {
    this.k = k;
    this.slots = new Int32Array(owners * k);
    this.similarities = new Float64Array(owners * k);
    this.sizes = new Int32Array(owners);
    this.idOf = idOf;
  }

  /** Whether (a, x) ranks before (b, y). */
  private before(a: number, x: number, b: number, y: number): boolean {
    return x > y || (x === y && this.idOf(a) < this.idOf(b));
  }

  /** Puts `slot` in `owner`'s list if it ranks among its k best. */
  offer(owner: number, slot: number, similarity: number): void {
    const k = this.k;
    if (k === 0) return;
    const base = owner * k;
    const size = this.sizes[owner]!;
    const slots = this.slots;
    const similarities = this.similarities;
    if (size === k) {
      const last = base + k - 1;
      if (!this.before(slot, similarity, slots[last]!, similarities[last]!)) return;
    }
    let at = base + Math.min(size, k - 1);
    while (at > base && this.before(slot, similarity, slots[at - 1]!, similarities[at - 1]!)) {
      slots[at] = slots[at - 1]!;
      similarities[at] = similarities[at - 1]!;
      at -= 1;
    }
    slots[at] = slot;
    similarities[at] = similarity;
    if (size < k) this.sizes[owner] = size + 1;
  }

  /** The owner's list, best first. */
  list(owner: number): Nearest[] {
    const base = owner * this.k;
    const list: Nearest[] = [];
    for (let i = 0; i < this.sizes[owner]!; i += 1) {
      list.push({ slot: this.slots[base + i]!, similarity: this.similarities[base + i]! });
    }
    return list;
  }
}
