// An import and an episode's removal: each runs these in one write transaction, and stamps the graph's
// change time when something changed.
import { cypher } from './declare.ts';

/** One row of `importMergePapers`. */
export interface PaperParam {
  id: string;
  title: string | null;
  url: string;
  arxivId: string | null;
  doi: string | null;
  aliases: string[];
  /** Cited by an added or updated episode of this batch: create it if missing. */
  citedByChange: boolean;
}

/** One row of `importWriteEpisodes`. */
export interface EpisodeParam {
  id: string;
  title: string;
  publishedAt: string | null;
  paperPublishedAt: string | null;
  durationMinutes: number | null;
  summary: string | null;
  takeaways: string[];
  chaptersJson: string;
  /** guid, link, audio, image, unlinked readings (domain/episodeExtras.ts); null when the feed gave none. */
  extrasJson: string | null;
  /** Also a property of its own, indexed: the guid identifies the episode across edits. */
  guid: string | null;
  sourcePaperId: string;
  contentHash: string;
  paperCount: number;
  searchDetails: string;
  searchNotes: string;
}

/** One row of `importWriteCitations`. */
export interface CitationParam {
  episodeId: string;
  paperId: string;
  kind: 'SOURCE' | 'RECOMMENDED';
  position: number;
  note: string | null;
}

export const IMPORT_CYPHER = {
  importStoredHashes: cypher<{ episodeIds: string[] }>(`UNWIND $episodeIds AS episodeId
MATCH (e:Episode {id: episodeId})
RETURN e.id AS id, e.contentHash AS contentHash`),

  /** Drops the citations of episodes about to be rewritten; returns the papers they pointed at. */
  importDetachCitations: cypher<{ episodeIds: string[] }>(`UNWIND $episodeIds AS episodeId
MATCH (:Episode {id: episodeId})-[c:CITES]->(p:Paper)
WITH c, p.id AS paperId
DELETE c
RETURN collect(DISTINCT paperId) AS paperIds`),

  /** Same rules as shared/mergePaper.ts; a paper no changed episode cites is only merged if stored. */
  importMergePapers: cypher<{ papers: PaperParam[] }>(`UNWIND $papers AS paper
OPTIONAL MATCH (stored:Paper {id: paper.id})
WITH paper, stored
WHERE stored IS NOT NULL OR paper.citedByChange
MERGE (p:Paper {id: paper.id})
ON CREATE SET p.citationCount = 0
WITH p, paper, coalesce(p.aliases, []) AS storedAliases
WITH p, paper, storedAliases, storedAliases + [alias IN paper.aliases WHERE NOT alias IN storedAliases] AS aliases
// Whether the SET below changes anything: an import whose papers and episodes all stay as stored
// leaves the graph's change time alone.
WITH p, paper, aliases,
     p.url IS NULL OR size(aliases) > size(storedAliases)
       OR (paper.title IS NOT NULL AND (p.title IS NULL OR paper.title <> p.title))
       OR (p.arxivId IS NULL AND paper.arxivId IS NOT NULL) OR (p.doi IS NULL AND paper.doi IS NOT NULL) AS changed
SET p.title = coalesce(paper.title, p.title),
    p.url = coalesce(p.url, paper.url),
    p.arxivId = coalesce(p.arxivId, paper.arxivId),
    p.doi = coalesce(p.doi, paper.doi),
    p.aliases = aliases,
    p.searchIdentifiers = reduce(text = p.id, alias IN aliases | text + ' ' + alias)
WITH p, aliases, changed
UNWIND aliases AS key
MERGE (a:Alias {key: key})
MERGE (a)-[:ALIAS_OF]->(p)
RETURN count(DISTINCT p) AS papers, count(DISTINCT CASE WHEN changed THEN p END) AS changedPapers`),

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
CREATE (e)-[:CITES {kind: citation.kind, position: citation.position, note: citation.note}]->(p)
RETURN count(*) AS citations`),

  /**
   * Recounts citing episodes and refreshes the notes that describe the paper in search (the first
   * $searchNotes by episode id, as the embedded store); papers left with none are deleted, returning
   * their alias keys.
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
WITH p, citationCount
WHERE citationCount = 0
WITH p, p.id AS deletedId, [(a:Alias)-[:ALIAS_OF]->(p) | a.key] AS aliasKeys
DETACH DELETE p
RETURN deletedId, aliasKeys`),

  importDropUnusedAliases: cypher<{ aliasKeys: string[] }>(`UNWIND $aliasKeys AS key
MATCH (a:Alias {key: key})
WHERE COUNT { MATCH (a)-[:ALIAS_OF]->(:Paper) } = 0
DELETE a
RETURN count(*) AS aliases`),

  /** The episode and its citations; the papers it cited are recounted (and dropped at 0) by importRecountPapers. */
  removeEpisode: cypher<{ episodeId: string }>(`MATCH (e:Episode {id: $episodeId})
WITH e, [(e)-[:CITES]->(p:Paper) | p.id] AS paperIds
DETACH DELETE e
RETURN paperIds`),

  /** In the transaction of every import or removal that changed the graph. */
  markGraphChanged: cypher<{ at: string }>(`MERGE (g:GraphChange {key: 'graph'})
SET g.at = $at
RETURN g.at AS at`),

  graphChangedAt: cypher(`MATCH (g:GraphChange {key: 'graph'})
RETURN g.at AS at`),
} as const;
