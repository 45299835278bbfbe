// The people episodes name (schema version 7): written with each added or updated episode, read by
// the API and the export. A person no episode names any more is deleted in the same transaction.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import type { EpisodePerson } from '../../domain/model.ts';
import type { PersonView } from '../peopleStore.ts';
import type { EpisodeSortKey, EpisodeSummary, Keyset, Page } from '../store.ts';
import { EPISODE_WINDOW, NEWEST_FIRST, NEWEST_LAST } from './reads.ts';

interface LinkRow {
  episode_id: string;
  person_id: string;
  name: string;
  role: string;
  grp: string;
  href: string | null;
  image_url: string | null;
}

const ids = (values: Iterable<string>) => JSON.stringify([...values]);

/** A person's episodes within a keyset window (reads.ts), before its order and limit. */
const PERSON_EPISODES = `SELECT e.id, e.title, e.published_at, e.source_paper_id
  FROM episode_people l JOIN episodes e ON e.id = l.episode_id
  WHERE l.person_id = :person AND ${EPISODE_WINDOW}`;

function toEpisodePerson(row: LinkRow): EpisodePerson {
  return {
    personId: row.person_id,
    name: row.name,
    role: row.role,
    group: row.grp,
    href: row.href,
    imageUrl: row.image_url,
  };
}

/** Writes inside the importer's and the remover's transactions. */
export class PeopleWriter {
  readonly #sql: Record<
    'linkedPeople' | 'unlink' | 'savePerson' | 'link' | 'dropUnnamed',
    StatementSync
  >;

  constructor(db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.#sql = {
      linkedPeople: p('SELECT person_id FROM episode_people WHERE episode_id = ?'),
      unlink: p('DELETE FROM episode_people WHERE episode_id = ?'),
      savePerson: p(
        `INSERT INTO people (id, name, href, image_url) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name,
           href = coalesce(excluded.href, people.href), image_url = coalesce(excluded.image_url, people.image_url)`,
      ),
      link: p(
        'INSERT INTO episode_people (episode_id, position, person_id, name, role, grp, href, image_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      dropUnnamed: p(
        'DELETE FROM people WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM episode_people WHERE person_id = ?1)',
      ),
    };
  }

  /** The people an episode names now; returns those it named before. */
  replace(episodeId: string, people: readonly EpisodePerson[]): string[] {
    const before = this.named(episodeId);
    this.#sql.unlink.run(episodeId);
    people.forEach((person, position) => {
      this.#sql.savePerson.run(person.personId, person.name, person.href, person.imageUrl);
      this.#sql.link.run(
        episodeId,
        position,
        person.personId,
        person.name,
        person.role,
        person.group,
        person.href,
        person.imageUrl,
      );
    });
    return before;
  }

  /** The people an episode names. */
  named(episodeId: string): string[] {
    return (this.#sql.linkedPeople.all(episodeId) as { person_id: string }[]).map(
      (row) => row.person_id,
    );
  }

  /** Deletes the people among `personIds` no episode names. */
  dropUnnamed(personIds: Iterable<string>): void {
    for (const id of new Set(personIds)) this.#sql.dropUnnamed.run(id);
  }
}

export class PeopleReads {
  readonly #sql: Record<
    | 'linksOfEpisodes'
    | 'allLinks'
    | 'peopleByIds'
    | 'personEpisodeWindow'
    | 'personEpisodeWindowFromEnd'
    | 'personEpisodeCount',
    StatementSync
  >;

  constructor(db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    const link = 'episode_id, person_id, name, role, grp, href, image_url';
    this.#sql = {
      linksOfEpisodes: p(
        `SELECT ${link} FROM episode_people WHERE episode_id IN (SELECT value FROM json_each(?)) ORDER BY episode_id, position`,
      ),
      allLinks: p(`SELECT ${link} FROM episode_people ORDER BY episode_id, position`),
      peopleByIds: p(
        `SELECT p.id, p.name, p.href, p.image_url,
           (SELECT count(*) FROM episode_people l WHERE l.person_id = p.id) AS episode_count
         FROM people p WHERE p.id IN (SELECT value FROM json_each(?))`,
      ),
      personEpisodeWindow: p(`${PERSON_EPISODES} ORDER BY ${NEWEST_FIRST} LIMIT :limit`),
      personEpisodeWindowFromEnd: p(`${PERSON_EPISODES} ORDER BY ${NEWEST_LAST} LIMIT :limit`),
      personEpisodeCount: p('SELECT count(*) AS n FROM episode_people WHERE person_id = ?'),
    };
  }

  peopleByEpisodeIds(episodeIds: readonly string[]): EpisodePerson[][] {
    const byEpisode = this.#grouped(
      this.#sql.linksOfEpisodes.all(ids(episodeIds)) as unknown as LinkRow[],
    );
    return episodeIds.map((id) => byEpisode.get(id) ?? []);
  }

  /** Every episode's people, for the export. */
  allPeople(): Map<string, EpisodePerson[]> {
    return this.#grouped(this.#sql.allLinks.all() as unknown as LinkRow[]);
  }

  peopleByIds(personIds: readonly string[]): (PersonView | null)[] {
    const rows = this.#sql.peopleByIds.all(ids(personIds)) as {
      id: string;
      name: string;
      href: string | null;
      image_url: string | null;
      episode_count: number;
    }[];
    const found = new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          name: row.name,
          href: row.href,
          imageUrl: row.image_url,
          episodeCount: row.episode_count,
        },
      ]),
    );
    return personIds.map((id) => found.get(id) ?? null);
  }

  personEpisodes(
    personId: string,
    limit: number,
    keyset: Keyset<EpisodeSortKey>,
  ): Page<EpisodeSummary> {
    const sql = this.#sql;
    const window = keyset.fromEnd ? sql.personEpisodeWindowFromEnd : sql.personEpisodeWindow;
    const rows = window.all({
      person: personId,
      afterId: keyset.after?.id ?? null,
      afterPublished: keyset.after?.publishedAt ?? null,
      beforeId: keyset.before?.id ?? null,
      beforePublished: keyset.before?.publishedAt ?? null,
      limit,
    }) as unknown as {
      id: string;
      title: string;
      published_at: string | null;
      source_paper_id: string | null;
    }[];
    const items = rows.map((row) => ({
      id: row.id,
      title: row.title,
      publishedAt: row.published_at,
      sourcePaperId: row.source_paper_id,
    }));
    const { n } = sql.personEpisodeCount.get(personId) as { n: number };
    return { items: keyset.fromEnd ? items.reverse() : items, totalCount: n };
  }

  #grouped(rows: readonly LinkRow[]): Map<string, EpisodePerson[]> {
    const byEpisode = new Map<string, EpisodePerson[]>();
    for (const row of rows) {
      const list = byEpisode.get(row.episode_id) ?? [];
      list.push(toEpisodePerson(row));
      byEpisode.set(row.episode_id, list);
    }
    return byEpisode;
  }
}
