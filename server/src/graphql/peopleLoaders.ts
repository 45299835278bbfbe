// Per-request batching for people (schema/person.ts): each round of resolvers reads the people of
// its episodes in one store call, and the people it names in another. Made on first use and kept on
// the request's context, as loaders.ts keeps its own.
import DataLoader from 'dataloader';

import type { EpisodePerson } from '../domain/model.ts';
import type { PersonView } from '../store/peopleStore.ts';
import type { GraphStore } from '../store/store.ts';
import type { Context } from './context.ts';

export class PeopleLoaders {
  readonly #ofEpisode: DataLoader<string, EpisodePerson[]>;
  readonly #people: DataLoader<string, PersonView | null>;

  constructor(store: GraphStore) {
    this.#ofEpisode = new DataLoader((ids) => store.peopleByEpisodeIds(ids));
    this.#people = new DataLoader((ids) => store.peopleByIds(ids));
  }

  /** The people an episode names, in feed order. */
  ofEpisode(episodeId: string): Promise<EpisodePerson[]> {
    return this.#ofEpisode.load(episodeId);
  }

  /** The person with this id, or null. */
  findPerson(id: string): Promise<PersonView | null> {
    return this.#people.load(id);
  }

  /** A person an episode's stored link names. */
  async person(id: string): Promise<PersonView> {
    const person = await this.#people.load(id);
    if (person === null) throw new Error(`person ${id} is referenced but not stored`);
    return person;
  }
}

export function peopleLoaders(context: Context): PeopleLoaders {
  return (context.peopleLoaders ??= new PeopleLoaders(context.store));
}
