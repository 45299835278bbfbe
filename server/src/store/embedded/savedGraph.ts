// The in-memory graph's life: loaded from the graph file when it matches SQLite (else rebuilt from
// SQLite), changed after each commit, and written back to the file shortly after, off the query path.
// A crash before that write leaves a file naming an older graph version, which the next open refuses.
import type { DatabaseSync } from 'node:sqlite';

import type { SerialQueue } from '../shared/serialQueue.ts';
import {
  encodeGraphFile,
  graphFilePath,
  type GraphFileRead,
  readGraphFile,
  writeGraphFile,
} from './graphFile.ts';
import { readGraphVersion } from './graphVersion.ts';
import { loadMemoryState, type MemoryState } from './memoryGraph.ts';

/** How an open got its graph: from the file, or rebuilt from SQLite and why the file was not used. */
export type GraphLoad =
  { from: 'graph file'; ms: number } | { from: 'sqlite'; reason: string; ms: number };

export interface SavedGraphOptions {
  /** Wait after a commit before writing the file, so a run of imports costs one write. */
  writeDelayMs: number;
  onLoad?: (load: GraphLoad) => void;
}

export class SavedGraph {
  readonly #reader: DatabaseSync;
  readonly #writer: DatabaseSync;
  readonly #path: string;
  readonly #writes: SerialQueue;
  readonly #options: SavedGraphOptions;
  #state: MemoryState | null = null;
  /** The file on disk holds what memory holds. */
  #fileCurrent = false;
  #timer: NodeJS.Timeout | undefined;
  #saving: Promise<void> = Promise.resolve();

  /** `writes`: the queue every SQLite write runs on (the file is encoded between two of them). */
  constructor(
    db: { reader: DatabaseSync; writer: DatabaseSync },
    dataDir: string,
    writes: SerialQueue,
    options: SavedGraphOptions,
  ) {
    this.#reader = db.reader;
    this.#writer = db.writer;
    this.#path = graphFilePath(dataDir);
    this.#writes = writes;
    this.#options = options;
  }

  /** The graph, loaded on first use. */
  get state(): MemoryState {
    this.#state ??= this.#load();
    return this.#state;
  }

  /**
   * Right after a COMMIT that changed the graph tables: `mirror` applies it to memory if the graph is
   * loaded (if not, a later load reads it from SQLite), and the file is rewritten soon.
   */
  committed(mirror: (state: MemoryState) => void): void {
    if (this.#state === null) return;
    mirror(this.#state);
    this.#fileCurrent = false;
    this.#schedule();
  }

  /** Writes the file if memory changed since it was last written (call when no more writes come). */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#save();
  }

  #load(): MemoryState {
    const started = performance.now();
    // One read snapshot for the version and the rows, so both describe the same commit.
    const ownTransaction = !this.#reader.isTransaction;
    if (ownTransaction) this.#reader.exec('BEGIN');
    try {
      const version = readGraphVersion(this.#reader);
      const file = this.#readFile(version);
      const ms = () => performance.now() - started;
      if ('state' in file) {
        this.#fileCurrent = true;
        this.#options.onLoad?.({ from: 'graph file', ms: ms() });
        return file.state;
      }
      const state = loadMemoryState(this.#reader);
      this.#options.onLoad?.({ from: 'sqlite', reason: file.rejected, ms: ms() });
      this.#schedule();
      return state;
    } finally {
      if (ownTransaction) this.#reader.exec('COMMIT');
    }
  }

  #readFile(version: string): GraphFileRead {
    try {
      return readGraphFile(this.#path, version);
    } catch (error) {
      return { rejected: `unreadable (${(error as Error).message})` };
    }
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#save();
    }, this.#options.writeDelayMs);
    this.#timer.unref();
  }

  #save(): Promise<void> {
    const previous = this.#saving;
    const next = (async () => {
      await previous;
      // Encoded between two writes: no import is between its COMMIT and its memory update, and the
      // writer holds no open transaction whose version it would read.
      const parts = await this.#writes.enqueue(() => {
        if (this.#state === null || this.#fileCurrent) return null;
        this.#fileCurrent = true;
        return encodeGraphFile(this.#state, readGraphVersion(this.#writer));
      });
      if (parts !== null) await writeGraphFile(this.#path, parts);
    })();
    this.#saving = next.catch((error: Error) => {
      this.#fileCurrent = false;
      console.warn(
        `papergraph: could not write the graph file ${this.#path} (the next start rebuilds it): ${error.message}`,
      );
    });
    return this.#saving;
  }
}
