// Papers known only as another paper's reference, on every store: papers like the graph's (cited by
// none), found by every identifier their metadata gives, searchable by title, with their reference
// edges both ways, and never counted or listed among the graph's papers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MetadataEntry } from '../../server/src/domain/metadata.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const grader = arxivPaper('2606.26080', 'The free grader');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const batch = batchOf(
  [episode({ title: 'The free grader', source: grader, recommends: [ppo] })],
  [grader, ppo],
);

/** Keyed by its arXiv id; its metadata also gives a DOI, in capitals. */
const sleeper = {
  id: 'arxiv:2401.05566',
  title: 'Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training',
  url: 'https://arxiv.org/abs/2401.05566',
  arxivId: '2401.05566',
  doi: '10.48550/TEST.SLEEPER',
};
/** Keyed by its DOI; its metadata also gives an arXiv id. */
const alphaGo = {
  id: 'doi:10.1038/nature16961',
  title: 'Mastering the game of Go with deep neural networks and tree search',
  url: 'https://doi.org/10.1038/nature16961',
  arxivId: '1601.99999',
  doi: '10.1038/nature16961',
};
const graderEntry: MetadataEntry = {
  paperId: grader.id,
  fetchedAt: '2026-07-01T00:00:00.000Z',
  metadata: null,
  references: [sleeper, alphaGo, { ...ppo, title: 'PPO', arxivId: '1707.06347', doi: null }],
};

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `${factory.name} store: reference-only papers`,
    () => {
      let store: GraphStore;

      beforeAll(async () => {
        store = await factory.create();
        await store.importBatch(batch);
        await store.saveMetadata([graderEntry]);
      });
      afterAll(async () => {
        await store.close();
        await factory.cleanup();
      });

      it('are papers cited by no episode, with what their metadata gives', async () => {
        expect(
          await store.papersByIds([sleeper.id, alphaGo.id, ppo.id, 'arxiv:0000.00000']),
        ).toEqual([
          { ...sleeper, aliases: [sleeper.id], citationCount: 0, metadataTitle: sleeper.title },
          { ...alphaGo, aliases: [alphaGo.id], citationCount: 0, metadataTitle: alphaGo.title },
          // Its title as the grader's reference list gives it.
          { ...ppo, citationCount: 1, metadataTitle: 'PPO' },
          null,
        ]);
      });

      it('are found by their id and by the arXiv id and DOI their metadata gives', async () => {
        expect(
          await store.resolvePaperKeys([
            'arxiv:2401.05566',
            'doi:10.48550/test.sleeper',
            'doi:10.1038/nature16961',
            'arxiv:1601.99999',
            'arxiv:1707.06347',
            'doi:10.0000/unknown',
          ]),
        ).toEqual([sleeper.id, sleeper.id, alphaGo.id, alphaGo.id, ppo.id, null]);
      });

      it('are found by their title, among the papers of the graph', async () => {
        const hits = await store.search('sleeper agents deceptive', 10);
        expect(hits.map(({ kind, id }) => ({ kind, id }))).toEqual([
          { kind: 'PAPER', id: sleeper.id },
        ]);
        expect(hits[0]!.score).toBeGreaterThan(0);
        const go = await store.search('game of Go', 10);
        expect(go.map((hit) => hit.id)).toEqual([alphaGo.id]);
        // The metadata filters stay with the graph's papers.
        expect(await store.searchPaperMetadata({ text: 'sleeper agents' }, 10)).toEqual([]);
      });

      it('know who cites them', async () => {
        expect(await store.referencedByPaperIds([sleeper.id, alphaGo.id], 10)).toEqual([
          [grader.id],
          [grader.id],
        ]);
        expect(await store.referencesByPaperIds([grader.id], 10)).toEqual([
          [sleeper.id, alphaGo.id, ppo.id],
        ]);
      });

      it('stay out of the graph: counts, lists, drawings', async () => {
        expect(await store.stats()).toEqual({ episodes: 1, papers: 2, citations: 2 });
        const listed = await store.listPapers({ offset: 0, limit: 10, minCitations: 0 });
        expect(listed.items.map((paper) => paper.id).sort()).toEqual([ppo.id, grader.id].sort());
        expect(listed.totalCount).toBe(2);
        const drawn = await store.graph({ depth: 1, limit: 100, minCitations: 0 });
        expect(drawn.nodes.map((node) => node.id).sort()).toEqual(
          [batch.episodes[0]!.id, ppo.id, grader.id].sort(),
        );
      });

      it('graph draws the reference edges between its papers when asked', async () => {
        const query = { focus: grader.id, depth: 2, limit: 100, minCitations: 0 };
        expect(await store.graph(query)).not.toHaveProperty('references');
        const drawn = await store.graph({ ...query, references: true });
        expect(drawn.nodes.map((node) => node.id)).toEqual([
          grader.id,
          batch.episodes[0]!.id,
          ppo.id,
        ]);
        // Only edges between drawn papers: the reference-only ones are not drawn.
        expect(drawn.references).toEqual([
          { source: grader.id, target: ppo.id, kind: 'REFERENCES' },
        ]);
        expect((await store.graph({ ...query, depth: 0, references: true })).references).toEqual(
          [],
        );
      });

      it('a later fetch that finds one in the graph keeps it one paper', async () => {
        const copy = await factory.create();
        try {
          await copy.importBatch(batch);
          await copy.saveMetadata([graderEntry]);
          const sleeperPaper = arxivPaper('2401.05566', 'Sleeper Agents');
          await copy.importBatch(
            batchOf([episode({ title: 'Sleepers', source: sleeperPaper })], [sleeperPaper]),
          );
          expect(await copy.papersByIds([sleeper.id])).toEqual([
            { ...sleeperPaper, citationCount: 1, metadataTitle: sleeper.title },
          ]);
          expect(await copy.resolvePaperKeys(['doi:10.48550/test.sleeper'])).toEqual([sleeper.id]);
        } finally {
          await copy.close();
        }
      });
    },
  );
}
