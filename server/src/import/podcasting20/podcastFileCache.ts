// The podcast files (transcripts, chapters) last fetched, by URL, with the ETag and Last-Modified
// their server gave: the next fetch of that URL is a conditional GET, and a 304 reuses the body kept
// here instead of downloading the file again (a followed feed re-reads every item's files at each
// poll). Only files whose server gave a validator are kept. Bounded by the characters it holds: the
// least recently used files leave first, and a file larger than an eighth of the bound is not kept.

/** What is kept of a fetched file. */
interface CachedPodcastFile {
  etag: string | null;
  lastModified: string | null;
  text: string;
  contentType: string;
  finalUrl: string;
}

/** Characters all kept files may hold together. */
const DEFAULT_MAX_CHARS = 32 * 1024 * 1024;

export class PodcastFileCache {
  readonly #maxChars: number;
  /** In use order: the least recently used first. */
  readonly #files = new Map<string, CachedPodcastFile>();
  #chars = 0;

  constructor(maxChars: number = DEFAULT_MAX_CHARS) {
    this.#maxChars = maxChars;
  }

  get(key: string): CachedPodcastFile | undefined {
    const file = this.#files.get(key);
    if (file === undefined) return undefined;
    this.#files.delete(key);
    this.#files.set(key, file);
    return file;
  }

  /** Keeps the file when it has a validator and fits; forgets what was kept under the key otherwise. */
  set(key: string, file: CachedPodcastFile): void {
    this.delete(key);
    if (file.etag === null && file.lastModified === null) return;
    if (file.text.length > this.#maxChars / 8) return;
    this.#files.set(key, file);
    this.#chars += file.text.length;
    for (const [oldest, kept] of this.#files) {
      if (this.#chars <= this.#maxChars) break;
      this.#files.delete(oldest);
      this.#chars -= kept.text.length;
    }
  }

  delete(key: string): void {
    const file = this.#files.get(key);
    if (file === undefined) return;
    this.#files.delete(key);
    this.#chars -= file.text.length;
  }

  get size(): number {
    return this.#files.size;
  }
}

/** The process's cache: the feed poller's and the import command's fetches share it. */
export const podcastFileCache = new PodcastFileCache();
