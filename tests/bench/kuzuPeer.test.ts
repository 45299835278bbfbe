// The Kùzu peer's two pure parts: the feed as CSV that Kùzu reads back exactly (quotes, commas, line
// breaks, papers shared by parts) and searches with the same texts papergraph indexes, and the
// side-by-side rows (ratio papergraph ÷ Kùzu, goal, verdict).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Connection, Database, type QueryResult } from 'kuzu';
import { afterAll, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { batchesToCsv, CSV_HEADERS } from './kuzuCsv.ts';
import { type PeerFigures, peerRows, renderPeer } from './kuzuPeer.ts';
import { KUZU_CITED_BY, KUZU_SCHEMA, KUZU_SEARCH_INDEXES } from './kuzuQueries.ts';
import { row } from './report.ts';

const paper = (id: string, title: string | null) => ({
  id,
  title,
  url: null,
  arxivId: null,
  doi: null,
  aliases: [id],
});

const episode = (
  id: string,
  title: string,
  publishedAt: string | null,
  papers: string[],
  note: string | null = null,
) => ({
  id,
  title,
  publishedAt,
  summary: `${title}: a summary`,
  takeaways: ['Drafts are verified'],
  chapters: [{ title: 'Speculative decoding', summary: null }],
  sourcePaperId: papers[0]!,
  recommendations: papers.slice(1).map((paperId) => ({ paperId, note })),
});

type Batch = Pick<ImportBatch, 'episodes' | 'papers'>;
const batch = (value: unknown) => value as Batch;

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function rowsOf(result: Promise<QueryResult | QueryResult[]>) {
  const answered = await result;
  return (Array.isArray(answered) ? answered.at(-1)! : answered).getAll();
}

describe('feed → CSV for Kùzu', () => {
  it('is read back by COPY FROM field for field, each paper once, citations with their kind, and searched by the texts papergraph indexes', async () => {
    const rows = batchesToCsv([
      batch({
        papers: [paper('arxiv:1706.03762', 'Attention, "all" you\nneed'), paper('arxiv:1', null)],
        episodes: [
          episode(
            'ep-a',
            'A, "quoted" title',
            '2024-01-02',
            ['arxiv:1706.03762', 'arxiv:1'],
            'The "reward" models, ranked',
          ),
        ],
      }),
      batch({
        papers: [paper('arxiv:1706.03762', 'Attention, "all" you\nneed')],
        episodes: [episode('ep-b', 'B', null, ['arxiv:1706.03762'])],
      }),
    ]);
    expect(rows.counts).toEqual({ episodes: 2, papers: 2, citations: 3 });
    const dir = await mkdtemp(join(tmpdir(), 'papergraph-kuzu-csv-'));
    dirs.push(dir);
    const files = {
      episodes: join(dir, 'episodes.csv'),
      papers: join(dir, 'papers.csv'),
      citations: join(dir, 'cites.csv'),
    };
    await writeFile(files.episodes, CSV_HEADERS.episodes + rows.episodes);
    await writeFile(files.papers, CSV_HEADERS.papers + rows.papers);
    await writeFile(files.citations, CSV_HEADERS.citations + rows.citations);

    const database = new Database(':memory:');
    const connection = new Connection(database);
    for (const statement of KUZU_SCHEMA) await rowsOf(connection.query(statement));
    await rowsOf(connection.query(`COPY Episode FROM '${files.episodes}' (HEADER=true)`));
    await rowsOf(connection.query(`COPY Paper FROM '${files.papers}' (HEADER=true)`));
    await rowsOf(connection.query(`COPY CITES FROM '${files.citations}' (HEADER=true)`));
    for (const statement of KUZU_SEARCH_INDEXES) await rowsOf(connection.query(statement));

    expect(
      await rowsOf(
        connection.query(
          'MATCH (p:Paper) RETURN p.id AS id, p.title AS title, p.notes AS notes ORDER BY id',
        ),
      ),
    ).toEqual([
      { id: 'arxiv:1', title: null, notes: 'The "reward" models, ranked' },
      { id: 'arxiv:1706.03762', title: 'Attention, "all" you need', notes: null },
    ]);
    expect(
      await rowsOf(
        connection.query(
          'MATCH (e:Episode)-[c:CITES]->(p:Paper) RETURN e.title AS episode, p.id AS paper, c.kind AS kind ORDER BY episode, paper',
        ),
      ),
    ).toEqual([
      { episode: 'A, "quoted" title', paper: 'arxiv:1', kind: 'RECOMMENDED' },
      { episode: 'A, "quoted" title', paper: 'arxiv:1706.03762', kind: 'SOURCE' },
      { episode: 'B', paper: 'arxiv:1706.03762', kind: 'SOURCE' },
    ]);
    const citedBy = await connection.prepare(KUZU_CITED_BY);
    expect(await rowsOf(connection.execute(citedBy, { id: 'arxiv:1706.03762' }))).toEqual([
      { title: 'A, "quoted" title' },
      { title: 'B' },
    ]);
    // Stemmed words of a reading's note (episode and paper) and of a chapter title find their rows.
    const found = async (table: string, index: string, words: string) =>
      (
        await rowsOf(
          connection.query(
            `CALL QUERY_FTS_INDEX('${table}', '${index}', '${words}') RETURN node.id AS id ORDER BY id`,
          ),
        )
      ).map((r) => r['id']);
    expect(await found('Episode', 'episode_text', 'rewarding')).toEqual(['ep-a']);
    expect(await found('Episode', 'episode_text', 'speculative')).toEqual(['ep-a', 'ep-b']);
    expect(await found('Paper', 'paper_text', 'rewards')).toEqual(['arxiv:1']);
    await connection.close();
    await database.close();
  });
});

describe('rows beside Kùzu', () => {
  const goal = { kind: 'atMost', target: 1, unit: 'x' } as const;
  const papergraph = [
    row('import-json', 'import', goal, 1_000),
    row('restart', 'open', goal, 0.5),
    row('restart-cpu', 'open CPU', goal, 0.2),
    row('memory', 'memory', goal, 120),
    row('related-p50', 'related', goal, 0.2),
    row('cited-by-p50', 'citedBy', goal, 2),
  ];
  const latency = (p50: number) => ({ samples: 10, p50, p99: p50 * 2, mean: p50 });
  const kuzu: PeerFigures = {
    version: '0.11.3',
    episodes: 1_000,
    convertSeconds: 0.5,
    loadSeconds: 2,
    indexSeconds: 0.5,
    openMs: 250,
    openCpuMs: 400,
    rssOpen: 100e6,
    rssServing: 150e6,
    related: latency(0.8),
    citedBy: latency(1),
  };

  it('divide papergraph by Kùzu and judge each ratio by its goal', () => {
    const rows = peerRows(papergraph, kuzu);
    expect(rows.map((r) => [r.id, r.value, r.papergraph, r.peer])).toEqual([
      ['peer-import', 2.5, '1,000 episodes/s', '400 episodes/s'],
      ['peer-import-without-search', 2, '1,000 episodes/s', '500 episodes/s'],
      ['peer-open', 2, '0.50 s', '0.25 s'],
      ['peer-open-cpu', 0.5, '0.20 s', '0.40 s'],
      ['peer-memory', 1.2, '120 MB', '100 MB'],
      ['peer-related', 0.25, '0.200 ms', '0.800 ms'],
      ['peer-cited-by', 2, '2.00 ms', '1.00 ms'],
    ]);
    const table = renderPeer(rows, kuzu.version).split('\n');
    const lineOf = (id: string) =>
      table.find((l) => l.startsWith(`| ${rows.find((r) => r.id === id)!.label} `));
    expect(lineOf('peer-import')).toMatch(/\| 2\.50× +\| ≥ 1\.0× +\| pass +\|$/);
    expect(lineOf('peer-open')).toMatch(/\| 2\.00× +\| ≤ 1\.0× +\| MISS \(2\.00× over\) +\|$/);
    expect(lineOf('peer-open-cpu')).toMatch(/\| 0\.50× +\| ≤ 1\.0× +\| pass +\|$/);
    expect(lineOf('peer-memory')).toMatch(/\| 1\.20× +\| ≤ 1\.1× +\| MISS \(9% over\) +\|$/);
    expect(lineOf('peer-related')).toMatch(/\| 0\.25× +\| ≤ 1\.0× +\| pass +\|$/);
  });
});
