// The full shape of the rows the Neo4j store reads, checked on a live server: the store itself
// reads them by shape with cheap type checks (records.ts), so a statement that drifts from what the
// mapping expects fails here. Also PROFILEs the ordered pages: newest-first and most-cited come from
// their range indexes, never a scan of the whole label and a sort of it.
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CYPHER,
  type CypherParams,
  type StatementName,
} from '../../server/src/store/neo4j/cypher.ts';
import { toCypherValue } from '../../server/src/store/neo4j/driver.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { neo4jStoreFactory, neo4jTestSettings } from '../helpers/neo4j.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'live Neo4j: row shapes and index-backed orders'
    : `live Neo4j: row shapes and index-backed orders (skipped: ${settings.skipReason})`;

/** A value's type, as the mapping in records.ts sees it: lists and maps described member by member. */
type Shape = string | Shape[] | { [key: string]: Shape };
function shapeOf(value: unknown): Shape {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return [...new Set(value.map((v) => JSON.stringify(shapeOf(v))))].map(
      (v) => JSON.parse(v) as Shape,
    );
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, shapeOf(v)]));
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value;
}
const stringOrNull = expect.stringMatching(/^(string|null)$/);
const citation = {
  paperId: 'string',
  kind: 'string',
  note: stringOrNull,
  position: 'int',
  discussedAt: expect.stringMatching(/^(int|null)$/),
};
const episodeRecord = (citations: number) => ({
  id: 'string',
  title: 'string',
  publishedAt: stringOrNull,
  paperPublishedAt: stringOrNull,
  durationMinutes: expect.stringMatching(/^(int|null)$/),
  summary: stringOrNull,
  takeaways: expect.anything(),
  chaptersJson: 'string',
  extrasJson: stringOrNull,
  sourcePaperId: 'string',
  showId: stringOrNull,
  citations: citations === 0 ? [] : expect.arrayContaining([citation]),
});
const episodeSummary = {
  id: 'string',
  title: 'string',
  publishedAt: stringOrNull,
  sourcePaperId: 'string',
};
const paper = {
  id: 'string',
  title: stringOrNull,
  url: 'string',
  arxivId: stringOrNull,
  doi: stringOrNull,
  aliases: ['string'],
  citationCount: 'int',
};

const classic = arxivPaper('1706.03762', 'Attention Is All You Need');
const sources = Array.from({ length: 30 }, (_, i) =>
  arxivPaper(`2402.${10_000 + i}`, `Paper ${i}`),
);
const episodes = sources.map((source, i) =>
  episode({
    title: `Episode ${i}`,
    source,
    recommends: [classic],
    publishedAt: i % 7 === 0 ? null : `2026-0${(i % 9) + 1}-1${i % 10}`,
  }),
);

