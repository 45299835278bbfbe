// Resolvers that look ahead (server/src/graphql/selection.ts): `paper(ref:)` asks the store for its
// citers in the same read when `citedBy` is selected, `Episode.related` reads the related
// episodes' summaries with the relations when `episode` is selected, and episode list pages (newest
// first, search, a show's, an author's or a topic's) read listings unless an episode is asked for a
// field beyond them; however the selection is written (aliases, fragments, variables,
// @skip/@include), on both executors (graphql-jit and yoga's own), with the same answers as without
// looking ahead.
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { countingStore, createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

describeForEachStore('looking ahead: paper(ref:), related, episode pages', (storeFactory) => {
  let seeded: TestApi;
  let calls: Map<string, number>;
  const executors: [string, TestApi][] = [];
  let paperId: string;
  let citers: number;
  let episodeId: string;

  beforeAll(async () => {
    seeded = await createTestApi({ storeFactory });
    const counted = countingStore(seeded.store);
    calls = counted.calls;
    const shared = { store: counted.store, dataDir: seeded.dataDir, seed: false };
    executors.push(
      ['graphql-jit', await createTestApi({ ...shared, compileAfter: 1 })],
      ['graphql-js', await createTestApi({ ...shared, compileAfter: Number.POSITIVE_INFINITY })],
    );
    const top = (await seeded.store.listPapers({ offset: 0, limit: 1 })).items[0]!;
    paperId = top.id;
    citers = top.citationCount;
    episodeId = (await seeded.store.listEpisodes({ offset: 0, limit: 1 })).items[0]!.id;
  });
  afterAll(async () => {
    await seeded.close();
    await rm(seeded.dataDir, { recursive: true, force: true });
  });

  /** Runs a query twice on each executor (jit compiles on a repeat) and returns the last answer. */
  async function counted(query: string, variables: Record<string, unknown> = {}) {
    const answers: { data: any; calls: Map<string, number> }[] = [];
    for (const [, api] of executors) {
      for (let run = 0; run < 2; run += 1) {
        calls.clear();
        const { data, errors } = await api.query(query, variables);
        expect(errors).toBeUndefined();
        answers.push({ data, calls: new Map(calls) });
      }
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    return answers[0]!;
  }

  describe('paper(ref:) with citedBy', () => {
    const plain = `query ($ref: String!) { paper(ref: $ref) { id citedBy(first: 2) { kind episode { id title } } } }`;

    it('is one store question written out, and the same answer as the loaders give', async () => {
      expect(citers).toBeGreaterThanOrEqual(2);
      const together = await counted(plain, { ref: paperId });
      expect(together.calls.get('paperCitedBy')).toBe(1);
      expect(together.calls.get('citationsByPaperIds')).toBeUndefined();
      expect(together.calls.get('episodeSummariesByIds')).toBeUndefined();
      const apart = await counted(
        `query ($ref: String!) { paper(ref: $ref) { id } cited: papersByRefs(refs: [$ref]) { citedBy(first: 2) { kind episode { id title } } } }`,
        { ref: paperId },
      );
      expect(apart.calls.get('paperCitedBy')).toBeUndefined();
      expect(together.data.paper.citedBy).toEqual(apart.data.cited[0].citedBy);
      expect(together.data.paper.citedBy).toHaveLength(2);
    });

    it.each([
      [
        'in a named fragment',
        `query ($ref: String!) { paper(ref: $ref) { ...P } } fragment P on Paper { citedBy(first: 2) { episode { title } } }`,
      ],
      [
        'in an inline fragment',
        `query ($ref: String!) { paper(ref: $ref) { ... on Paper { citedBy(first: 2) { episode { title } } } } }`,
      ],
      [
        'with first from a variable',
        `query ($ref: String!, $first: Int!) { paper(ref: $ref) { citedBy(first: $first) { episode { title } } } }`,
      ],
      [
        'with the default first',
        `query ($ref: String!) { paper(ref: $ref) { citedBy { episode { title } } } }`,
      ],
      [
        'included by a variable',
        `query ($ref: String!, $yes: Boolean!) { paper(ref: $ref) { citedBy(first: 2) @include(if: $yes) { episode { title } } } }`,
      ],
    ])('is one store question %s', async (_how, query) => {
      const { calls: made, data } = await counted(query, { ref: paperId, first: 2, yes: true });
      expect(made.get('paperCitedBy')).toBe(1);
      expect(made.get('citationsByPaperIds')).toBeUndefined();
      expect(data.paper.citedBy.length).toBeGreaterThanOrEqual(2);
    });

    it('is not asked for when citedBy is skipped by a variable', async () => {
      const { calls: made, data } = await counted(
        `query ($ref: String!, $skip: Boolean!) { paper(ref: $ref) { id citedBy(first: 2) @skip(if: $skip) { episode { title } } } }`,
        { ref: paperId, skip: true },
      );
      expect(data.paper).toEqual({ id: paperId });
      expect(made.get('paperCitedBy')).toBeUndefined();
    });

    it('answers two aliases with their own firsts: one with the paper, the other loaded', async () => {
      const { calls: made, data } = await counted(
        `query ($ref: String!) { paper(ref: $ref) { one: citedBy(first: 1) { episode { id } } two: citedBy(first: 2) { episode { id } } } }`,
        { ref: paperId },
      );
      expect(made.get('paperCitedBy')).toBe(1);
      expect(made.get('citationsByPaperIds')).toBe(1);
      expect(data.paper.one).toHaveLength(1);
      expect(data.paper.two).toHaveLength(2);
      expect(data.paper.two[0]).toEqual(data.paper.one[0]);
    });

    it('asks nothing for a refused first, which the field reports', async () => {
      for (const [, api] of executors) {
        calls.clear();
        const { errors } = await api.query(
          `query ($ref: String!, $first: Int!) { paper(ref: $ref) { citedBy(first: $first) { episode { id } } } }`,
          { ref: paperId, first: 0 },
        );
        expect(errors?.[0]?.message).toContain('Paper.citedBy.first must be ≥ 1');
        expect(calls.get('paperCitedBy')).toBeUndefined();
      }
    });
  });

  // With a whole-record field asked, the episode is read apart and `related` looks ahead itself.
  describe('Episode.related with its episodes', () => {
    const withTitles = `query ($id: ID!) { episode(id: $id) { summary related(first: 3) { score episode { id title } } } }`;

    it('reads the related episodes with the relations, the same answer as apart', async () => {
      const together = await counted(withTitles, { id: episodeId });
      expect(together.calls.get('relatedWithSummaries')).toBe(1);
      expect(together.calls.get('relatedByEpisodeIds')).toBeUndefined();
      expect(together.calls.get('episodeSummariesByIds')).toBeUndefined();
      const related = together.data.episode.related as { episode: { id: string } }[];
      expect(related.length).toBeGreaterThan(0);
      const summaries = await seeded.store.episodeSummariesByIds(related.map((r) => r.episode.id));
      expect(related.map((r) => r.episode)).toEqual(
        summaries.map((summary) => ({ id: summary!.id, title: summary!.title })),
      );
    });

    it.each([
      [
        'in a fragment on RelatedEpisode',
        `query ($id: ID!) { episode(id: $id) { summary related(first: 3) { ...R } } } fragment R on RelatedEpisode { episode { title } }`,
        'relatedWithSummaries',
      ],
      [
        'under an alias',
        `query ($id: ID!) { episode(id: $id) { summary related(first: 3) { other: episode { title } } } }`,
        'relatedWithSummaries',
      ],
      [
        'skipped by a variable',
        `query ($id: ID!, $skip: Boolean!) { episode(id: $id) { summary related(first: 3) { score episode @skip(if: $skip) { title } } } }`,
        'relatedByEpisodeIds',
      ],
      [
        'not selected',
        `query ($id: ID!) { episode(id: $id) { summary related(first: 3) { score } } }`,
        'relatedByEpisodeIds',
      ],
    ])('with the episode %s asks %s', async (_how, query, asked) => {
      const { calls: made } = await counted(query, { id: episodeId, skip: true });
      expect(made.get(asked)).toBe(1);
      expect(made.get('episodeSummariesByIds')).toBeUndefined();
      const other =
        asked === 'relatedByEpisodeIds' ? 'relatedWithSummaries' : 'relatedByEpisodeIds';
      expect(made.get(other)).toBeUndefined();
    });
  });

  describe('episode(id:) asked its related list and nothing beyond the summary', () => {
    const light = `query ($id: ID!) { episode(id: $id) { id title related(first: 3) { score sharedPapers { id } episode { id title } } } }`;

    it('is one store call, the same answer as the whole record and the related list apart', async () => {
      const together = await counted(light, { id: episodeId });
      expect([...together.calls.keys()]).toEqual(['episodeWithRelated']);
      const apart = await counted(
        light.replace('{ id title related', '{ id title summary related'),
        {
          id: episodeId,
        },
      );
      expect(apart.calls.get('episodeWithRelated')).toBeUndefined();
      expect(apart.calls.get('episodesByIds')).toBe(1);
      const { summary: _summary, ...rest } = apart.data.episode;
      expect(together.data.episode).toEqual(rest);
      expect(together.data.episode.related.length).toBeGreaterThan(0);
    });

    it('answers null for an id no episode has, in the same call', async () => {
      const missing = await counted(light, { id: 'ep_000000000000' });
      expect(missing.data.episode).toBeNull();
      expect([...missing.calls.keys()]).toEqual(['episodeWithRelated']);
    });

    it('leaves a second related list under an alias to its own read', async () => {
      const { data, calls: made } = await counted(
        `query ($id: ID!) { episode(id: $id) { a: related(first: 2) { score } b: related(first: 3) { score } } }`,
        { id: episodeId },
      );
      expect(made.get('episodeWithRelated')).toBe(1);
      expect(made.get('relatedByEpisodeIds')).toBe(1);
      expect(data.episode.a).toEqual(data.episode.b.slice(0, 2));
    });
  });

  describe('RelatedEpisode.sharedPapers asked only what the ids answer', () => {
    let sharingId: string;

    beforeAll(async () => {
      const ids = (await seeded.store.listEpisodes({ offset: 0, limit: 100 })).items.map(
        (item) => item.id,
      );
      const lists = await seeded.store.relatedByEpisodeIds(ids, 3);
      const index = lists.findIndex((list) =>
        list.some((relation) => relation.sharedPaperIds.length > 0),
      );
      expect(index).toBeGreaterThanOrEqual(0);
      sharingId = ids[index]!;
    });

    const sharedPapers = (selection: string, fragment = '') =>
      `query ($id: ID!) { episode(id: $id) { related(first: 3) { score sharedPapers(first: 5) ${selection} } } } ${fragment}`;

    /** The shared papers' ids of each related episode, as an answer gives them. */
    const idsOf = (data: any) =>
      (data.episode.related as { sharedPapers: { id: string }[] }[]).map((relation) =>
        relation.sharedPapers.map((paper) => paper.id),
      );

    it('reads no paper for their ids, the same ids as a read of the papers gives', async () => {
      const ids = await counted(sharedPapers('{ id }'), { id: sharingId });
      expect(ids.calls.get('papersByIds')).toBeUndefined();
      const read = await counted(sharedPapers('{ id title url }'), { id: sharingId });
      expect(read.calls.get('papersByIds')).toBe(1);
      expect(idsOf(ids.data).flat().length).toBeGreaterThan(0);
      expect(idsOf(ids.data)).toEqual(idsOf(read.data));
      const stored = await seeded.store.papersByIds(idsOf(read.data).flat());
      expect(
        (read.data.episode.related as { sharedPapers: { url: string }[] }[]).flatMap((relation) =>
          relation.sharedPapers.map((paper) => paper.url),
        ),
      ).toEqual(stored.map((paper) => paper!.url));
    });

    it.each([
      ['with their citers', 0, '{ id citedBy(first: 1) { kind } }', ''],
      ['with their metadata', 0, '{ id authors { name } year }', ''],
      ['in a fragment', 0, '{ ...P }', 'fragment P on Paper { id }'],
      ['under an alias, with a field beyond the id', 1, '{ key: id citationCount }', ''],
      ['with a field beyond the id in a fragment', 1, '{ id ...P }', 'fragment P on Paper { doi }'],
      ['with the metadata status (it needs the citation count)', 1, '{ metadataStatus }', ''],
    ])('%s reads the papers %i times', async (_how, reads, selection, fragment) => {
      const { calls: made } = await counted(sharedPapers(selection, fragment), { id: sharingId });
      expect(made.get('papersByIds') ?? 0).toBe(reads);
    });
  });

  describe('episode list pages', () => {
    const newest = `{ episodes(first: 20) { nodes { id title publishedAt
      source { id title } recommendations { note paper { id title } } mentions { paper { id } } } } }`;

    it('read listings for a page of titles and readings, the same answer as whole records', async () => {
      const light = await counted(newest);
      expect(light.calls.get('listEpisodeListings')).toBe(1);
      expect(light.calls.get('listEpisodes')).toBeUndefined();
      expect(light.calls.get('episodesByIds')).toBeUndefined();
      const heavy = await counted(newest.replace('publishedAt', 'publishedAt summary'));
      expect(heavy.calls.get('listEpisodes')).toBe(1);
      expect(heavy.calls.get('listEpisodeListings')).toBeUndefined();
      expect(heavy.calls.get('episodesByIds')).toBeUndefined();
      const nodes = light.data.episodes.nodes as { recommendations: unknown[] }[];
      expect(nodes.length).toBeGreaterThan(1);
      expect(nodes.some((node) => node.recommendations.length > 0)).toBe(true);
      expect(
        (heavy.data.episodes.nodes as { summary: unknown }[]).map(
          ({ summary: _, ...rest }) => rest,
        ),
      ).toEqual(nodes);
    });

    it.each([
      ['under edges', `{ episodes(first: 3) { edges { node { title summary } } } }`],
      [
        'in a named fragment',
        `{ episodes(first: 3) { nodes { ...E } } } fragment E on Episode { title takeaways }`,
      ],
      [
        'in an inline fragment, under an alias',
        `{ episodes(first: 3) { nodes { ... on Episode { title chapterList: chapters { title } } } } }`,
      ],
      ['as its show', `{ episodes(first: 3) { nodes { title show { id } } } }`],
      ['as its audio', `{ episodes(first: 3) { edges { node { audio { url } } } } }`],
      [
        'in a search',
        `{ episodes(first: 3, search: "preference") { nodes { title durationMinutes } } }`,
      ],
      [
        'included by a variable',
        `query ($yes: Boolean!) { episodes(first: 3) { nodes { title summary @include(if: $yes) } } }`,
      ],
    ])(
      'read whole records, in the page’s one read, for a field beyond the listing %s',
      async (_how, query) => {
        const { calls: made } = await counted(query, { yes: true });
        expect(made.get('listEpisodes')).toBe(1);
        expect(made.get('listEpisodeListings')).toBeUndefined();
        expect(made.get('episodesByIds')).toBeUndefined();
      },
    );

    it.each([
      [
        'skipped by a variable',
        `query ($yes: Boolean!) { episodes(first: 3) { nodes { title summary @skip(if: $yes) } } }`,
      ],
      [
        'with related episodes and clusters',
        `{ episodes(first: 3) { edges { cursor node { id related(first: 2) { episode { title } } cluster { id } } } pageInfo { hasNextPage } totalCount } }`,
      ],
      ['in a search', `{ episodes(first: 3, search: "preference") { nodes { title } } }`],
    ])('read listings with no field beyond them %s', async (_how, query) => {
      const { calls: made } = await counted(query, { yes: true });
      expect(made.get('listEpisodeListings')).toBe(1);
      expect(made.get('listEpisodes')).toBeUndefined();
      expect(made.get('episodesByIds')).toBeUndefined();
    });

    it("read a show's page the same way", async () => {
      const [show] = (await seeded.store.listShows({ offset: 0, limit: 1 })).items;
      const page = (fields: string) =>
        `query ($id: ID!) { show(id: $id) { episodes(first: 5) { nodes { ${fields} } } } }`;
      const light = await counted(page('id title'), { id: show!.id });
      expect(light.calls.get('listEpisodeListings')).toBe(1);
      expect(light.calls.get('listEpisodes')).toBeUndefined();
      const heavy = await counted(page('id title summary'), { id: show!.id });
      expect(heavy.calls.get('listEpisodes')).toBe(1);
      expect(heavy.calls.get('listEpisodeListings')).toBeUndefined();
      expect(light.data.show.episodes.nodes.length).toBeGreaterThan(0);
    });

    it('read an author’s or a topic’s page the same way', async () => {
      const sourced = (await seeded.store.listEpisodes({ offset: 0, limit: 50 })).items.find(
        (episode) => episode.sourcePaperId !== null,
      )!;
      const [paper] = await seeded.store.papersByIds([sourced.sourcePaperId!]);
      await seeded.store.saveMetadata([
        {
          paperId: paper!.id,
          fetchedAt: '2026-07-01T00:00:00.000Z',
          metadata: {
            title: paper!.title ?? 'A lookahead paper',
            authors: [{ name: 'Ada Lookahead' }],
            year: 2024,
            venue: null,
            abstract: null,
            topics: ['Lookahead Studies'],
            arxivId: null,
            doi: null,
            publishedAt: null,
          },
          references: [],
        },
      ]);
      const page = (filter: string, fields: string) =>
        `{ episodes(first: 5, ${filter}) { totalCount nodes { ${fields} } } }`;
      for (const filter of ['author: "lookahead"', 'topic: "lookahead studies"']) {
        const light = await counted(
          page(filter, 'id title source { id } recommendations { note }'),
        );
        expect(light.calls.get('listEpisodeListings')).toBe(1);
        expect(light.calls.get('listEpisodes')).toBeUndefined();
        expect(light.calls.get('episodesByIds')).toBeUndefined();
        const heavy = await counted(
          page(filter, 'id title source { id } recommendations { note } summary'),
        );
        expect(heavy.calls.get('listEpisodes')).toBe(1);
        expect(heavy.calls.get('listEpisodeListings')).toBeUndefined();
        const nodes = light.data.episodes.nodes as { id: string }[];
        expect(nodes.map((node) => node.id)).toContain(sourced.id);
        expect(
          (heavy.data.episodes.nodes as { summary: unknown }[]).map(
            ({ summary: _, ...rest }) => rest,
          ),
        ).toEqual(nodes);
        expect(heavy.data.episodes.totalCount).toBe(light.data.episodes.totalCount);
      }
    });
  });
});
