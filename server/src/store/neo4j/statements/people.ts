// The people episodes name (podcast:person):
//   (:Person {id, name, href, imageUrl})   named as the latest import that names them wrote them; a
//     page or picture kept until one replaces it (a host linked at the channel, named alone in items)
//   (:Episode)-[:FEATURES {position, role, group, name, href, imageUrl}]->(:Person)   one per person
//     the episode names, as its feed wrote them, position in feed order
// A person no episode names is deleted in the transaction that unlinks them.
import { cypher } from './declare.ts';

/** One row of `peopleLink`: a person as one episode names them. */
export interface PersonLinkParam {
  episodeId: string;
  personId: string;
  position: number;
  name: string;
  role: string;
  group: string;
  href: string | null;
  imageUrl: string | null;
}

/** An episode `e`'s people as FEATURES lists them, in feed order (an EpisodePerson per element). */
export const PEOPLE_OF_EPISODE = `COLLECT {
  MATCH (e)-[f:FEATURES]->(p:Person)
  RETURN {personId: p.id, name: f.name, role: f.role, group: f.group, href: f.href, imageUrl: f.imageUrl} AS person
  ORDER BY f.position
}`;

interface PersonEpisodeWindowParams {
  personId: string;
  upperKey: string;
  upperId: string;
  lowerKey: string;
  lowerId: string;
  limit: number;
}

// A person's episodes newest first (undated last), then id, strictly between the bounds; ties at
// either bound filtered by CASE, as the show's window (shows.ts).
const PERSON_EPISODE_WINDOW = `MATCH (:Person {id: $personId})<-[:FEATURES]-(e:Episode)
WHERE e.newestKey <= $upperKey AND e.newestKey >= $lowerKey
  AND CASE WHEN e.newestKey = $upperKey THEN e.id > $upperId ELSE true END
  AND CASE WHEN e.newestKey = $lowerKey THEN e.id < $lowerId ELSE true END
WITH e
`;

const PERSON_EPISODE_PAGE = `
WITH collect(e {.id, .title, .publishedAt, .sourcePaperId}) AS items
RETURN COUNT { MATCH (:Person {id: $personId})<-[:FEATURES]-(:Episode) } AS totalCount, items`;

export const PEOPLE_CYPHER = {
  schemaPersonId: cypher(
    `CREATE CONSTRAINT person_id_unique IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE`,
  ),

  /**
   * Unlinks the people of episodes an import's undo deletes; returns who they named. (An import's
   * rewrite unlinks them in importDetachCitations, a removal in removeEpisode.)
   */
  peopleUnlink: cypher<{ episodeIds: string[] }>(`UNWIND $episodeIds AS episodeId
MATCH (:Episode {id: episodeId})-[f:FEATURES]->(p:Person)
WITH f, p.id AS personId
DELETE f
RETURN collect(DISTINCT personId) AS personIds`),

  /**
   * Links episodes to their people, creating or renaming each person as the row names them; then
   * deletes the people among $personIds (those the episodes named before) no episode names.
   */
  peopleWrite: cypher<{ links: PersonLinkParam[]; personIds: string[] }>(`CALL () {
  UNWIND $links AS link
  MATCH (e:Episode {id: link.episodeId})
  MERGE (p:Person {id: link.personId})
  SET p.name = link.name, p.href = coalesce(link.href, p.href), p.imageUrl = coalesce(link.imageUrl, p.imageUrl)
  CREATE (e)-[:FEATURES {position: link.position, role: link.role, group: link.group, name: link.name, href: link.href, imageUrl: link.imageUrl}]->(p)
}
CALL () {
  UNWIND $personIds AS personId
  MATCH (p:Person {id: personId})
  WHERE COUNT { MATCH (:Episode)-[:FEATURES]->(p) } = 0
  DELETE p
}
RETURN count(*) AS rows`),

  peopleOfEpisodes: cypher<{ episodeIds: string[] }>(
    `UNWIND $episodeIds AS episodeId
MATCH (e:Episode {id: episodeId})
RETURN episodeId, ` +
      PEOPLE_OF_EPISODE +
      ` AS people`,
  ),

  peopleByIds: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (p:Person {id: id})
RETURN p {.id, .name, .href, .imageUrl, episodeCount: COUNT { (p)<-[:FEATURES]-(:Episode) }} AS person`),

  personEpisodesWindow: cypher<PersonEpisodeWindowParams>(
    PERSON_EPISODE_WINDOW +
      `ORDER BY e.newestKey DESC, e.id
LIMIT $limit` +
      PERSON_EPISODE_PAGE,
  ),

  personEpisodesWindowFromEnd: cypher<PersonEpisodeWindowParams>(
    PERSON_EPISODE_WINDOW +
      `ORDER BY e.newestKey ASC, e.id DESC
LIMIT $limit` +
      PERSON_EPISODE_PAGE,
  ),
} as const;

export const PEOPLE_SCHEMA_STATEMENTS = [
  'schemaPersonId',
] as const satisfies readonly (keyof typeof PEOPLE_CYPHER)[];

export const PEOPLE_GRAPH_SCHEMA = {
  labels: ['Person'],
  relationshipTypes: ['FEATURES'],
  // Person and FEATURES (name, href, imageUrl, position as elsewhere), the rows that write and read them
  propertyKeys: ['name', 'href', 'role', 'group', 'personId', 'links', 'people', 'personIds'],
  patterns: [{ from: 'Episode', relType: 'FEATURES', to: 'Person' }],
} as const;