describe.skipIf(settings.skipReason !== undefined)(title, () => {
  const factory = neo4jStoreFactory();
  let store: GraphStore;
  let driver: Driver;
  const database =
    settings.connection?.database === undefined ? {} : { database: settings.connection.database };

  async function rows<K extends StatementName>(name: K, params: CypherParams[K], prefix = '') {
    const result = await driver.executeQuery(
      prefix + CYPHER[name],
      toCypherValue(params) as Record<string, unknown>,
      database,
    );
    return result;
  }

  beforeAll(async () => {
    store = await factory.create();
    await store.importBatch(batchOf(episodes, [classic, ...sources]));
    const connection = settings.connection!;
    driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
      disableLosslessIntegers: true,
    });
  }, 180_000);
  afterAll(async () => {
    await driver?.close();
    await store?.close();
    await factory.cleanup();
  });

  it('episode, summary, paper and page rows have the shapes records.ts reads', async () => {
    const ids = episodes.slice(0, 3).map((e) => e.id);
    const heavy = await rows('episodesByIds', { ids });
    expect(heavy.records).toHaveLength(3);
    for (const record of heavy.records)
      expect(shapeOf(record.get('episode'))).toStrictEqual(episodeRecord(2));
    const light = await rows('episodeSummariesByIds', { ids });
    expect(light.records).toHaveLength(3);
    for (const record of light.records)
      expect(shapeOf(record.get('episode'))).toStrictEqual(episodeSummary);
    const papers = await rows('papersByIds', { ids: [classic.id, sources[0]!.id] });
    expect(papers.records).toHaveLength(2);
    for (const record of papers.records) {
      expect(shapeOf(record.get('paper'))).toStrictEqual(paper);
      expect(record.get('metadataTitle')).toBeNull();
    }
    const citedBy = await rows('paperCitedBy', {
      keys: ['arxiv:0000.00000', 'https://arxiv.org/abs/1706.03762'],
      limit: 5,
    });
    expect(citedBy.records).toHaveLength(1);
    expect(citedBy.records[0]!.get('citations')).toHaveLength(5);
    expect(citedBy.records[0]!.keys).toEqual(['paper', 'citations']);
    expect(shapeOf(citedBy.records[0]!.get('paper'))).toStrictEqual(paper);
    // Each citation a list: kind, note, position, time, then its episode's summary.
    for (const columns of citedBy.records[0]!.get('citations') as unknown[][])
      expect(columns.map(shapeOf)).toStrictEqual([
        'string',
        stringOrNull,
        'int',
        expect.stringMatching(/^(int|null)$/),
        ...Object.values(episodeSummary),
      ]);
    const newest = await rows('listEpisodes', { offset: 0, limit: 5, whole: true });
    expect(shapeOf(newest.records[0]!.toObject())).toStrictEqual({
      totalCount: 'int',
      items: expect.arrayContaining([episodeRecord(2)]),
    });
    // The listing: the summary and the readings, not the source's citation or the heavy properties.
    const listed = await rows('listEpisodes', { offset: 0, limit: 5, whole: false });
    expect(shapeOf(listed.records[0]!.toObject())).toStrictEqual({
      totalCount: 'int',
      items: [{ ...episodeSummary, citations: [citation] }],
    });
    expect(
      (listed.records[0]!.get('items') as { citations: { kind: string }[] }[]).flatMap((item) =>
        item.citations.map((c) => c.kind),
      ),
    ).toEqual(Array(5).fill('RECOMMENDED'));
    const cited = await rows('listPapers', { minCitations: 1, offset: 0, limit: 5 });
    expect(shapeOf(cited.records[0]!.toObject())).toStrictEqual({
      totalCount: 'int',
      items: [paper],
    });
    expect(cited.records[0]!.get('items')[0].id).toBe(classic.id);
  });

  /** Every operator of a profiled plan, depth first. */
  function operators(plan: { operatorType: string; children: unknown[] }): string[] {
    return [
      plan.operatorType,
      ...plan.children.flatMap((child) => operators(child as typeof plan)),
    ];
  }

  it('pages newest first and most cited first from their indexes, with no label scan and no full sort', async () => {
    const profiled = [
      await rows('listEpisodes', { offset: 0, limit: 20, whole: false }, 'PROFILE '),
      await rows(
        'listEpisodesWindow',
        {
          upperKey: '2026-05-15',
          upperId: '',
          lowerKey: '',
          lowerId: '\u{10FFFF}',
          limit: 20,
          whole: false,
        },
        'PROFILE ',
      ),
      await rows(
        'listEpisodesWindowFromEnd',
        {
          upperKey: '\u{10FFFF}',
          upperId: '',
          lowerKey: '',
          lowerId: '\u{10FFFF}',
          limit: 20,
          whole: true,
        },
        'PROFILE ',
      ),
      await rows('listPapers', { minCitations: 1, offset: 0, limit: 20 }, 'PROFILE '),
      await rows(
        'listPapersWindow',
        {
          upperCount: 2,
          upperId: '',
          lowerCount: 1,
          lowerId: '\u{10FFFF}',
          minCitations: 1,
          limit: 20,
        },
        'PROFILE ',
      ),
    ];
    for (const [i, result] of profiled.entries()) {
      const ops = operators(result.summary.profile as never).map((op) => op.split('@')[0]!);
      const plan = `page ${i}: ${ops.join(' < ')}`;
      expect(
        ops.some((op) => op.startsWith('NodeIndexSeek')),
        plan,
      ).toBe(true);
      expect(
        ops.filter((op) => op === 'NodeByLabelScan' || op === 'Sort' || op === 'Top'),
        plan,
      ).toEqual([]);
    }
  });
});
