// searchSources on Neo4j: every source `search` ranks, with the nodes they name, from one statement.
import type { PaperView, SearchHit } from '../../domain/model.ts';
import type { MetadataHit } from '../metadataStore.ts';
import { transcriptMatch } from '../shared/transcripts.ts';
import type { EpisodeSummary, SearchRequest, SearchSources, TranscriptHit } from '../store.ts';
import type { CypherParams, StatementName } from './cypher.ts';
import type { Row } from './driver.ts';
import { EPISODE_SEARCH_FIELDS, PAPER_SEARCH_FIELDS, toLuceneQuery } from './luceneQuery.ts';
import { asString, toEpisodeSummary, toPaperView } from './records.ts';
import { METADATA_SEARCH_FIELDS } from './statements/metadata.ts';

type Read = <K extends StatementName>(statement: K, params: CypherParams[K]) => Promise<Row[]>;

/** The one field of the transcript index (statements/schema.ts). */
export const TRANSCRIPT_SEARCH_FIELDS = { text: 1 } as const;

export async function searchSources(read: Read, request: SearchRequest): Promise<SearchSources> {
  const { query, show } = request;
  const rows = await read('searchSources', {
    episodeQuery: toLuceneQuery(query, EPISODE_SEARCH_FIELDS),
    paperQuery: toLuceneQuery(query, PAPER_SEARCH_FIELDS),
    referenceQuery: toLuceneQuery(query, METADATA_SEARCH_FIELDS),
    transcriptQuery: toLuceneQuery(query, TRANSCRIPT_SEARCH_FIELDS),
    keys: show === undefined ? [...request.paperKeys] : [],
    show: show ?? null,
    limit: Math.max(0, Math.trunc(request.limit)),
  });
  const hits: SearchHit[] = [];
  const transcripts: TranscriptHit[] = [];
  const byMetadata: MetadataHit[] = [];
  let namedPaperId: string | null = null;
  const episodes = new Map<string, EpisodeSummary>();
  const papers = new Map<string, PaperView>();
  // Rows come grouped by source, each group in its own statement's order.
  for (const row of rows) {
    const id = asString(row.id);
    const kind: SearchHit['kind'] = row.kind === 'EPISODE' ? 'EPISODE' : 'PAPER';
    if (row.node !== null) {
      if (kind === 'EPISODE') episodes.set(id, toEpisodeSummary(row.node));
      else papers.set(id, toPaperView(row.node));
    }
    const score = Number(row.score);
    if (row.source === 'HIT') hits.push({ kind, id, score });
    else if (row.source === 'TRANSCRIPT') transcripts.push(transcriptHit(query, id, score, row));
    else if (row.source === 'METADATA') byMetadata.push({ paperId: id, score });
    else namedPaperId = id;
  }
  return {
    hits,
    transcripts,
    byMetadata,
    namedPaperId,
    episodes: [...episodes.values()],
    papers: [...papers.values()],
  };
}

function transcriptHit(query: string, episodeId: string, score: number, row: Row): TranscriptHit {
  const passage = { startsJson: asString(row.startsJson), text: asString(row.text) };
  return { episodeId, score, ...transcriptMatch(query, passage) };
}
