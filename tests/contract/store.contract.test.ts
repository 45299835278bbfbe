// The GraphStore contract: every store in tests/helpers/stores.ts must pass this same file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { GraphView, ImportBatch, PaperRecord } from '../../server/src/domain/model.ts';
import type { EpisodeRelation } from '../../server/src/relations/relatedness.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode, sortedBatch } from '../helpers/batchBuilder.ts';
import { EVERY_CITATION, relatedOf } from '../helpers/storeCalls.ts';
import { storeFactories } from '../helpers/stores.ts';
import {
  batchWith,
  episodes as ep,
  lonelyBatch,
  lonelyEpisode,
  papers as p,
  podcastBatch,
} from './fixtures.ts';

const ids = (view: GraphView | null) => view?.nodes.map((n) => n.id) ?? [];
const sharedPaperWeight = (relation: EpisodeRelation | undefined) =>
  relation?.reasons.find((reason) => reason.kind === 'SHARED_PAPER')?.weight;

for (const factory of storeFactories()) {
  const title = factory.skipReason
    ? `${factory.name} store (skipped: ${factory.skipReason})`
    : `${factory.name} store`;

  describe.skipIf(factory.skipReason !== undefined)(title, () => {
    let store: GraphStore;
    const opened: GraphStore[] = [];
    const open = async () => {
      const s = await factory.create();
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      await factory.cleanup();
    });

    describe('importBatch', () => {
      it('adds every episode and only the cited papers', async () => {
        const result = await store.importBatch(podcastBatch);
        expect(result.added.sort()).toEqual(podcastBatch.episodes.map((e) => e.id).sort());
        expect(result.updated).toEqual([]);
        expect(result.unchanged).toEqual([]);
        // 10 of the 11 fixture papers are cited (attention is only cited by the lonely episode).
        expect(await store.stats()).toEqual({ episodes: 5, papers: 10, citations: 22 });
        expect(await store.papersByIds([p.attention.id])).toEqual([null]);
      });

      it('re-importing the same batch is a no-op', async () => {
        await store.importBatch(podcastBatch);
        const statsBefore = await store.stats();
        const exportBefore = await store.exportBatch();
        const again = await store.importBatch(podcastBatch);
        expect(again).toEqual({
          added: [],
          updated: [],
          unchanged: podcastBatch.episodes.map((e) => e.id),
        });
        expect(await store.stats()).toEqual(statsBefore);
        expect(await store.exportBatch()).toEqual(exportBefore);
      });

      it('updates a changed episode in place, dropping a recommendation and its orphaned paper', async () => {
        await store.importBatch(podcastBatch);
        // Read first, as a viewer would: whatever a store keeps of it must follow the update.
        expect(await store.episodesByIds([ep.r1.id])).toEqual([ep.r1]);
        const changed = {
          ...ep.r1,
          title: 'DeepSeek-R1: Reinforcement Learning Is All You Need',
          recommendations: ep.r1.recommendations.filter((r) => r.paperId !== p.rewardHacking.id),
        };
        const result = await store.importBatch(batchWith(changed, ep.grpo));
        expect(result).toEqual({ added: [], updated: [ep.r1.id], unchanged: [ep.grpo.id] });
        expect(await store.stats()).toEqual({ episodes: 5, papers: 9, citations: 21 });
        expect(await store.episodesByIds([ep.r1.id])).toEqual([changed]);
        expect(await store.papersByIds([p.rewardHacking.id])).toEqual([null]);
        expect(
          await store.resolvePaperKeys([p.rewardHacking.id, p.rewardHacking.aliases[0]!]),
        ).toEqual([null, null]);
        expect(
          ids(await store.graph({ focus: ep.r1.id, depth: 1, limit: 50, minCitations: 1 })),
        ).not.toContain(p.rewardHacking.id);
        // Search follows the update: the old note is gone, the new title is found.
        expect((await store.search('gamed', 10)).map((h) => h.id)).not.toContain(ep.r1.id);
        expect((await store.search('all you need', 10)).map((h) => h.id)).toContain(ep.r1.id);
        // Papers the episode still cites keep their counts.
        const [ppo] = await store.papersByIds([p.ppo.id]);
        expect(ppo?.citationCount).toBe(3);
      });

      it('shows a paper as the latest import left it, also right after it was read', async () => {
        await store.importBatch(batchWith(ep.grpo));
        const [before] = await store.papersByIds([p.ppo.id]);
        expect(before?.citationCount).toBe(1);
        await store.importBatch(batchWith(ep.r1));
        const [after] = await store.papersByIds([p.ppo.id]);
        expect(after?.citationCount).toBe(2);
        await store.importBatch(
          batchWith({
            ...ep.r1,
            recommendations: ep.r1.recommendations.filter((r) => r.paperId !== p.ppo.id),
          }),
        );
        expect((await store.papersByIds([p.ppo.id]))[0]?.citationCount).toBe(1);
      });

      it('adds a paper an update newly cites and counts it', async () => {
        await store.importBatch(podcastBatch);
        const extra = arxivPaper(
          '2312.08935',
          'Math-Shepherd: Verify and Reinforce LLMs Step-by-step without Human Annotations',
        );
        const changed = {
          ...ep.prm,
          recommendations: [...ep.prm.recommendations, { paperId: extra.id, note: null }],
        };
        const result = await store.importBatch(batchOf([changed], [...podcastBatch.papers, extra]));
        expect(result.updated).toEqual([ep.prm.id]);
        expect((await store.papersByIds([extra.id]))[0]).toEqual({
          ...extra,
          citationCount: 1,
          metadataTitle: null,
        });
        expect(await store.stats()).toEqual({ episodes: 5, papers: 11, citations: 23 });
      });

      it('merges what batches say about a paper: the newest title wins, aliases accumulate in first-seen order', async () => {
        const shared: PaperRecord = {
          ...arxivPaper('2310.00001', null),
          aliases: ['arXiv:2310.00001'],
        };
        const a = episode({
          title: 'A',
          source: arxivPaper('2310.10001', null),
          recommends: [shared],
        });
        const b = episode({
          title: 'B',
          source: arxivPaper('2310.10002', null),
          recommends: [shared],
        });
        const c = episode({
          title: 'C',
          source: arxivPaper('2310.10003', null),
          recommends: [shared],
        });
        const titled = {
          ...shared,
          title: 'The Real Title',
          aliases: ['https://arxiv.org/abs/2310.00001', 'arXiv:2310.00001'],
        };
        const retitled = {
          ...shared,
          title: 'Another Wording',
          aliases: ['https://arxiv.org/pdf/2310.00001'],
        };
        await store.importBatch(batchOf([a], [shared, arxivPaper('2310.10001', null)]));
        await store.importBatch(batchOf([b], [titled, arxivPaper('2310.10002', null)]));
        await store.importBatch(batchOf([c], [retitled, arxivPaper('2310.10003', null)]));
        const [merged] = await store.papersByIds([shared.id]);
        expect(merged).toEqual({
          ...shared,
          title: 'Another Wording',
          aliases: [
            'arXiv:2310.00001',
            'https://arxiv.org/abs/2310.00001',
            'https://arxiv.org/pdf/2310.00001',
          ],
          citationCount: 3,
          metadataTitle: null,
        });
      });

      it('keeps every listed citation but counts a paper cited twice by one episode once', async () => {
        // The source recommended again, and one paper recommended twice: feeds do this.
        const twice = {
          ...ep.prm,
          recommendations: [
            { paperId: p.verify.id, note: 'The paper itself.' },
            { paperId: p.processOutcome.id, note: null },
            { paperId: p.processOutcome.id, note: 'Mentioned again.' },
          ],
        };
        await store.importBatch(batchWith(twice));
        expect(await store.stats()).toEqual({ episodes: 1, papers: 2, citations: 4 });
        expect(
          (await store.papersByIds([p.verify.id, p.processOutcome.id])).map(
            (x) => x?.citationCount,
          ),
        ).toEqual([1, 1]);
        expect(
          (await store.citationsByPaperIds([p.verify.id], EVERY_CITATION))[0]?.map((c) => [
            c.kind,
            c.position,
          ]),
        ).toEqual([
          ['SOURCE', 0],
          ['RECOMMENDED', 1],
        ]);
        const view = await store.graph({ focus: twice.id, depth: 1, limit: 10, minCitations: 1 });
        expect(view.nodes[0]).toMatchObject({ id: twice.id, weight: 2 });
        expect(view.edges).toEqual([
          { source: twice.id, target: p.processOutcome.id, kind: 'RECOMMENDED' },
          { source: twice.id, target: p.verify.id, kind: 'SOURCE' },
        ]);
        expect(await store.episodesByIds([twice.id])).toEqual([twice]);
        expect((await store.importBatch(batchWith(twice))).unchanged).toEqual([twice.id]);
      });

      it('rejects an invalid batch naming the problem, and writes nothing', async () => {
        await store.importBatch(podcastBatch);
        const before = await store.exportBatch();
        const missing = arxivPaper('2404.99999', 'Not in the batch');
        const newEpisode = episode({
          title: 'New and valid',
          source: arxivPaper('2404.11111', null),
        });
        const citesMissing = episode({
          title: 'Cites a ghost',
          source: arxivPaper('2404.22222', null),
          recommends: [missing],
        });
        const bad: ImportBatch = {
          episodes: [newEpisode, citesMissing],
          papers: [arxivPaper('2404.11111', null), arxivPaper('2404.22222', null)],
        };
        await expect(store.importBatch(bad)).rejects.toThrow(/2404\.99999/);
        const badUrl = {
          ...batchWith(ep.grpo),
          papers: batchWith(ep.grpo).papers.map((x, i) =>
            i === 0 ? { ...x, url: 'javascript:alert(1)' } : x,
          ),
        };
        await expect(store.importBatch(badUrl)).rejects.toThrow(/papers\.0\.url/);
        const badDate = {
          ...podcastBatch,
          episodes: [{ ...ep.dpo, title: 'Changed', publishedAt: '11 April 2026' }],
        };
        await expect(store.importBatch(badDate)).rejects.toThrow(/Changed/);
        expect(await store.exportBatch()).toEqual(before);
        expect(await store.stats()).toEqual({ episodes: 5, papers: 10, citations: 22 });
        expect(await store.episodesByIds([newEpisode.id])).toEqual([null]);
      });

      it('serialises concurrent imports in call order', async () => {
        const first = batchWith(ep.grpo, ep.r1, ep.dpo);
        const changedR1 = { ...ep.r1, summary: 'A second take on the same paper.' };
        const second = batchWith(changedR1, ep.dpo, ep.prm);
        const results = await Promise.all([
          store.importBatch(first),
          store.importBatch(second),
          store.importBatch(first),
        ]);
        expect(results).toEqual([
          { added: [ep.grpo.id, ep.r1.id, ep.dpo.id], updated: [], unchanged: [] },
          { added: [ep.prm.id], updated: [ep.r1.id], unchanged: [ep.dpo.id] },
          { added: [], updated: [ep.r1.id], unchanged: [ep.grpo.id, ep.dpo.id] },
        ]);
        const sequential = await open();
        for (const batch of [first, second, first]) await sequential.importBatch(batch);
        expect(await store.exportBatch()).toEqual(await sequential.exportBatch());
        expect(await store.stats()).toEqual(await sequential.stats());
      });
    });

    describe('importBatches', () => {
      it('imports batches as one import: each sees the ones before it, one result per batch', async () => {
        const changedR1 = { ...ep.r1, summary: 'A second take on the same paper.' };
        const results = await store.importBatches([
          batchWith(ep.grpo, ep.r1),
          batchWith(changedR1, ep.dpo),
          batchWith(ep.grpo),
        ]);
        expect(results).toEqual([
          { added: [ep.grpo.id, ep.r1.id], updated: [], unchanged: [] },
          { added: [ep.dpo.id], updated: [ep.r1.id], unchanged: [] },
          { added: [], updated: [], unchanged: [ep.grpo.id] },
        ]);
        const oneByOne = await open();
        for (const batch of [batchWith(ep.grpo, ep.r1), batchWith(changedR1, ep.dpo)])
          await oneByOne.importBatch(batch);
        expect(await store.exportBatch()).toEqual(await oneByOne.exportBatch());
        expect(await store.stats()).toEqual(await oneByOne.stats());
        expect(await relatedOf(store, ep.dpo.id, 5)).toEqual(
          await relatedOf(oneByOne, ep.dpo.id, 5),
        );
      });

      it('stores nothing when the batches stop with an error part way, and passes the error on', async () => {
        await store.importBatch(batchWith(ep.grpo));
        const before = await store.exportBatch();
        const broken = new Error('the third feed could not be read');
        async function* feeds() {
          yield batchWith(ep.r1, ep.dpo);
          yield batchWith({ ...ep.grpo, title: 'Renamed' });
          throw broken;
        }
        await expect(store.importBatches(feeds())).rejects.toBe(broken);
        expect(await store.exportBatch()).toEqual(before);
        expect(await store.stats()).toEqual({ episodes: 1, papers: 4, citations: 4 });
        expect(await store.episodesByIds([ep.r1.id])).toEqual([null]);
        expect((await store.search('Renamed', 10)).map((h) => h.id)).toEqual([]);
        // The store still takes imports afterwards.
        expect((await store.importBatch(batchWith(ep.r1))).added).toEqual([ep.r1.id]);
      });

      it('answers queries from the store as it was while an import waits for its next batch', async () => {
        await store.importBatch(batchWith(ep.grpo));
        let release!: () => void;
        const nextFeedParsed = new Promise<void>((resolve) => (release = resolve));
        let firstTaken!: () => void;
        const firstBatchTaken = new Promise<void>((resolve) => (firstTaken = resolve));
        async function* feeds() {
          yield batchWith(ep.r1);
          firstTaken();
          await nextFeedParsed;
          yield batchWith(ep.dpo);
        }
        const importing = store.importBatches(feeds());
        await firstBatchTaken;
        expect(await store.stats()).toEqual({ episodes: 1, papers: 4, citations: 4 });
        expect(await store.episodesByIds([ep.r1.id])).toEqual([null]);
        expect((await store.listEpisodes({ offset: 0, limit: 10 })).totalCount).toBe(1);
        release();
        expect((await importing).map((r) => r.added)).toEqual([[ep.r1.id], [ep.dpo.id]]);
        expect((await store.episodesByIds([ep.r1.id, ep.dpo.id])).map((e) => e?.id)).toEqual([
          ep.r1.id,
          ep.dpo.id,
        ]);
      });
    });

    describe('lookups', () => {
      beforeEach(async () => {
        await store.importBatch(podcastBatch);
      });

      it('episodesByIds and papersByIds answer in order with null for unknown ids', async () => {
        const found = await store.episodesByIds([
          ep.prm.id,
          'ep_000000000000',
          ep.grpo.id,
          ep.prm.id,
        ]);
        expect(found).toEqual([ep.prm, null, ep.grpo, ep.prm]);
        const papersFound = await store.papersByIds(['arxiv:0000.00000', p.verify.id]);
        expect(papersFound).toEqual([null, { ...p.verify, citationCount: 3, metadataTitle: null }]);
        expect(await store.episodesByIds([])).toEqual([]);
      });

      it('resolvePaperKeys maps canonical ids and stored aliases to paper ids', async () => {
        const keys = [
          p.dpo.id,
          'https://arxiv.org/pdf/2305.18290v2',
          p.alphaGo.aliases[1]!,
          'arxiv:9999.99999',
          p.verify.id,
        ];
        expect(await store.resolvePaperKeys(keys)).toEqual([
          p.dpo.id,
          p.dpo.id,
          p.alphaGo.id,
          null,
          p.verify.id,
        ]);
      });

      it('lists citations source first, then newest episode first, then episode id', async () => {
        const [verify, instructGpt, unknown] = await store.citationsByPaperIds(
          [p.verify.id, p.instructGpt.id, 'arxiv:0000.00000'],
          EVERY_CITATION,
        );
        expect(verify?.map((c) => [c.episodeId, c.kind])).toEqual([
          [ep.prm.id, 'SOURCE'],
          [ep.r1.id, 'RECOMMENDED'],
          [ep.grpo.id, 'RECOMMENDED'],
        ]);
        // prm has no publication date: last.
        expect(instructGpt?.map((c) => c.episodeId)).toEqual([
          ep.fresh.id,
          ep.r1.id,
          ep.grpo.id,
          ep.dpo.id,
          ep.prm.id,
        ]);
        expect(unknown).toEqual([]);
        expect(verify?.[2]).toEqual({
          episodeId: ep.grpo.id,
          paperId: p.verify.id,
          kind: 'RECOMMENDED',
          note: 'Process supervision beats outcome supervision.',
          position: 3,
        });
        expect(verify?.[0]).toMatchObject({ position: 0, note: null });
      });
      it("cuts each paper's citations to the limit, keeping the order the full list starts with", async () => {
        const ids = [p.instructGpt.id, p.verify.id, 'arxiv:0000.00000', p.instructGpt.id];
        const full = await store.citationsByPaperIds(ids, EVERY_CITATION);
        for (const limit of [1, 2, 4]) {
          expect(await store.citationsByPaperIds(ids, limit)).toEqual(
            full.map((list) => list.slice(0, limit)),
          );
        }
        expect(await store.citationsByPaperIds(ids, 0)).toEqual([[], [], [], []]);
      });
    });

    describe('lists and search', () => {
      beforeEach(async () => {
        await store.importBatch(podcastBatch);
      });

      it('pages episodes newest first with nulls last and a correct totalCount', async () => {
        const order = [ep.fresh.id, ep.r1.id, ep.grpo.id, ep.dpo.id, ep.prm.id];
        const pages = await Promise.all(
          [0, 2, 4].map((offset) => store.listEpisodes({ offset, limit: 2 })),
        );
        expect(pages.flatMap((page) => page.items.map((e) => e.id))).toEqual(order);
        expect(pages.map((page) => page.totalCount)).toEqual([5, 5, 5]);
        expect(pages[0]!.items[0]).toEqual(ep.fresh);
        expect(await store.listEpisodes({ offset: 10, limit: 2 })).toEqual({
          items: [],
          totalCount: 5,
        });
      });

      it('pages papers most cited first, filters by minCitations', async () => {
        const all = await store.listPapers({ offset: 0, limit: 100 });
        expect(all.totalCount).toBe(10);
        expect(all.items.slice(0, 3).map((x) => [x.id, x.citationCount])).toEqual([
          [p.instructGpt.id, 5],
          [p.ppo.id, 3],
          [p.verify.id, 3],
        ]);
        const counts = all.items.map((x) => x.citationCount);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
        const popular = await store.listPapers({ offset: 1, limit: 1, minCitations: 3 });
        expect(popular).toEqual({ items: [{ ...p.ppo, citationCount: 3 }], totalCount: 3 });
      });

      it('filters lists by full text, with totalCount under the filter', async () => {
        // "reward": three titles plus R1's recommendation note ("learned rewards").
        const rewardIds = [ep.dpo.id, ep.prm.id, ep.fresh.id, ep.r1.id].sort();
        const page1 = await store.listEpisodes({ offset: 0, limit: 2, search: 'reward' });
        const page2 = await store.listEpisodes({ offset: 2, limit: 2, search: 'reward' });
        expect(page1.totalCount).toBe(4);
        expect(page2.totalCount).toBe(4);
        expect([...page1.items, ...page2.items].map((e) => e.id).sort()).toEqual(rewardIds);
        const papers = await store.listPapers({ offset: 0, limit: 10, search: 'optimization' });
        expect(papers.items.map((x) => x.id).sort()).toEqual([p.dpo.id, p.ppo.id].sort());
        expect(
          (
            await store.listPapers({
              offset: 0,
              limit: 10,
              search: 'optimization',
              minCitations: 3,
            })
          ).items,
        ).toEqual([{ ...p.ppo, citationCount: 3 }]);
        // Nothing searchable typed (blank, punctuation): no filter rather than no results.
        expect(
          (await store.listEpisodes({ offset: 0, limit: 1, search: '  -- ' })).totalCount,
        ).toBe(5);
        expect(
          (await store.listEpisodes({ offset: 0, limit: 1, search: 'zzzunheardof' })).totalCount,
        ).toBe(0);
      });

      it('search ranks a title match above a mention in a summary', async () => {
        const hits = await store.search('verify', 10);
        const episodeHits = hits.filter((h) => h.kind === 'EPISODE').map((h) => h.id);
        expect(episodeHits).toEqual([ep.prm.id, ep.grpo.id]); // prm: title; grpo: summary
        expect(hits).toContainEqual(expect.objectContaining({ kind: 'PAPER', id: p.verify.id }));
        const scores = hits.map((h) => h.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        expect(await store.search('verify', 1)).toHaveLength(1);
      });

      it('search finds a paper by what the episodes recommending it say about it', async () => {
        const hits = await store.search('superhuman', 10);
        expect(hits.filter((h) => h.kind === 'PAPER').map((h) => h.id)).toEqual([p.alphaGo.id]);
        const listed = await store.listPapers({ offset: 0, limit: 10, search: 'superhuman' });
        expect(listed.items.map((x) => x.id)).toEqual([p.alphaGo.id]);
      });

      it('search finds papers by identifier and survives syntax in user input', async () => {
        expect((await store.search('2305.18290', 5)).map((h) => h.id)).toContain(p.dpo.id);
        expect(await store.search('', 5)).toEqual([]);
        expect(await store.search('"(* AND NOT', 5)).toEqual([]);
        expect((await store.search('Let\'s verify "step', 5)).map((h) => h.id)).toContain(
          ep.prm.id,
        );
      });
    });

    describe('graph queries', () => {
      beforeEach(async () => {
        await store.importBatch(podcastBatch);
        await store.importBatch(lonelyBatch);
      });

      it('related: shared papers weigh Adamic–Adar, rare papers first; the score sums the reasons', async () => {
        const related = await relatedOf(store, ep.prm.id, 10);
        const byId = new Map(related.map((r) => [r.episodeId, r]));
        for (const id of [ep.fresh.id, ep.grpo.id, ep.r1.id, ep.dpo.id])
          expect(byId.has(id)).toBe(true);
        const fresh = byId.get(ep.fresh.id);
        const grpo = byId.get(ep.grpo.id);
        expect(sharedPaperWeight(fresh)).toBeCloseTo(1 / Math.log(2) + 1 / Math.log(5), 10);
        expect(fresh?.sharedPaperIds).toEqual([p.processOutcome.id, p.instructGpt.id]);
        expect(sharedPaperWeight(grpo)).toBeCloseTo(1 / Math.log(3) + 1 / Math.log(5), 10);
        expect(grpo?.sharedPaperIds).toEqual([p.verify.id, p.instructGpt.id]);
        for (const relation of related) {
          expect(relation.reasons.length).toBeGreaterThan(0);
          const sum = relation.reasons.reduce((total, reason) => total + reason.weight, 0);
          expect(relation.score).toBeCloseTo(sum, 10);
        }
        const scores = related.map((r) => r.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        expect(await relatedOf(store, ep.prm.id, 1)).toEqual([related[0]]);
        expect(await relatedOf(store, lonelyEpisode.id, 5)).toEqual([]);
        expect(await relatedOf(store, 'ep_000000000000', 5)).toEqual([]);
      });

      it('related for many episodes at once: one list per id, in order, each as asked alone', async () => {
        const ids = [ep.prm.id, 'ep_000000000000', ep.dpo.id, ep.prm.id, lonelyEpisode.id];
        const together = await store.relatedByEpisodeIds(ids, 2);
        const alone = await Promise.all(ids.map((id) => relatedOf(store, id, 2)));
        expect(together).toEqual(alone);
        expect(together.map((list) => list.length)).toEqual([2, 0, 2, 2, 0]);
        expect(await store.relatedByEpisodeIds([ep.prm.id], 0)).toEqual([[]]);
        expect(await store.relatedByEpisodeIds([], 5)).toEqual([]);
      });

      it('related: one shared rare paper outranks two shared ubiquitous ones', async () => {
        // focus and rareMate share `rare` (2 citers); focus and hubMate share two papers 6 episodes cite.
        // Counting shared papers would put hubMate first; Adamic–Adar must not.
        const rare = arxivPaper('2402.00001', 'A niche paper');
        const hubA = arxivPaper('2402.00002', 'Everyone cites this');
        const hubB = arxivPaper('2402.00003', 'Everyone cites this too');
        const source = (i: number) => arxivPaper(`2402.1000${i}`, null);
        const focus = episode({
          title: 'Focus',
          source: source(0),
          recommends: [rare, hubA, hubB],
        });
        const rareMate = episode({ title: 'Rare mate', source: source(1), recommends: [rare] });
        const hubMate = episode({ title: 'Hub mate', source: source(2), recommends: [hubA, hubB] });
        const crowd = [3, 4, 5, 6].map((i) =>
          episode({ title: `Crowd ${i}`, source: source(i), recommends: [hubA, hubB] }),
        );
        const all = [focus, rareMate, hubMate, ...crowd];
        await store.importBatch(
          batchOf(all, [rare, hubA, hubB, ...[0, 1, 2, 3, 4, 5, 6].map(source)]),
        );
        const related = await relatedOf(store, focus.id, 10);
        expect(related[0]?.episodeId).toBe(rareMate.id);
        expect(sharedPaperWeight(related[0])).toBeCloseTo(1 / Math.log(2), 10);
        expect(related[0]?.sharedPaperIds).toEqual([rare.id]);
        const hub = related.find((r) => r.episodeId === hubMate.id);
        expect(sharedPaperWeight(hub)).toBeCloseTo(2 / Math.log(6), 10);
        expect(hub?.sharedPaperIds).toEqual([hubA.id, hubB.id]);
        expect(related[0]?.score).toBeGreaterThan(hub?.score ?? Infinity);
      });

      it('graph around a focus: closest and heaviest first, depth, minCitations, limit', async () => {
        const q = { focus: ep.prm.id, depth: 1, limit: 50, minCitations: 1 };
        const view = await store.graph(q);
        expect(view.nodes).toEqual([
          { id: ep.prm.id, kind: 'EPISODE', label: ep.prm.title, weight: 3 },
          { id: p.instructGpt.id, kind: 'PAPER', label: p.instructGpt.title, weight: 5 },
          { id: p.verify.id, kind: 'PAPER', label: p.verify.title, weight: 3 },
          { id: p.processOutcome.id, kind: 'PAPER', label: p.processOutcome.title, weight: 2 },
        ]);
        expect(view.edges).toEqual([
          { source: ep.prm.id, target: p.instructGpt.id, kind: 'RECOMMENDED' },
          { source: ep.prm.id, target: p.verify.id, kind: 'SOURCE' },
          { source: ep.prm.id, target: p.processOutcome.id, kind: 'RECOMMENDED' },
        ]);
        expect(ids(await store.graph({ ...q, minCitations: 3 }))).toEqual([
          ep.prm.id,
          p.instructGpt.id,
          p.verify.id,
        ]);
        expect(ids(await store.graph({ ...q, limit: 2 }))).toEqual([ep.prm.id, p.instructGpt.id]);
        expect(ids(await store.graph({ ...q, depth: 0 }))).toEqual([ep.prm.id]);
        const two = await store.graph({ ...q, depth: 2 });
        // Second hop: every other connected episode, heaviest first; the lonely one is not reachable.
        expect(ids(two).slice(4)).toEqual([
          ep.r1.id,
          ep.fresh.id,
          ...[ep.grpo.id, ep.dpo.id].sort(),
        ]);
        const nodeIds = new Set(ids(two));
        for (const edge of two.edges)
          expect(nodeIds.has(edge.source) && nodeIds.has(edge.target)).toBe(true);
        // prm's 3 edges, then the others' edges into those papers: r1 2, fresh 2, grpo 2, dpo 1.
        expect(two.edges).toHaveLength(10);
      });

      it('graph keeps a weakly cited focus and does not walk through dropped papers', async () => {
        const view = await store.graph({
          focus: p.rewardHacking.id,
          depth: 2,
          limit: 50,
          minCitations: 3,
        });
        expect(view.nodes[0]).toEqual({
          id: p.rewardHacking.id,
          kind: 'PAPER',
          label: p.rewardHacking.title,
          weight: 1,
        });
        expect(ids(view)).toEqual([
          p.rewardHacking.id,
          ep.r1.id,
          p.instructGpt.id,
          p.ppo.id,
          p.verify.id,
        ]);
        const untitled = await store.graph({
          focus: p.untitled.id,
          depth: 0,
          limit: 5,
          minCitations: 1,
        });
        expect(untitled.nodes[0]?.label).toContain('2606.26453');
        expect(
          await store.graph({ focus: 'arxiv:0000.00000', depth: 2, limit: 50, minCitations: 1 }),
        ).toEqual({ nodes: [], edges: [], truncated: false });
      });

      it('graph without focus: newest episodes with their papers, filtered and limited', async () => {
        const everything = await store.graph({ depth: 1, limit: 1000, minCitations: 1 });
        expect(everything.nodes).toHaveLength(5 + 1 + 10 + 1);
        expect(everything.edges).toHaveLength(22 + 1);
        expect(everything.nodes[0]?.id).toBe(ep.fresh.id);
        const shared = await store.graph({ depth: 1, limit: 1000, minCitations: 2 });
        const sharedPapers = shared.nodes.filter((n) => n.kind === 'PAPER');
        expect(sharedPapers).toHaveLength(7);
        expect(sharedPapers.every((n) => n.weight >= 2)).toBe(true);
        // The lonely episode cites nothing shared, so it is left out.
        expect(
          shared.nodes
            .filter((n) => n.kind === 'EPISODE')
            .map((n) => n.id)
            .sort(),
        ).toEqual(
          Object.values(ep)
            .map((e) => e.id)
            .sort(),
        );
        expect(ids(await store.graph({ depth: 1, limit: 3, minCitations: 1 }))).toEqual([
          ep.fresh.id,
          p.instructGpt.id,
          p.processOutcome.id,
        ]);
        for (const view of [everything, shared]) {
          const nodeIds = new Set(ids(view));
          for (const edge of view.edges)
            expect(nodeIds.has(edge.source) && nodeIds.has(edge.target)).toBe(true);
        }
      });

      it('path: shortest chain in order, null when unconnected or unknown', async () => {
        const path = await store.path(ep.grpo.id, p.untitled.id);
        expect(ids(path)).toEqual([ep.grpo.id, p.instructGpt.id, ep.fresh.id, p.untitled.id]);
        expect(path?.edges).toEqual([
          { source: ep.grpo.id, target: p.instructGpt.id, kind: 'RECOMMENDED' },
          { source: ep.fresh.id, target: p.instructGpt.id, kind: 'RECOMMENDED' },
          { source: ep.fresh.id, target: p.untitled.id, kind: 'SOURCE' },
        ]);
        expect(path?.nodes[3]).toEqual({
          id: p.untitled.id,
          kind: 'PAPER',
          label: expect.stringContaining('2606.26453'),
          weight: 1,
        });
        // Several shortest paths exist here: check length and that each step is a real edge.
        const long = await store.path(p.rewardHacking.id, p.alphaGo.id);
        expect(long?.nodes).toHaveLength(5);
        expect(long?.edges).toHaveLength(4);
        long?.edges.forEach((edge, i) => {
          expect([edge.source, edge.target].sort()).toEqual(
            [long.nodes[i]!.id, long.nodes[i + 1]!.id].sort(),
          );
        });
        expect(await store.path(ep.grpo.id, lonelyEpisode.id)).toBeNull();
        expect(await store.path(ep.grpo.id, 'ep_000000000000')).toBeNull();
        expect(ids(await store.path(ep.grpo.id, ep.grpo.id))).toEqual([ep.grpo.id]);
      });
    });

    describe('stats and export', () => {
      it('counts episodes, papers and citations', async () => {
        expect(await store.stats()).toEqual({ episodes: 0, papers: 0, citations: 0 });
        await store.importBatch(podcastBatch);
        await store.importBatch(lonelyBatch);
        expect(await store.stats()).toEqual({ episodes: 6, papers: 11, citations: 23 });
      });

      it('exports everything as a batch that re-imports unchanged into an empty store', async () => {
        await store.importBatch(podcastBatch);
        await store.importBatch(lonelyBatch);
        const exported = await store.exportBatch();
        expect(exported).toEqual(
          sortedBatch({
            episodes: [...podcastBatch.episodes, ...lonelyBatch.episodes],
            papers: [...podcastBatch.papers, ...lonelyBatch.papers],
          }),
        );
        const copy = await open();
        const result = await copy.importBatch(exported);
        expect(result.added).toHaveLength(6);
        expect(await copy.exportBatch()).toEqual(exported);
        expect(await copy.stats()).toEqual(await store.stats());
        expect((await copy.importBatch(exported)).unchanged).toHaveLength(6);
      });

      it('reports health', async () => {
        const health = await store.health();
        expect(health.store).toBe(store.kind);
        expect(health.reachable).toBe(true);
        expect(health.detail.length).toBeGreaterThan(0);
      });
    });
  });
}
