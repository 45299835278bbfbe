// searchSources on every store: what `search` ranks, read at once, the same answer as the reads it
// replaces (search, searchTranscripts, searchPaperMetadata, resolvePaperKeys, then the nodes they
// name through episodeSummariesByIds and papersByIds); within a show, no metadata hits and no named
// paper.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MetadataEntry } from '../../server/src/domain/metadata.ts';
import type { EpisodeRecord, ImportBatch, ShowRecord } from '../../server/src/domain/model.ts';
import { paperRefCandidates } from '../../server/src/queries/nodeRef.ts';
import type { GraphStore, SearchRequest } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

/** A store's first import also builds its schema: slow on a busy Neo4j. */
const SETUP_TIMEOUT_MS = 180_000;

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const grader = arxivPaper('2606.26080', null);
const show: ShowRecord = {
  id: 'show_0123456789ab',
  title: 'Gradient Descent Fridays',
  link: null,
  imageUrl: null,
  author: null,
  feedUrl: null,
};
const transcribed: EpisodeRecord = {
  ...episode({ title: 'Preference tuning without a reward model', source: dpo, recommends: [ppo] }),
  showId: show.id,
  transcript: [
    { start: 4, text: 'Preference data, collected the usual way.' },
    { start: 812, text: 'The quokka ablation is where the baseline falls apart.' },
  ],
};
const graded = episode({
  title: 'The free grader',
  source: grader,
  recommends: [dpo],
  summary: 'Preference signals hide in the value head.',
});
const batch: ImportBatch = { ...batchOf([transcribed, graded], [dpo, ppo, grader]), shows: [show] };

const sleeper = {
  id: 'arxiv:2401.05566',
  title: 'Sleeper Agents',
  url: 'https://arxiv.org/abs/2401.05566',
  arxivId: '2401.05566',
  doi: null,
};
const graderEntry: MetadataEntry = {
  paperId: grader.id,
  fetchedAt: '2026-06-30T10:00:00.000Z',
  metadata: {
    title: 'The Free Step-Level Grader Hiding in Every RL Training Run',
    authors: [{ name: 'Priya Raman' }],
    year: 2026,
    venue: 'ICML',
    abstract: 'Value estimates already grade reasoning steps.',
    topics: ['cs.LG'],
    arxivId: '2606.26080',
    doi: null,
    publishedAt: '2026-06-23',
  },
  references: [sleeper],
};

const byId = <T extends { id: string }>(list: T[]) =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

function request(query: string, show?: string): SearchRequest {
  return {
    query,
    limit: 10,
    ...(show === undefined ? {} : { show }),
    paperKeys: show === undefined ? paperRefCandidates(query) : [],
  };
}

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name} store: searchSources`, () => {
    let store: GraphStore;

    beforeAll(async () => {
      store = await factory.create();
      await store.importBatch(batch);
      await store.saveMetadata([graderEntry]);
    }, SETUP_TIMEOUT_MS);
    afterAll(async () => {
      await store.close();
      await factory.cleanup();
    });

    /** The same question through the separate reads. */
    async function answeredInParts({ query, limit, show, paperKeys }: SearchRequest) {
      const withinShow = show !== undefined;
      const hits = await store.search(query, limit, show);
      const transcripts = await store.searchTranscripts(query, limit, show);
      const byMetadata = withinShow ? [] : await store.searchPaperMetadata({ text: query }, limit);
      const resolved = withinShow ? [] : await store.resolvePaperKeys(paperKeys);
      const namedPaperId = resolved.find((id) => id !== null) ?? null;
      const episodeIds = [
        ...hits.filter((hit) => hit.kind === 'EPISODE').map((hit) => hit.id),
        ...transcripts.map((hit) => hit.episodeId),
      ];
      const paperIds = [
        ...hits.filter((hit) => hit.kind === 'PAPER').map((hit) => hit.id),
        ...byMetadata.map((hit) => hit.paperId),
        ...(namedPaperId === null ? [] : [namedPaperId]),
      ];
      const episodes = await store.episodeSummariesByIds([...new Set(episodeIds)]);
      const papers = await store.papersByIds([...new Set(paperIds)]);
      return {
        hits,
        transcripts,
        byMetadata,
        namedPaperId,
        episodes: byId(episodes.filter((e) => e !== null)),
        // The papers themselves; papersByIds adds each one's metadata title.
        papers: byId(
          papers.flatMap((p) => (p === null ? [] : [{ ...p, metadataTitle: undefined }])),
        ),
      };
    }

    async function read(asked: SearchRequest) {
      const found = await store.searchSources(asked);
      return { ...found, episodes: byId(found.episodes), papers: byId(found.papers) };
    }

    it.each([
      ['words in titles, summaries and a transcript', request('preference')],
      ['a word only a transcript says', request('quokka')],
      ['an author only the metadata names', request('Raman')],
      ['a paper known only as a reference', request('sleeper agents')],
      ['a paper identifier', request('https://arxiv.org/abs/2305.18290v2')],
      ['a reference identifier', request('arXiv:2401.05566')],
      ['words within a show', request('preference', show.id)],
      ['an identifier within a show', request('arXiv:2305.18290', show.id)],
      ['nothing searchable', request('!!!')],
    ])('answers %s as the separate reads do', async (_what, asked) => {
      expect(await read(asked)).toEqual(await answeredInParts(asked));
    });

    it('finds each source with its nodes', async () => {
      const quokka = await read(request('quokka'));
      expect(quokka.transcripts.map((hit) => [hit.episodeId, hit.startSeconds])).toEqual([
        [transcribed.id, 812],
      ]);
      expect(quokka.episodes.map((e) => e.title)).toEqual([transcribed.title]);

      const raman = await read(request('Raman'));
      expect(raman.byMetadata.map((hit) => hit.paperId)).toEqual([grader.id]);
      expect(raman.papers.map((p) => p.id)).toEqual([grader.id]);

      const reference = await read(request('sleeper agents'));
      expect(reference.hits).toContainEqual(
        expect.objectContaining({ kind: 'PAPER', id: sleeper.id }),
      );
      expect(reference.papers).toContainEqual(
        expect.objectContaining({ id: sleeper.id, title: 'Sleeper Agents', citationCount: 0 }),
      );

      const named = await read(request('https://arxiv.org/abs/2305.18290v2'));
      expect(named.namedPaperId).toBe(dpo.id);
      expect(named.papers.map((p) => p.id)).toContain(dpo.id);

      const inShow = await read(request('preference', show.id));
      expect(inShow.hits.map((hit) => hit.id)).not.toContain(graded.id);
      expect(inShow.byMetadata).toEqual([]);
      expect(inShow.namedPaperId).toBeNull();
    });
  });
}
