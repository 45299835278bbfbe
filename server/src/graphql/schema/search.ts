import type { EpisodeRecord, PaperView, SearchHit } from '../../domain/model.ts';
import type { MetadataHit } from '../../store/metadataStore.ts';
import { builder } from '../builder.ts';
import { QUERY_LIMITS } from '../limits.ts';
import { nodeTypeName } from '../nodeType.ts';
import { resolvePaperRef } from '../resolveNodeRef.ts';
import { countArg, textArg } from './args.ts';
import { EpisodeRef, PaperRef } from './refs.ts';

type SearchNode = EpisodeRecord | PaperView;

const SearchResultUnion = builder.unionType('SearchResult', {
  types: [EpisodeRef, PaperRef],
  resolveType: (node: SearchNode) => nodeTypeName(node),
});

const SearchHitRef = builder.objectRef<{ score: number; node: SearchNode }>('SearchHit').implement({
  fields: (t) => ({
    score: t.exposeFloat('score'),
    node: t.expose('node', { type: SearchResultUnion }),
  }),
});

/**
 * The stores' own hits first, then papers only their metadata matched. Scores of the two indexes are
 * not comparable, so the latter get scores below the last own hit, in their own order.
 */
function withMetadataHits(hits: SearchHit[], byMetadata: MetadataHit[]): SearchHit[] {
  const found = new Set(hits.filter((hit) => hit.kind === 'PAPER').map((hit) => hit.id));
  const floor = hits.reduce((min, hit) => Math.min(min, hit.score), Infinity);
  const extra = byMetadata.filter((hit) => !found.has(hit.paperId));
  const below = (i: number) =>
    !Number.isFinite(floor) ? 1 / (i + 1) : floor > 0 ? floor / (i + 2) : floor - (i + 1);
  return [
    ...hits,
    ...extra.map((hit, i) => ({ kind: 'PAPER' as const, id: hit.paperId, score: below(i) })),
  ];
}

builder.queryFields((t) => ({
  search: t.field({
    type: [SearchHitRef],
    description:
      'Episodes and papers ranked across titles, summaries, takeaways and notes, then papers found only through their metadata (titles, authors, abstracts). A query that is a paper identifier (arXiv, DOI, URL) puts that paper first.',
    args: {
      query: t.arg.string({ required: true, validate: textArg(500) }),
      first: t.arg.int({
        required: true,
        defaultValue: 10,
        validate: countArg(QUERY_LIMITS.maxSearchResults),
      }),
    },
    complexity: (args) => ({ field: 2, multiplier: args.first }),
    resolve: async (_root, args, context) => {
      const [exactPaperId, hits, byMetadata] = await Promise.all([
        resolvePaperRef(context.loaders, args.query),
        context.store.search(args.query, args.first),
        context.store.searchPaperMetadata({ text: args.query }, args.first),
      ]);
      const ranked = withMetadataHits(hits, byMetadata).filter((hit) => hit.id !== exactPaperId);
      const topScore = ranked.reduce((max, hit) => Math.max(max, hit.score), 0);
      if (exactPaperId !== null)
        ranked.unshift({ kind: 'PAPER', id: exactPaperId, score: topScore + 1 });
      const { loaders } = context;
      const loaded = await Promise.all(
        ranked.slice(0, args.first).map(async (hit) => ({
          score: hit.score,
          node:
            hit.kind === 'EPISODE'
              ? await loaders.findEpisode(hit.id)
              : await loaders.findPaper(hit.id),
        })),
      );
      return loaded.filter((hit): hit is { score: number; node: SearchNode } => hit.node !== null);
    },
  }),
}));
