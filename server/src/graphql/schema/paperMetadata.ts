// What the metadata providers told about a paper (metadata/enrichment.ts), as fields of Paper, and the
// reference edges between papers. Papers known only as a reference come back as Paper too, with
// `referenceOnly: true` and no citing episode.
import type { Author } from '../../domain/metadata.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import {
  ANSWERED_BY_PAPER_ID,
  paperRecordField,
  type PaperRecordShape,
  type PaperShape,
} from '../loaders.ts';
import { metadataLoaders, papersOf } from '../metadataLoaders.ts';
import { countArg } from './args.ts';
import { PaperRef } from './refs.ts';

/** Longest reference list one field returns. */
const MAX_REFERENCES = 200;

const AuthorRef = builder.objectRef<Author>('Author').implement({
  fields: (t) => ({ name: t.exposeString('name') }),
});

const metadataOf = (paper: PaperShape, context: Context) =>
  metadataLoaders(context).metadata(paper.id);

const MetadataStatusEnum = builder.enumType('MetadataStatus', {
  description: 'Whether the providers have described a paper, and if not, why not.',
  values: {
    FETCHED: { description: 'The providers described the paper (see `metadataFetchedAt`)' },
    NOT_FOUND: { description: 'The providers were asked and do not know the paper' },
    PENDING: {
      description:
        'Not fetched yet: the background enrichment will ask the providers (`enrichment` tells how far it is and its last error)',
    },
    DISABLED: { description: 'Never fetched, and metadata fetching is off (ENRICH=false)' },
    REFERENCE_ONLY: {
      description:
        'Known only from another paper’s references: metadata is fetched only for papers an episode cites',
    },
  },
});

/** Fetch outcomes are stored (fetchedAt, found); the rest follows from the paper and the service. */
async function metadataStatus(
  paper: PaperRecordShape,
  context: Context,
): Promise<typeof MetadataStatusEnum.$inferType> {
  const metadata = await metadataOf(paper, context);
  if (metadata?.fetchedAt != null) return metadata.found ? 'FETCHED' : 'NOT_FOUND';
  if (paper.citationCount === 0) return 'REFERENCE_ONLY';
  return context.enrichment ? 'PENDING' : 'DISABLED';
}

builder.objectFields(PaperRef, (t) => ({
  authors: t.field({
    extensions: ANSWERED_BY_PAPER_ID,
    type: [AuthorRef],
    description: 'As the metadata providers list them; empty until fetched',
    complexity: { field: 1, multiplier: 20 },
    resolve: async (paper, _args, context) => (await metadataOf(paper, context))?.authors ?? [],
  }),
  year: t.int({
    extensions: ANSWERED_BY_PAPER_ID,
    nullable: true,
    resolve: async (paper, _args, context) => (await metadataOf(paper, context))?.year ?? null,
  }),
  venue: t.string({
    extensions: ANSWERED_BY_PAPER_ID,
    nullable: true,
    resolve: async (paper, _args, context) => (await metadataOf(paper, context))?.venue ?? null,
  }),
  abstract: t.string({
    extensions: ANSWERED_BY_PAPER_ID,
    nullable: true,
    resolve: async (paper, _args, context) => (await metadataOf(paper, context))?.abstract ?? null,
  }),
  topics: t.stringList({
    extensions: ANSWERED_BY_PAPER_ID,
    description: 'arXiv primary category and categories first, then the fields of study',
    resolve: async (paper, _args, context) => (await metadataOf(paper, context))?.topics ?? [],
  }),
  metadataFetchedAt: t.string({
    extensions: ANSWERED_BY_PAPER_ID,
    nullable: true,
    description: 'When the providers were last asked about this paper (ISO time); null if never',
    resolve: async (paper, _args, context) => (await metadataOf(paper, context))?.fetchedAt ?? null,
  }),
  metadataStatus: t.field({
    type: MetadataStatusEnum,
    description: 'Whether the providers have described this paper, and if not, why not',
    resolve: paperRecordField(metadataStatus),
  }),
  referenceOnly: t.boolean({
    description: 'True for papers known only as another paper’s reference: no episode cites them',
    resolve: paperRecordField((paper) => paper.citationCount === 0),
  }),
  references: t.field({
    extensions: ANSWERED_BY_PAPER_ID,
    type: [PaperRef],
    description: 'Papers this paper cites, in the provider’s order',
    args: {
      first: t.arg.int({ required: true, defaultValue: 50, validate: countArg(MAX_REFERENCES) }),
    },
    complexity: (args) => ({ field: 2, multiplier: args.first }),
    resolve: async (paper, args, context) =>
      papersOf(await metadataLoaders(context).references(paper.id, args.first), context),
  }),
  referencedBy: t.field({
    extensions: ANSWERED_BY_PAPER_ID,
    type: [PaperRef],
    description: 'Papers papergraph knows that cite this paper, by id',
    args: {
      first: t.arg.int({ required: true, defaultValue: 50, validate: countArg(MAX_REFERENCES) }),
    },
    complexity: (args) => ({ field: 2, multiplier: args.first }),
    resolve: async (paper, args, context) =>
      papersOf(await metadataLoaders(context).referencedBy(paper.id, args.first), context),
  }),
}));
