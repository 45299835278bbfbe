// The metadata in the API, on every store: Paper's new fields, reference edges both ways, reference-only
// papers, titles filled only where the feed had none, and `enrichment` / `/health`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import { displayTitle } from '../../server/src/metadata/displayTitle.ts';
import type { EnrichmentService } from '../../server/src/metadata/enrichment.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { storeFactories } from '../helpers/stores.ts';
import { fixtureEnrichment, type ProviderServer, startProviderServer } from './providerServer.ts';

describe('displayTitle: the feed stays the authority', () => {
  it.each([
    [
      'Direct Preference Optimization',
      'DPO: Your Language Model is Secretly a Reward Model',
      'Direct Preference Optimization',
    ],
    [null, 'Scheming or Confusion?', 'Scheming or Confusion?'],
    [
      'Direct Preference Optimization: Your Language…',
      'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
      'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
    ],
    [
      'Direct preference optimization: your language ...',
      'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
      'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
    ],
    ['Something else…', 'Direct Preference Optimization', 'Something else…'],
    ['A title', null, 'A title'],
  ])('feed %j, provider %j → %j', (feed, provider, shown) => {
    expect(displayTitle(feed, provider)).toBe(shown);
  });
});

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `metadata API (${factory.name}${factory.skipReason ? `, skipped: ${factory.skipReason}` : ''})`,
    () => {
      let store: GraphStore;
      let providers: ProviderServer;
      let service: EnrichmentService;
      let query: (text: string) => Promise<{ data?: any; errors?: unknown[] }>;
      let health: () => Promise<any>;

      beforeAll(async () => {
        providers = await startProviderServer();
        store = await factory.create();
        await seedIfEmpty(store);
        service = fixtureEnrichment(store, providers);
        const yoga = createPapergraphYoga({ store, adminToken: undefined, enrichment: service });
        query = async (text) => {
          const response = await yoga.fetch(
            new Request('http://papergraph.test/graphql', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query: text }),
            }),
          );
          return (await response.json()) as { data?: any; errors?: unknown[] };
        };
        health = async () =>
          (await yoga.fetch(new Request('http://papergraph.test/health'))).json();
      });
      afterAll(async () => {
        service.close();
        await store.close();
        await factory.cleanup();
        await providers.close();
      });

      it('reports enrichment before and after a run, in GraphQL and /health', async () => {
        expect((await query('{ enrichment { pending done failed lastError } }')).data).toEqual({
          enrichment: { pending: 32, done: 0, failed: 0, lastError: null },
        });
        service.schedule();
        await service.idle();
        expect(
          (await query('{ enrichment { pending done failed lastError } }')).data?.enrichment,
        ).toEqual({ pending: 0, done: 32, failed: 0, lastError: null });
        expect(await health()).toMatchObject({
          reachable: true,
          enrichment: { pending: 0, done: 32 },
        });
      });

      it('a source paper the feed left untitled gets its title, authors, year, venue, abstract and topics', async () => {
        const { data, errors } = await query(`{ paper(ref: "https://arxiv.org/abs/2606.26071v2") {
        title label authors { name } year venue abstract topics referenceOnly metadataFetchedAt
        references(first: 10) { id title referenceOnly citationCount }
        referencedBy(first: 10) { id } } }`);
        expect(errors).toBeUndefined();
        expect(data.paper).toMatchObject({
          title: 'Scheming or Confusion? Auditing Apparent Misbehaviour of Language-Model Agents',
          label: 'Scheming or Confusion? Auditing Apparent Misbehaviour of Language-Model Agents',
          authors: [{ name: 'Mira Okafor' }, { name: 'Tomás Lindqvist' }],
          year: 2026,
          venue: 'arXiv.org',
          abstract: expect.stringMatching(/^Reports of frontier models scheming/),
          topics: ['Computer Science'],
          referenceOnly: false,
          metadataFetchedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          referencedBy: [],
        });
        expect(data.paper.references).toEqual([
          {
            id: 'arxiv:2401.05566',
            title: 'Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training',
            referenceOnly: true,
            citationCount: 0,
          },
          {
            id: 'arxiv:2412.04984',
            title: 'Frontier Models are Capable of In-context Scheming',
            referenceOnly: false,
            citationCount: 1,
          },
        ]);
      });

      it('graph views label source papers by the title metadata gave them', async () => {
        const { data, errors } = await query(
          `{ graph(focus: "ep_9b2a7e40a581", depth: 1, limit: 20) { nodes { id kind label } } }`,
        );
        expect(errors).toBeUndefined();
        const labels = Object.fromEntries(
          data.graph.nodes.map((node: any) => [node.id, node.label]),
        );
        expect(labels['arxiv:2606.26071']).toBe(
          'Scheming or Confusion? Auditing Apparent Misbehaviour of Language-Model Agents',
        );
        // A paper the feed titled keeps the feed's title; a link the providers cannot know keeps its label.
        expect(labels['arxiv:2412.04984']).toBe(
          'Frontier Models are Capable of In-context Scheming',
        );
        expect(labels['url:https://anthropic.com/research/agentic-misalignment']).toBe(
          'Agentic Misalignment: How LLMs Could Be Insider Threats',
        );
      });

      it('a reference-only paper knows who cites it; the feed’s own titles stay', async () => {
        const { data } = await query(`{
        crosscoder: paper(ref: "arXiv:2606.26474") { references(first: 5) { id referencedBy(first: 5) { id } } }
        go: paper(ref: "doi:10.1038/nature16961") { title venue year }
      }`);
        expect(data.crosscoder.references[0]).toEqual({
          id: 'arxiv:2401.05566',
          referencedBy: [{ id: 'arxiv:2606.26071' }, { id: 'arxiv:2606.26474' }],
        });
        // The feed says "Mastering the Game of Go…"; the provider's lower-case spelling does not replace it.
        expect(data.go).toEqual({
          title: 'Mastering the Game of Go with Deep Neural Networks and Tree Search',
          venue: 'Nature',
          year: 2016,
        });
      });

      it('search covers titles, authors and abstracts; papers and episodes filter by author and topic', async () => {
        const { data, errors } = await query(`{
        byAuthor: search(query: "Okafor") { score node { __typename ... on Paper { id } } }
        byAbstract: search(query: "preregister psychology experiments") { node { __typename ... on Paper { id } ... on Episode { id } } }
        papers(author: "okafor") { totalCount edges { node { id } } }
        cs: papers(topic: "CS.LG", first: 3) { totalCount edges { node { id citationCount } } }
        csGrader: papers(topic: "cs.lg", search: "step-level grader") { totalCount edges { node { id } } }
        episodes(topic: "q-bio.NC") { totalCount edges { node { id } } }
        byGo: episodes(author: "silver") { totalCount }
        deepmind: episodes(author: "Aja Huang") { totalCount }
      }`);
        expect(errors).toBeUndefined();
        expect(data.byAuthor).toEqual([
          { score: expect.any(Number), node: { __typename: 'Paper', id: 'arxiv:2606.26071' } },
        ]);
        expect(data.byAbstract.map((hit: any) => hit.node.id)).toContain('arxiv:2606.26448');
        expect(data.papers).toEqual({
          totalCount: 1,
          edges: [{ node: { id: 'arxiv:2606.26071' } }],
        });
        // Categories come from arXiv (the fixture knows three papers): DPO, cited by two episodes, first.
        expect(data.cs).toEqual({
          totalCount: 2,
          edges: [
            { node: { id: 'arxiv:2305.18290', citationCount: 2 } },
            { node: { id: 'arxiv:2606.26453', citationCount: 1 } },
          ],
        });
        expect(data.csGrader).toEqual({ totalCount: 0, edges: [] });
        expect(data.episodes).toEqual({
          totalCount: 1,
          edges: [{ node: { id: 'ep_5834883ebecc' } }],
        });
        // AlphaGo is a reading, not a source: no episode is *about* a paper by its authors.
        expect(data.byGo).toEqual({ totalCount: 0 });
        expect(data.deepmind).toEqual({ totalCount: 0 });
      });
    },
  );
}
