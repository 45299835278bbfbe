// Each episode's counted terms, kept across builds of a relation index: one tokenizing vocabulary
// that outlives the indexes (so wink-nlp never sees a piece of text twice) and every episode's
// counted text with the hash of the text it was counted from. An index built again (a large import)
// tokenizes only the episodes whose text is new or changed, and not even those when an import
// counted them on its parse worker (countedTexts.ts).
import type { EpisodeRecord } from '../domain/model.ts';
import { lentTextCounter, offeredText } from './countedTexts.ts';
import { contentHash, episodeParts, type PaperTitleOf } from './episodeDocument.ts';
import type { EpisodeCitations } from './paperLinks.ts';
import { type CountedBatch, type CountedText, Vocabulary } from './terms.ts';

/**
 * An episode as the relation index reads it once its text is counted: its summary, the papers it
 * cites and the counted terms, without the text itself (a large import holds one per episode).
 */
export interface CountedEpisode
  extends EpisodeCitations, Pick<EpisodeRecord, 'title' | 'publishedAt'> {
  counted: CountedText;
}

/** A whole record, or one whose text is already counted. */
export type IndexedEpisode = EpisodeRecord | CountedEpisode;

export class EpisodeTerms {
  readonly tokenizer = new Vocabulary();
  private readonly counted = new Map<string, { hash: string; text: CountedText }>();
  /** Texts an import counted on its worker, already in the tokenizer's ids, by hash. */
  private readonly adopted = new Map<string, CountedText>();

  /** The episode's text counted, as the tokenizer numbers terms. */
  count(episode: EpisodeRecord, titleOf: PaperTitleOf): CountedText {
    const parts = episodeParts(episode, titleOf);
    const hash = contentHash(parts);
    const kept = this.counted.get(episode.id);
    if (kept?.hash === hash) return kept.text;
    const text = this.adopted.get(hash) ?? this.#offeredOrCounted(hash, parts);
    this.counted.set(episode.id, { hash, text });
    return text;
  }

  /** The episode's counted terms: counted now unless given counted. */
  textOf(episode: IndexedEpisode, titleOf: PaperTitleOf): CountedText {
    return 'counted' in episode ? episode.counted : this.count(episode, titleOf);
  }

  /**
   * The episode with its text counted, when a text of this hash (textHash) is already counted for
   * it, adopted or offered; null when it is not (yet).
   */
  countedEpisode(episode: EpisodeRecord, hash: string): CountedEpisode | null {
    const kept = this.counted.get(episode.id);
    let text = kept?.hash === hash ? kept.text : this.adopted.get(hash);
    if (text === undefined) {
      const offered = offeredText(hash);
      if (!offered) return null;
      text = this.tokenizer.adopt(offered.batch, offered.at);
    }
    this.counted.set(episode.id, { hash, text });
    const { id, title, publishedAt, sourcePaperId } = episode;
    return {
      id,
      title,
      publishedAt,
      sourcePaperId,
      recommendations: episode.recommendations.map(({ paperId }) => ({ paperId })),
      mentions: episode.mentions?.map(({ paperId }) => ({ paperId })),
      counted: text,
    };
  }

  /**
   * Counts the texts of these episodes that are not counted, adopted or offered yet on the counter
   * an import lends (lendTextCounter), keeping them as count() would; without one, or if it fails,
   * count() tokenizes them on this thread as before: the same terms either way.
   */
  async countElsewhere(episodes: readonly IndexedEpisode[], titleOf: PaperTitleOf): Promise<void> {
    const counter = lentTextCounter();
    if (counter === null) return;
    const pending: { id: string; hash: string; parts: string[] }[] = [];
    for (const episode of episodes) {
      if ('counted' in episode) continue;
      const parts = episodeParts(episode, titleOf);
      const hash = contentHash(parts);
      if (this.counted.get(episode.id)?.hash === hash) continue;
      if (this.adopted.has(hash) || offeredText(hash)) continue;
      pending.push({ id: episode.id, hash, parts });
    }
    if (pending.length === 0) return;
    let batch: CountedBatch;
    try {
      batch = await counter(pending.map(({ parts }) => parts));
    } catch {
      return;
    }
    pending.forEach(({ id, hash }, at) => {
      this.counted.set(id, { hash, text: this.tokenizer.adopt(batch, at) });
    });
  }

  #offeredOrCounted(hash: string, parts: readonly string[]): CountedText {
    const offered = offeredText(hash);
    return offered
      ? this.tokenizer.adopt(offered.batch, offered.at)
      : this.tokenizer.countText(parts);
  }

  /**
   * Takes a batch's texts into the tokenizer's ids now, so count() finds them ready: an import
   * adopts each batch as its worker counts it, while the importing thread waits for the next file.
   */
  adoptBatch(batch: CountedBatch): void {
    batch.hashes.forEach((hash, at) => this.adopted.set(hash, this.tokenizer.adopt(batch, at)));
  }

  /** Drops the adopted texts no episode took (the import that counted them has ended). */
  forgetAdopted(): void {
    this.adopted.clear();
  }

  /** Forgets the episodes `keep` refuses (removed from the corpus). */
  retain(keep: (episodeId: string) => boolean): void {
    for (const id of this.counted.keys()) if (!keep(id)) this.counted.delete(id);
  }
}
