// The generated feed as CSV files for Kùzu's COPY FROM: what papergraph stores that its questions read
// (episodes with title and date, papers with title and ids, citations with their kind). Read from the
// feed's JSON export, the format papergraph's own JSON import reads.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import type { Feed } from './feed.ts';

export interface CsvFiles {
  episodes: string;
  papers: string;
  citations: string;
  counts: { episodes: number; papers: number; citations: number };
}

/** One CSV field: quoted, inner quotes doubled, line breaks flattened (Kùzu's parallel reader needs one line per row). */
function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/[\r\n]+/g, ' ').replace(/"/g, '""')}"`;
}

const csvLine = (fields: (string | number | null | undefined)[]) =>
  `${fields.map(csvField).join(',')}\n`;

/** Rows of one batch; papers already written by an earlier part are skipped. */
export function batchToCsv(
  batch: Pick<ImportBatch, 'episodes' | 'papers'>,
  seenPapers: Set<string>,
): { episodes: string; papers: string; citations: string } {
  let episodes = '';
  let papers = '';
  let citations = '';
  for (const paper of batch.papers) {
    if (seenPapers.has(paper.id)) continue;
    seenPapers.add(paper.id);
    papers += csvLine([paper.id, paper.title, paper.arxivId, paper.doi]);
  }
  for (const episode of batch.episodes) {
    episodes += csvLine([episode.id, episode.title, episode.publishedAt]);
    citations += csvLine([episode.id, episode.sourcePaperId, 'SOURCE', 0]);
    episode.recommendations.forEach((recommendation, i) => {
      citations += csvLine([episode.id, recommendation.paperId, 'RECOMMENDED', i + 1]);
    });
  }
  return { episodes, papers, citations };
}

/** Writes episodes.csv, papers.csv and cites.csv (headers first) for every part of the feed. */
export function feedToCsv(feed: Feed, outDir: string): CsvFiles {
  const files = {
    episodes: join(outDir, 'episodes.csv'),
    papers: join(outDir, 'papers.csv'),
    citations: join(outDir, 'cites.csv'),
  };
  const chunks = {
    episodes: ['id,title,published\n'],
    papers: ['id,title,arxivId,doi\n'],
    citations: ['from,to,kind,position\n'],
  };
  const seenPapers = new Set<string>();
  const counts = { episodes: 0, papers: 0, citations: 0 };
  for (const part of feed.manifest.parts) {
    const batch = JSON.parse(readFileSync(join(feed.dir, part.json), 'utf8')) as ImportBatch;
    const rows = batchToCsv(batch, seenPapers);
    chunks.episodes.push(rows.episodes);
    chunks.papers.push(rows.papers);
    chunks.citations.push(rows.citations);
    counts.episodes += batch.episodes.length;
    counts.citations += batch.episodes.reduce((n, e) => n + 1 + e.recommendations.length, 0);
  }
  counts.papers = seenPapers.size;
  writeFileSync(files.episodes, chunks.episodes.join(''));
  writeFileSync(files.papers, chunks.papers.join(''));
  writeFileSync(files.citations, chunks.citations.join(''));
  return { ...files, counts };
}
