// A text index's posting lists in two flat arrays (document slots and weights), each term owning a
// segment of them: no object or JS array per term, so a corpus' postings are two allocations the
// garbage collector does not walk. A build lays the lists out end to end at their exact lengths;
// a term an update adds to beyond its room moves to the end with twice the room (its old segment is
// left unused until the next build lays them out again).

export class Postings {
  /** Per term: where its segment starts, how many postings it holds, how many it has room for. */
  readonly start: Int32Array;
  readonly length: Int32Array;
  private readonly room: Int32Array;
  /** The postings: document slots and the term's weight there, segment by segment. */
  slots: Int32Array;
  weights: Float64Array;
  /** Where the next moved segment goes. */
  private end: number;

  private constructor(terms: number, total: number) {
    this.start = new Int32Array(terms);
    this.length = new Int32Array(terms);
    this.room = new Int32Array(terms);
    this.slots = new Int32Array(total);
    this.weights = new Float64Array(total);
    this.end = total;
  }

  /** Room for `lengths[term]` postings per term, none held yet. */
  static laidOut(lengths: Int32Array): Postings {
    let total = 0;
    for (let term = 0; term < lengths.length; term += 1) total += lengths[term]!;
    const postings = new Postings(lengths.length, total);
    let at = 0;
    for (let term = 0; term < lengths.length; term += 1) {
      postings.start[term] = at;
      postings.room[term] = lengths[term]!;
      at += lengths[term]!;
    }
    return postings;
  }

  /** How many terms it has lists for: terms numbered later have none. */
  get terms(): number {
    return this.start.length;
  }

  /** Appends a posting to the term's list (the term must be below `terms`). */
  add(term: number, slot: number, weight: number): void {
    const length = this.length[term]!;
    if (length === this.room[term]) this.move(term, Math.max(4, length * 2));
    const at = this.start[term]! + length;
    this.slots[at] = slot;
    this.weights[at] = weight;
    this.length[term] = length + 1;
  }

  /** Takes the slot's posting out of the term's list; the list's last posting takes its place. */
  remove(term: number, slot: number): void {
    if (term >= this.terms) return;
    const from = this.start[term]!;
    const last = from + this.length[term]! - 1;
    for (let at = from; at <= last; at += 1) {
      if (this.slots[at] !== slot) continue;
      this.slots[at] = this.slots[last]!;
      this.weights[at] = this.weights[last]!;
      this.length[term] = last - from;
      return;
    }
  }

  /** Keeps the first `length` postings of the term's list (after a caller reordered them). */
  truncate(term: number, length: number): void {
    this.length[term] = length;
  }

  private move(term: number, room: number): void {
    const needed = this.end + room;
    if (needed > this.slots.length) {
      const size = Math.max(needed, this.slots.length * 2);
      const slots = new Int32Array(size);
      slots.set(this.slots);
      this.slots = slots;
      const weights = new Float64Array(size);
      weights.set(this.weights);
      this.weights = weights;
    }
    const from = this.start[term]!;
    const length = this.length[term]!;
    this.slots.copyWithin(this.end, from, from + length);
    this.weights.copyWithin(this.end, from, from + length);
    this.start[term] = this.end;
    this.room[term] = room;
    this.end += room;
  }
}
