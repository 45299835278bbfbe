// Each episode's counted terms, kept across builds of a relation index: one tokenizing vocabulary
// that outlives the indexes (so wink-nlp never sees a piece of text twice) and every episode's
// counted text with the hash of the text it was counted from. An index built again (a large import)
// tokenizes only the episodes whose text is new or changed, and not even those when an import
// counted them on its parse worker (countedTexts.ts).
import type { EpisodeRecord } from '../domain/model.ts';
import { offeredText } from './countedTexts.ts';
import { contentHash, episodeParts, type PaperTitleOf } from './episodeDocument.ts';
import { type CountedText, Vocabulary } from './terms.ts';

export class EpisodeTerms {
  readonly tokenizer = new Vocabulary();
  private readonly counted = new Map<string, { hash: string; text: CountedText }>();

  /** The episode's text counted, as the tokenizer numbers terms. */
  count(episode: EpisodeRecord, titleOf: PaperTitleOf): CountedText {
    const parts = episodeParts(episode, titleOf);
    const hash = contentHash(parts);
    const kept = this.counted.get(episode.id);
    if (kept?.hash === hash) return kept.text;
    const offered = offeredText(hash);
    const text = offered
      ? this.tokenizer.adopt(offered.batch, offered.at)
      : this.tokenizer.countText(parts);
    this.counted.set(episode.id, { hash, text });
    return text;
  }

  /** Forgets the episodes `keep` refuses (removed from the corpus). */
  retain(keep: (episodeId: string) => boolean): void {
    for (const id of this.counted.keys()) if (!keep(id)) this.counted.delete(id);
  }
}
