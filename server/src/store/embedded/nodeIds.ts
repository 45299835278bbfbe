// Node id ↔ node number. The ids a graph file holds are found through an open-addressing hash table
// stored in the file itself (node numbers in an Int32Array, per-node hashes beside them): filling a Map
// with 500k ids cost 200–400 ms at every open, longer than reading the file; no library offers a hash
// index over a persisted buffer, hence this one. Ids added after open go to a Map. The ids themselves
// are decoded at open into a plain array (~30 ms at 100k episodes): every sort comparator of the graph
// queries reads them, and a lazily decoding accessor made those queries up to 20% slower.
import { type EncodedStrings, StringColumn } from './stringColumn.ts';

/** The lookup table as a graph file stores it. */
export interface EncodedIndex {
  /** Per node: the id's hash (removed nodes keep theirs; the table skips them). */
  hashes: Int32Array;
  /** Power-of-two sized; node + 1 per used slot, 0 when empty. */
  slots: Int32Array;
}

/** FNV-1a over UTF-16 code units: the same for an id however it was decoded. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** At most half full, so a probe sequence stays short. */
function tableOf(hashes: Int32Array, count: number, live: (node: number) => boolean): Int32Array {
  let size = 1_024;
  while (size < count * 2) size *= 2;
  const slots = new Int32Array(size);
  const mask = size - 1;
  for (let node = 0; node < count; node += 1) {
    if (!live(node)) continue;
    let at = hashes[node]! & mask;
    while (slots[at] !== 0) at = (at + 1) & mask;
    slots[at] = node + 1;
  }
  return slots;
}

export class NodeIds {
  /** Removed nodes hold ''. */
  readonly #ids: string[];
  /** Hashes of the nodes the table was built over (the first `hashes.length` node numbers). */
  readonly #hashes: Int32Array;
  readonly #slots: Int32Array;
  readonly #added = new Map<string, number>();

  private constructor(ids: string[], index: EncodedIndex) {
    this.#ids = ids;
    this.#hashes = index.hashes;
    this.#slots = index.slots;
  }

  static of(ids: string[]): NodeIds {
    const hashes = new Int32Array(ids.length);
    for (let node = 0; node < ids.length; node += 1) hashes[node] = hashOf(ids[node]!);
    return new NodeIds(ids, { hashes, slots: tableOf(hashes, ids.length, () => true) });
  }

  static fromFile(encoded: EncodedStrings, index: EncodedIndex): NodeIds {
    const bytes = Buffer.from(
      encoded.bytes.buffer,
      encoded.bytes.byteOffset,
      encoded.bytes.byteLength,
    );
    const { offsets } = encoded;
    const ids = new Array<string>(encoded.nulls.length);
    for (let node = 0; node < ids.length; node += 1)
      ids[node] = bytes.toString('utf8', offsets[node], offsets[node + 1]);
    return new NodeIds(ids, index);
  }

  /** Node numbers ever given out (removed ones included). */
  get length(): number {
    return this.#ids.length;
  }

  idOf(node: number): string {
    return this.#ids[node]!;
  }

  /** The node's number, or -1. */
  indexOf(id: string): number {
    if (this.#added.size > 0) {
      const added = this.#added.get(id);
      if (added !== undefined) return added;
    }
    const hash = hashOf(id);
    const mask = this.#slots.length - 1;
    for (let at = hash & mask; this.#slots[at] !== 0; at = (at + 1) & mask) {
      const node = this.#slots[at]! - 1;
      if (this.#hashes[node] === hash && this.idOf(node) === id) return node;
    }
    return -1;
  }

  /** Gives `id` the next node number (the caller checked it is new). */
  add(id: string): number {
    const node = this.#ids.length;
    this.#ids.push(id);
    this.#added.set(id, node);
    return node;
  }

  remove(node: number): void {
    this.#added.delete(this.idOf(node));
    this.#ids[node] = '';
  }

  /** `isLive` says which nodes the table keeps (the graph knows which were removed). */
  encode(isLive: (node: number) => boolean): { ids: EncodedStrings; index: EncodedIndex } {
    const count = this.#ids.length;
    const hashes = new Int32Array(count);
    hashes.set(this.#hashes);
    for (let node = this.#hashes.length; node < count; node += 1)
      hashes[node] = hashOf(this.idOf(node));
    return {
      ids: StringColumn.of(this.#ids).encode(),
      index: { hashes, slots: tableOf(hashes, count, isLive) },
    };
  }
}
