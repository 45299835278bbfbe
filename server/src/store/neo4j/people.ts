// The people episodes name, in the Neo4j store (statements/people.ts): written in the transaction that
// writes their episodes, a person no episode names any more deleted in it too; and the reads.
import type { EpisodePerson, EpisodeRecord } from '../../domain/model.ts';
import type { PersonView } from '../peopleStore.ts';
import type { EpisodeSummary, Page } from '../store.ts';
import type { CypherParams, StatementName } from './cypher.ts';
import type { CypherTransaction, Row } from './driver.ts';
import { asInteger, asMap, asString, toEpisodeSummary, unique } from './records.ts';
import type { PersonLinkParam } from './statements/people.ts';

/** A keyset window's bounds in `newestKey` order (neo4jStore.ts episodeWindow). */
export interface EpisodeWindowBounds {
  upperKey: string;
  upperId: string;
  lowerKey: string;
  lowerId: string;
  limit: number;
}

type Read = <K extends StatementName>(statement: K, params: CypherParams[K]) => Promise<Row[]>;

function asNullableString(value: unknown): string | null {
  return value === undefined || value === null ? null : asString(value);
}

/** A PEOPLE_OF_EPISODE column (statements/people.ts) as the episode's people. */
export function toEpisodePeople(value: unknown): EpisodePerson[] {
  if (!Array.isArray(value)) throw new TypeError('people: expected a list');
  return value.map((item) => {
    const person = asMap(item);
    return {
      personId: asString(person.personId),
      name: asString(person.name),
      role: asString(person.role),
      group: asString(person.group),
      href: asNullableString(person.href),
      imageUrl: asNullableString(person.imageUrl),
    };
  });
}

function linksOf(records: readonly EpisodeRecord[]): PersonLinkParam[] {
  return records.flatMap((record) =>
    (record.people ?? []).map((person, position) => ({
      episodeId: record.id,
      position,
      ...person,
    })),
  );
}

/** Unlinks the people of episodes an import's undo deletes; returns who they named. */
export async function unlinkPeople(
  tx: CypherTransaction,
  episodeIds: readonly string[],
): Promise<string[]> {
  if (episodeIds.length === 0) return [];
  const [row] = await tx.run('peopleUnlink', { episodeIds: [...episodeIds] });
  return ((row?.personIds as unknown[] | undefined) ?? []).map(asString);
}

/**
 * Links the episodes just written to their people, and deletes those among `former` (the people
 * the rewritten episodes named before, unlinked by importDetachCitations) no episode names then.
 */
export async function writePeople(
  tx: CypherTransaction,
  records: readonly EpisodeRecord[],
  former: readonly string[],
): Promise<void> {
  const links = linksOf(records);
  if (links.length > 0 || former.length > 0)
    await tx.run('peopleWrite', { links, personIds: unique(former) });
}

/** The people the episodes name, as their records carry them (for an import's undo). */
export async function peopleOfEpisodes(
  tx: CypherTransaction,
  episodeIds: readonly string[],
): Promise<Map<string, EpisodePerson[]>> {
  if (episodeIds.length === 0) return new Map();
  const rows = await tx.run('peopleOfEpisodes', { episodeIds: [...episodeIds] });
  return new Map(rows.map((row) => [asString(row.episodeId), toEpisodePeople(row.people)]));
}

export class Neo4jPeople {
  readonly #read: Read;

  constructor(read: Read) {
    this.#read = read;
  }

  async peopleByEpisodeIds(episodeIds: readonly string[]): Promise<EpisodePerson[][]> {
    if (episodeIds.length === 0) return [];
    const rows = await this.#read('peopleOfEpisodes', { episodeIds: unique(episodeIds) });
    const found = new Map(
      rows.map((row) => [asString(row.episodeId), toEpisodePeople(row.people)]),
    );
    return episodeIds.map((id) => found.get(id) ?? []);
  }

  async peopleByIds(personIds: readonly string[]): Promise<(PersonView | null)[]> {
    if (personIds.length === 0) return [];
    const rows = await this.#read('peopleByIds', { ids: unique(personIds) });
    const found = new Map(
      rows.map((row) => {
        const person = asMap(row.person);
        const view: PersonView = {
          id: asString(person.id),
          name: asString(person.name),
          href: asNullableString(person.href),
          imageUrl: asNullableString(person.imageUrl),
          episodeCount: asInteger(person.episodeCount),
        };
        return [view.id, view];
      }),
    );
    return personIds.map((id) => found.get(id) ?? null);
  }

  /** One window of the person's episodes; `window` bounds it as the store's episode keysets do. */
  async personEpisodes(
    personId: string,
    window: EpisodeWindowBounds,
    fromEnd: boolean,
  ): Promise<Page<EpisodeSummary>> {
    const [row] = await this.#read(
      fromEnd ? 'personEpisodesWindowFromEnd' : 'personEpisodesWindow',
      { personId, ...window },
    );
    if (row === undefined) return { items: [], totalCount: 0 };
    const items = (row.items as unknown[]).map(toEpisodeSummary);
    return { items: fromEnd ? items.reverse() : items, totalCount: asInteger(row.totalCount) };
  }
}
