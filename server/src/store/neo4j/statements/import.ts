// An import and an episode's removal: each runs these in its write transaction(s), and stamps the graph's
// change time when something changed.
import type { CitationKind, EpisodeText, PaperRecord } from '../../../domain/model.ts';
import { cypher } from './declare.ts';

/** One row of `importCreatePapers` or `importUpdatePapers`: a paper as it is to be stored. */
export interface PaperParam extends PaperRecord {
  /** The aliases the stored paper lacks (all of them for a new paper): their Alias nodes are linked. */
  newAliases: string[];
}

/** One row of `importCreatePapers`: a new paper with what its recount is expected to find (expectedCounts.ts). */
export interface CreatedPaperParam extends PaperParam {
  citationCount: number;
  searchNotes: string;
}

/** One row of `importWriteEpisodes`: the episode's own text as it is, the rest encoded. */
export interface EpisodeParam extends EpisodeText {
  id: string;
  chaptersJson: string;
  /** guid, link, audio, image, unlinked readings (domain/episodeExtras.ts); null when the feed gave none. */
  extrasJson: string | null;
  /** Also a property of its own, indexed: the guid identifies the episode across edits. */
  guid: string | null;
  sourcePaperId: string | null;
  contentHash: string;
  paperCount: number;
  searchDetails: string;
  searchNotes: string;
}

/** One row of `importWriteCitations`. */
export interface CitationParam {
  episodeId: string;
  paperId: string;
  kind: CitationKind;
  position: number;
  note: string | null;
  /** Absent when unknown; the relationship then has no such property. */
  discussedAt?: number;
}

/** One row of `importWriteTranscripts`: a passage of an episode's transcript. */
export interface PassageParam {
  episodeId: string;
  position: number;
  startsJson: string;
  text: string;
}

/** Paper `p` becomes the record `paper` (its search identifiers derived from it). */
export const SET_PAPER = `SET p.title = paper.title,
    p.url = paper.url,
    p.arxivId = paper.arxivId,
    p.doi = paper.doi,
    p.aliases = paper.aliases,
    p.searchIdentifiers = reduce(text = paper.id, alias IN paper.aliases | text + ' ' + alias)`;

