// Object refs shared across type files, declared once so episode and paper can point at each other
// without import cycles. Both load through per-request dataloaders: one store call per batch of ids.
import type { Citation, EpisodeRecord, PaperView } from '../../domain/model.ts';
import { builder } from '../builder.ts';

export const EpisodeRef = builder.loadableObjectRef<EpisodeRecord | null, string, string, EpisodeRecord>('Episode', {
  load: (ids, context) => context.store.episodesByIds(ids),
});

export const PaperRef = builder.loadableObjectRef<PaperView | null, string, string, PaperView>('Paper', {
  load: (ids, context) => context.store.papersByIds(ids),
});

export const CitationKindEnum = builder.enumType('CitationKind', {
  values: { SOURCE: { description: 'The paper the episode is about' }, RECOMMENDED: { description: 'A recommended reading' } },
});

export const CitationRef = builder.objectRef<Citation>('Citation').implement({
  description: 'An episode citing a paper, as its source or as a recommended reading.',
  fields: (t) => ({
    episode: t.field({ type: EpisodeRef, resolve: (citation) => citation.episodeId }),
    paper: t.field({ type: PaperRef, resolve: (citation) => citation.paperId }),
    kind: t.expose('kind', { type: CitationKindEnum }),
    note: t.exposeString('note', { nullable: true }),
  }),
});
