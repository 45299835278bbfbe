import type { EpisodeRecord, PaperView } from '../../domain/model.ts';
import { builder } from '../builder.ts';
import { QUERY_LIMITS } from '../limits.ts';
import { resolvePaperRef } from '../resolveNodeRef.ts';
import { countArg, textArg } from './args.ts';
import { EpisodeRef, PaperRef } from './refs.ts';

type SearchNode = EpisodeRecord | PaperView;

const SearchResultUnion = builder.unionType('SearchResult', {
  types: [EpisodeRef, PaperRef],
  resolveType: (node: SearchNode) => ('sourcePaperId' in node ? EpisodeRef : PaperRef),
});

const SearchHitRef = builder.objectRef<{ score: number; node: SearchNode }>('SearchHit').implement({
  fields: (t) => ({
    score: t.exposeFloat('score'),
    node: t.expose('node', { type: SearchResultUnion }),
  }),
});

builder.queryFields((t) => ({
  search: t.field({
    type: [SearchHitRef],
    description:
      'Episodes and papers ranked across titles, summaries, takeaways and notes. A query that is a paper identifier (arXiv, DOI, URL) puts that paper first.',
    args: {
      query: t.arg.string({ required: true, validate: textArg(500) }),
      first: t.arg.int({ required: true, defaultValue: 10, validate: countArg(QUERY_LIMITS.maxSearchResults) }),
    },
    complexity: (args) => ({ field: 2, multiplier: args.first }),
    resolve: async (_root, args, context) => {
      const [exactPaperId, hits] = await Promise.all([
        resolvePaperRef(context.loaders, args.query),
        context.store.search(args.query, args.first),
      ]);
      const ranked = hits.filter((hit) => hit.id !== exactPaperId);
      const topScore = ranked.reduce((max, hit) => Math.max(max, hit.score), 0);
      if (exactPaperId !== null) ranked.unshift({ kind: 'PAPER', id: exactPaperId, score: topScore + 1 });
      const { loaders } = context;
      const loaded = await Promise.all(
        ranked.slice(0, args.first).map(async (hit) => ({
          score: hit.score,
          node: hit.kind === 'EPISODE' ? await loaders.findEpisode(hit.id) : await loaders.findPaper(hit.id),
        })),
      );
      return loaded.filter((hit): hit is { score: number; node: SearchNode } => hit.node !== null);
    },
  }),
}));
