// The generated feed as CSV files for Kùzu's COPY FROM: what papergraph stores that its questions read
// (episodes with title and date, papers with title and ids, citations with their kind) and the texts
// papergraph's search indexes hold (the same fields, built by the same functions), so that both sides
// of the bulk-import row load the same text and index it. Read from the feed's JSON export, the format
// papergraph's own JSON import reads.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { citationsOfEpisode, type ImportBatch } from '../../server/src/domain/model.ts';
import { episodeSearchText, paperIdentifiersText } from '../../server/src/store/embedded/rows.ts';
import { PAPER_SEARCH_NOTES } from '../../server/src/store/shared/searchNotes.ts';
import type { Feed } from './feed.ts';

export interface CsvFiles {
  episodes: string;
  papers: string;
  citations: string;
  counts: { episodes: number; papers: number; citations: number };
}

export const CSV_HEADERS = {
  episodes: 'id,title,published,summary,details,notes\n',
  papers: 'id,title,arxivId,doi,identifiers,notes\n',
  citations: 'from,to,kind,position\n',
} as const;

/** One CSV field: quoted, inner quotes doubled, line breaks flattened (Kùzu's parallel reader needs one line per row). */
function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/[\r\n]+/g, ' ').replace(/"/g, '""')}"`;
}

const csvLine = (fields: (string | number | null | undefined)[]) =>
  `${fields.map(csvField).join(',')}\n`;

type Batch = Pick<ImportBatch, 'episodes' | 'papers'>;

/**
 * The rows of every batch, each paper once (the first batch naming it gives its fields); a paper's
 * notes are its citations' notes by episode id then position, at most PAPER_SEARCH_NOTES, as
 * papergraph indexes them.
 */
export function batchesToCsv(batches: Iterable<Batch>): {
  episodes: string;
  papers: string;
  citations: string;
  counts: CsvFiles['counts'];
} {
  const episodes: string[] = [];
  const citations: string[] = [];
  const papers = new Map<string, Batch['papers'][number]>();
  const notes = new Map<string, { episodeId: string; position: number; note: string }[]>();
  for (const batch of batches) {
    for (const paper of batch.papers) if (!papers.has(paper.id)) papers.set(paper.id, paper);
    for (const episode of batch.episodes) {
      const text = episodeSearchText(episode);
      episodes.push(
        csvLine([
          episode.id,
          episode.title,
          episode.publishedAt,
          episode.summary,
          text.details,
          text.notes,
        ]),
      );
      citations.push(csvLine([episode.id, episode.sourcePaperId, 'SOURCE', 0]));
      episode.recommendations.forEach((recommendation, i) => {
        citations.push(csvLine([episode.id, recommendation.paperId, 'RECOMMENDED', i + 1]));
      });
      for (const { paperId, position, note } of citationsOfEpisode(episode)) {
        if (note === null) continue;
        const list = notes.get(paperId) ?? [];
        list.push({ episodeId: episode.id, position, note });
        notes.set(paperId, list);
      }
    }
  }
  const paperLines = [...papers.values()].map((paper) => {
    const cited = (notes.get(paper.id) ?? []).sort(
      (a, b) =>
        (a.episodeId < b.episodeId ? -1 : a.episodeId > b.episodeId ? 1 : 0) ||
        a.position - b.position,
    );
    return csvLine([
      paper.id,
      paper.title,
      paper.arxivId,
      paper.doi,
      paperIdentifiersText(paper),
      cited
        .slice(0, PAPER_SEARCH_NOTES)
        .map((c) => c.note)
        .join('\n'),
    ]);
  });
  return {
    episodes: episodes.join(''),
    papers: paperLines.join(''),
    citations: citations.join(''),
    counts: { episodes: episodes.length, papers: papers.size, citations: citations.length },
  };
}

/** Writes episodes.csv, papers.csv and cites.csv (headers first) for every part of the feed. */
export function feedToCsv(feed: Feed, outDir: string): CsvFiles {
  const files = {
    episodes: join(outDir, 'episodes.csv'),
    papers: join(outDir, 'papers.csv'),
    citations: join(outDir, 'cites.csv'),
  };
  // One part in memory at a time: the large feed's JSON is hundreds of megabytes.
  function* parts(): Generator<ImportBatch> {
    for (const part of feed.manifest.parts)
      yield JSON.parse(readFileSync(join(feed.dir, part.json), 'utf8')) as ImportBatch;
  }
  const rows = batchesToCsv(parts());
  writeFileSync(files.episodes, CSV_HEADERS.episodes + rows.episodes);
  writeFileSync(files.papers, CSV_HEADERS.papers + rows.papers);
  writeFileSync(files.citations, CSV_HEADERS.citations + rows.citations);
  return { ...files, counts: rows.counts };
}
