import { type RankedNode, searchGraph } from '../../queries/search.ts';
import { builder } from '../builder.ts';
import { QUERY_LIMITS } from '../limits.ts';
import { nodeTypeName } from '../nodeType.ts';
import { countArg, textArg } from './args.ts';
import { EpisodeRef, PaperRef } from './refs.ts';
import { showFilterArg } from './showFilter.ts';

const SearchResultUnion = builder.unionType('SearchResult', {
  types: [EpisodeRef, PaperRef],
  resolveType: (node) => nodeTypeName(node),
});

const TranscriptMatchRef = builder
  .objectRef<NonNullable<RankedNode['transcriptMatch']>>('TranscriptMatch')
  .implement({
    description: 'Where an episode’s transcript holds the words searched for.',
    fields: (t) => ({
      excerpt: t.exposeString('excerpt', {
        description: 'The transcript’s line (cue) that best matches, at most about 200 characters.',
      }),
      startSeconds: t.int({
        nullable: true,
        description:
          'The second of the audio that line starts at (whole seconds); null when the transcript gives it no time.',
        resolve: (match) => match.startSeconds,
      }),
    }),
  });

const SearchHitRef = builder.objectRef<RankedNode>('SearchHit').implement({
  fields: (t) => ({
    score: t.exposeFloat('score'),
    node: t.expose('node', { type: SearchResultUnion }),
    transcriptMatch: t.field({
      type: TranscriptMatchRef,
      nullable: true,
      description:
        'For an episode whose transcript matched: the line and its second; null otherwise (also for an episode found by its title, summary or notes whose transcript does not hold the words).',
      resolve: (hit) => hit.transcriptMatch ?? null,
    }),
  }),
});

builder.queryFields((t) => ({
  search: t.field({
    type: [SearchHitRef],
    description:
      'Episodes and papers ranked across titles, summaries, takeaways and notes, then episodes found only in their transcripts (each with `transcriptMatch`), then papers found only through their metadata (titles, authors, abstracts). A query that is a paper identifier (arXiv, DOI, URL) puts that paper first. With `show`, only that show’s episodes (their transcripts too) and the papers they cite, ranked by the full-text indexes alone.',
    args: {
      query: t.arg.string({ required: true, validate: textArg(500) }),
      first: t.arg.int({
        required: true,
        defaultValue: 10,
        validate: countArg(QUERY_LIMITS.maxSearchResults),
      }),
      ...showFilterArg,
    },
    complexity: (args) => ({ field: 2, multiplier: args.first }),
    resolve: (_root, args, context) =>
      searchGraph(
        context.store,
        args.query,
        args.first,
        args.show == null ? undefined : String(args.show),
      ),
  }),
}));
