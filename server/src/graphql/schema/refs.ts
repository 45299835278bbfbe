// Object refs shared across type files, declared once so episode and paper can point at each other
// without import cycles. Fields holding an id load the record through the request's loaders.ts.
import type { Citation } from '../../domain/model.ts';
import type { ShowView } from '../../store/store.ts';
import { builder } from '../builder.ts';
import type { EpisodeShape, PaperShape } from '../loaders.ts';

/** Lists and links hand over the episode's summary; fields beyond it read the whole record. */
export const EpisodeRef = builder.objectRef<EpisodeShape>('Episode');

/** Papers from papersByIds carry their metadata's title, which the title field shows without a read. */
export const PaperRef = builder.objectRef<PaperShape>('Paper');

export const ShowRef = builder.objectRef<ShowView>('Show');

export const CitationKindEnum = builder.enumType('CitationKind', {
  values: {
    SOURCE: { description: 'The paper the episode is about' },
    RECOMMENDED: { description: 'A recommended reading' },
    MENTIONS: {
      description:
        "A paper the episode's show notes link to; the note is the sentence around the link",
    },
  },
});

export const CitationRef = builder.objectRef<Citation>('Citation').implement({
  description:
    'An episode citing a paper: as its source, as a recommended reading, or as a mention in its notes.',
  fields: (t) => ({
    episode: t.field({
      type: EpisodeRef,
      resolve: (citation, _args, { loaders }) => loaders.episodeSummary(citation.episodeId),
    }),
    paper: t.field({
      type: PaperRef,
      resolve: (citation, _args, { loaders }) => loaders.paper(citation.paperId),
    }),
    kind: t.expose('kind', { type: CitationKindEnum }),
    note: t.exposeString('note', { nullable: true }),
    discussedAt: t.int({
      nullable: true,
      description:
        "The second of the episode's audio at which its transcript first discusses the paper (feeds fetched from a URL with a podcast:transcript); null when unknown",
      resolve: (citation) => citation.discussedAt ?? null,
    }),
  }),
});
