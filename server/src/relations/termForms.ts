// The ways a text index's documents wrote each term ("decoding", "decode") and how many wrote each,
// in flat arrays: per term its first way, that way's count and the start of a chain of its other
// ways as (form, count, next) triples in one pool, so counting a corpus' forms allocates nothing
// per term and reads one place per term.

const FORM = 0;
const COUNT = 1;
const NEXT = 2;
const STRIDE = 3;

export class TermForms {
  /** Per term, at term × STRIDE: its first form, its count, and its chain of others (+1; 0 none). */
  private firsts = new Int32Array(0);
  private pool = new Int32Array(STRIDE * 1024);
  private poolEnd = 0;

  /** Makes room for terms below `size`. */
  fit(size: number): void {
    if (size * STRIDE <= this.firsts.length) return;
    this.firsts = grownTo(this.firsts, Math.max(size * STRIDE, this.firsts.length * 2));
  }

  /** Counts one more text writing the term so. */
  count(term: number, form: number): void {
    const first = term * STRIDE;
    const firsts = this.firsts;
    if (firsts[first + COUNT] === 0) {
      firsts[first + FORM] = form;
      firsts[first + COUNT] = 1;
      return;
    }
    if (firsts[first + FORM] === form) {
      firsts[first + COUNT]! += 1;
      return;
    }
    let pool = this.pool;
    for (let at = firsts[first + NEXT]! - 1; at >= 0; at = pool[at + NEXT]! - 1) {
      if (pool[at + FORM] === form) {
        pool[at + COUNT]! += 1;
        return;
      }
    }
    if (this.poolEnd + STRIDE > pool.length) {
      pool = grownTo(pool, pool.length * 2);
      this.pool = pool;
    }
    const at = this.poolEnd;
    pool[at + FORM] = form;
    pool[at + COUNT] = 1;
    pool[at + NEXT] = firsts[first + NEXT]!;
    firsts[first + NEXT] = at + 1;
    this.poolEnd += STRIDE;
  }

  /** The way most texts wrote the term, ties going to the first string in order; `form` spells it. */
  shown(term: number, form: (id: number) => string): string {
    const first = term * STRIDE;
    let best = form(this.firsts[first + FORM]!);
    let bestCount = this.firsts[first + COUNT]!;
    const pool = this.pool;
    for (let at = this.firsts[first + NEXT]! - 1; at >= 0; at = pool[at + NEXT]! - 1) {
      const n = pool[at + COUNT]!;
      if (n < bestCount) continue;
      const written = form(pool[at + FORM]!);
      if (n > bestCount || written < best) {
        best = written;
        bestCount = n;
      }
    }
    return best;
  }
}

function grownTo(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}