export const IMPORT_CYPHER = {
  /**
   * The stored hashes of episodes among $episodeIds, and for those among $transcriptsOf (episodes
   * whose import does not know their transcript) the stored transcript (passages in order) and the
   * citation times, which they keep; for those among $chaptersOf (whose import does not know their
   * chapters) the stored chapters and mentions, which they keep.
   */
  importStoredHashes: cypher<{
    episodeIds: string[];
    transcriptsOf: string[];
    chaptersOf: string[];
  }>(`UNWIND $episodeIds AS episodeId
MATCH (e:Episode {id: episodeId})
WITH e, e.id IN $transcriptsOf AS keeps, e.id IN $chaptersOf AS keepsChapters
RETURN e.id AS id, e.contentHash AS contentHash,
       CASE WHEN keepsChapters THEN e.chaptersJson END AS chaptersJson,
       CASE WHEN keepsChapters THEN COLLECT { MATCH (e)-[c:CITES {kind: 'MENTIONS'}]->(p:Paper) RETURN {paperId: p.id, note: c.note, discussedAt: c.discussedAt} AS mention ORDER BY c.position } ELSE [] END AS mentions,
       EXISTS { MATCH (e)-[:IN_SHOW]->(:Show) } AS inShow,
       CASE WHEN keeps THEN COLLECT { MATCH (e)-[:HAS_PASSAGE]->(t:TranscriptPassage) RETURN t {.startsJson, .text} AS passage ORDER BY t.position } ELSE [] END AS passages,
       CASE WHEN keeps THEN COLLECT { MATCH (e)-[c:CITES]->(p:Paper) WHERE c.discussedAt IS NOT NULL RETURN {kind: c.kind, paperId: p.id, discussedAt: c.discussedAt} AS time } ELSE [] END AS times`),

  /** Drops the transcripts of episodes (a journaled run undoing the episodes it created). */
  importDeleteTranscripts: cypher<{ episodeIds: string[] }>(`UNWIND $episodeIds AS episodeId
MATCH (:Episode {id: episodeId})-[:HAS_PASSAGE]->(t:TranscriptPassage)
DETACH DELETE t
RETURN count(*) AS passages`),

  importWriteTranscripts: cypher<{ passages: PassageParam[] }>(`UNWIND $passages AS passage
MATCH (e:Episode {id: passage.episodeId})
CREATE (e)-[:HAS_PASSAGE]->(:TranscriptPassage {position: passage.position, startsJson: passage.startsJson, text: passage.text})
RETURN count(*) AS passages`),

  /**
   * Drops the citations, transcript passages and links to people of episodes about to be rewritten;
   * returns the papers the citations pointed at and the people the episodes named (people.ts).
   */
  importDetachCitations: cypher<{ episodeIds: string[] }>(`UNWIND $episodeIds AS episodeId
MATCH (e:Episode {id: episodeId})
CALL (e) {
  MATCH (e)-[:HAS_PASSAGE]->(t:TranscriptPassage)
  DETACH DELETE t
}
CALL (e) {
  OPTIONAL MATCH (e)-[f:FEATURES]->(person:Person)
  DELETE f
  RETURN collect(person.id) AS named
}
CALL (e) {
  OPTIONAL MATCH (e)-[c:CITES]->(p:Paper)
  DELETE c
  RETURN collect(p.id) AS cited
}
UNWIND [id IN cited | {paper: id}] + [id IN named | {person: id}] AS detached
RETURN collect(DISTINCT detached.paper) AS paperIds, collect(DISTINCT detached.person) AS personIds`),

  /** The stored papers among $ids, to merge a batch's papers into (shared/mergePaper.ts) and to undo it. */
  importStoredPapers: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p {.id, .title, .url, .arxivId, .doi, .aliases} AS paper`),

  /**
   * Creates papers the transaction found unstored (importStoredPapers): no lookup per row. A new
   * paper starts with the count and notes its recount is expected to find (importRecountPapers
   * still counts); an alias may already name another paper.
   */
  importCreatePapers: cypher<{ papers: CreatedPaperParam[] }>(
    `UNWIND $papers AS paper
CREATE (p:Paper {id: paper.id, citationCount: paper.citationCount, searchNotes: paper.searchNotes})
` +
      SET_PAPER +
      `
WITH p, paper
UNWIND paper.newAliases AS key
MERGE (a:Alias {key: key})
CREATE (a)-[:ALIAS_OF]->(p)
RETURN count(*) AS aliases`,
  ),

  /** Writes stored papers as merged by the caller, linking the aliases they lacked. */
  importUpdatePapers: cypher<{ papers: PaperParam[] }>(
    `UNWIND $papers AS paper
MATCH (p:Paper {id: paper.id})
` +
      SET_PAPER +
      `
WITH p, paper
UNWIND paper.newAliases AS key
MERGE (a:Alias {key: key})
MERGE (a)-[:ALIAS_OF]->(p)
RETURN count(*) AS aliases`,
  ),

  importWriteEpisodes: cypher<{ episodes: EpisodeParam[] }>(`UNWIND $episodes AS episode
MERGE (e:Episode {id: episode.id})
SET e.title = episode.title,
    e.publishedAt = episode.publishedAt,
    e.newestKey = coalesce(episode.publishedAt, ''),
    e.paperPublishedAt = episode.paperPublishedAt,
    e.durationMinutes = episode.durationMinutes,
    e.summary = episode.summary,
    e.takeaways = episode.takeaways,
    e.chaptersJson = episode.chaptersJson,
    e.extrasJson = episode.extrasJson,
    e.guid = episode.guid,
    e.sourcePaperId = episode.sourcePaperId,
    e.contentHash = episode.contentHash,
    e.paperCount = episode.paperCount,
    e.searchDetails = episode.searchDetails,
    e.searchNotes = episode.searchNotes
RETURN count(e) AS episodes`),

  importWriteCitations: cypher<{ citations: CitationParam[] }>(`UNWIND $citations AS citation
MATCH (e:Episode)
WHERE e.id = citation.episodeId
MATCH (p:Paper)
WHERE p.id = citation.paperId
CREATE (e)-[:CITES {kind: citation.kind, position: citation.position, note: citation.note, discussedAt: citation.discussedAt}]->(p)
RETURN count(*) AS citations`),

  /**
   * Recounts citing episodes and refreshes the notes that describe the paper in search (the first
   * $searchNotes by episode id, as the embedded store).
   */
  importRecountPapers: cypher<{
    paperIds: string[];
    searchNotes: number;
  }>(`UNWIND $paperIds AS paperId
MATCH (p:Paper {id: paperId})
WITH p, COUNT { MATCH (e:Episode)-[:CITES]->(p) RETURN DISTINCT e } AS citationCount,
     COLLECT { MATCH (e:Episode)-[c:CITES]->(p) WHERE c.note IS NOT NULL RETURN c.note ORDER BY e.id, c.position LIMIT $searchNotes } AS notes
SET p.citationCount = citationCount,
    p.searchNotes = reduce(text = '', note IN notes | text + note + ' ')
RETURN count(p) AS papers`),

  /** Papers among $paperIds no episode cites any more are deleted, returning their alias keys. */
  importDropUncitedPapers: cypher<{ paperIds: string[] }>(`UNWIND $paperIds AS paperId
MATCH (p:Paper {id: paperId})
WHERE p.citationCount = 0
WITH p, p.id AS deletedId, [(a:Alias)-[:ALIAS_OF]->(p) | a.key] AS aliasKeys
DETACH DELETE p
RETURN deletedId, aliasKeys`),

  importDropUnusedAliases: cypher<{ aliasKeys: string[] }>(`UNWIND $aliasKeys AS key
MATCH (a:Alias {key: key})
WHERE COUNT { MATCH (a)-[:ALIAS_OF]->(:Paper) } = 0
DELETE a
RETURN count(*) AS aliases`),

  /**
   * The episode, its citations and transcript; the papers it cited are recounted, and dropped at 0,
   * after it.
   */
  removeEpisode: cypher<{ episodeId: string }>(`MATCH (e:Episode {id: $episodeId})
WITH e, [(e)-[:CITES]->(p:Paper) | p.id] AS paperIds, [(e)-[:FEATURES]->(person:Person) | person] AS named
CALL (e) {
  MATCH (e)-[:HAS_PASSAGE]->(t:TranscriptPassage)
  DETACH DELETE t
}
DETACH DELETE e
WITH paperIds, named
// The people no other episode names go with it (people.ts).
CALL (named) {
  UNWIND named AS person
  WITH person
  WHERE COUNT { MATCH (:Episode)-[:FEATURES]->(person) } = 0
  DELETE person
}
RETURN paperIds`),

  /** In the transaction of every import or removal that changed the graph. */
  markGraphChanged: cypher<{ at: string }>(`MERGE (g:GraphChange {key: 'graph'})
SET g.at = $at
RETURN g.at AS at`),

  graphChangedAt: cypher(`MATCH (g:GraphChange {key: 'graph'})
RETURN g.at AS at`),
} as const;
