// What both stores answer about people (podcast:person): who an episode names, a person, and the
// episodes that name them.
import type { EpisodePerson } from '../domain/model.ts';
import type { EpisodeSortKey, EpisodeSummary, Keyset, Page } from './store.ts';

/**
 * A person as stored: named as the latest import that names them wrote them, with the last page and
 * picture any episode gave (each episode keeps its own wording in its `EpisodePerson`), and how many
 * episodes name them.
 */
export interface PersonView {
  id: string;
  name: string;
  href: string | null;
  imageUrl: string | null;
  episodeCount: number;
}

export interface PeopleStore {
  /** The people each episode names, in feed order; one list per id, in order, empty when unknown. */
  peopleByEpisodeIds(episodeIds: readonly string[]): Promise<EpisodePerson[][]>;
  /** Batched lookups: one per id, in order, null when unknown. */
  peopleByIds(personIds: readonly string[]): Promise<(PersonView | null)[]>;
  /**
   * The episodes that name the person, newest first (undated last, then id), across shows, by keyset
   * as `listEpisodes`; none when unknown.
   */
  personEpisodes(
    personId: string,
    limit: number,
    keyset: Keyset<EpisodeSortKey>,
  ): Promise<Page<EpisodeSummary>>;
}
