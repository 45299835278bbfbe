// One string per node in a graph file's form (UTF-8 bytes, offsets, null flags), and the titles column
// read from it: decoded on first use (values written later are kept as strings). Most titles are never
// shown, and decoding them all at open cost more than reading the whole file.

/** The column as a graph file stores it: UTF-8 bytes, where each string ends, and which are null. */
export interface EncodedStrings {
  bytes: Uint8Array;
  /** Byte offset of each string's start, plus the end: length + 1 entries. */
  offsets: Int32Array;
  /** 1 where the value is null (its byte range is empty). */
  nulls: Uint8Array;
}

export class StringColumn {
  /** Decoded or written values; undefined = not decoded yet (only below `#encoded`'s length). */
  readonly #values: (string | null | undefined)[];
  readonly #encoded: EncodedStrings | null;
  /** `#encoded.bytes` as a Buffer, for its fast UTF-8 decoding of a range. */
  readonly #bytes: Buffer | null;

  private constructor(values: (string | null | undefined)[], encoded: EncodedStrings | null) {
    this.#values = values;
    this.#encoded = encoded;
    this.#bytes =
      encoded &&
      Buffer.from(encoded.bytes.buffer, encoded.bytes.byteOffset, encoded.bytes.byteLength);
  }

  static of(values: (string | null)[]): StringColumn {
    return new StringColumn(values, null);
  }

  static decodedLazily(encoded: EncodedStrings): StringColumn {
    return new StringColumn(new Array<string | null | undefined>(encoded.nulls.length), encoded);
  }

  get length(): number {
    return this.#values.length;
  }

  get(index: number): string | null {
    const value = this.#values[index];
    // Kept this small so it inlines: ids are read in every sort comparator of the graph queries.
    return value !== undefined ? value : this.#decode(index);
  }

  #decode(index: number): string | null {
    if (index >= this.#values.length || this.#encoded === null) return null;
    const { offsets, nulls } = this.#encoded;
    const decoded =
      nulls[index] === 1 ? null : this.#bytes!.toString('utf8', offsets[index], offsets[index + 1]);
    this.#values[index] = decoded;
    return decoded;
  }

  set(index: number, value: string | null): void {
    this.#values[index] = value;
  }

  push(value: string | null): void {
    this.#values.push(value);
  }

  /** The column in file form; values never decoded are copied as bytes, not decoded. */
  encode(): EncodedStrings {
    const n = this.#values.length;
    const offsets = new Int32Array(n + 1);
    const nulls = new Uint8Array(n);
    let size = 0;
    for (let i = 0; i < n; i += 1) {
      offsets[i] = size;
      const value = this.#values[i];
      if (value === undefined) size += this.#encoded!.offsets[i + 1]! - this.#encoded!.offsets[i]!;
      else if (value === null) nulls[i] = 1;
      else size += Buffer.byteLength(value, 'utf8');
    }
    offsets[n] = size;
    const bytes = Buffer.allocUnsafe(size);
    for (let i = 0; i < n; i += 1) {
      const value = this.#values[i];
      if (value === undefined) {
        const source = this.#encoded!;
        bytes.set(source.bytes.subarray(source.offsets[i]!, source.offsets[i + 1]!), offsets[i]!);
        if (source.nulls[i] === 1) nulls[i] = 1;
      } else if (value !== null) {
        bytes.write(value, offsets[i]!, 'utf8');
      }
    }
    return { bytes, offsets, nulls };
  }
}
