// How episodes connect: an episode's related episodes with the reasons behind each, the cluster it is
// in, and the clusters themselves (docs/relations.md). The store answers from the relations and
// clusters it keeps up to date in every import.
import { MAX_REF_LENGTH } from '../../ids/paperId.ts';
import type { EpisodeRelation, RelationReason } from '../../relations/relatedness.ts';
import type { Cluster } from '../../relations/relationIndex.ts';
import type { ClusterSummary } from '../../store/store.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { LIST_BOUNDS, QUERY_LIMITS } from '../limits.ts';
import { answeredByPaperId } from '../loaders.ts';
import { papersOf } from '../metadataLoaders.ts';
import { selectedArguments, selectedFieldsAt } from '../selection.ts';
import { countArg, relatedFirstArg, textArg } from './args.ts';
import { EpisodeRef, PaperRef } from './refs.ts';

export const RelationKindEnum = builder.enumType('RelationKind', {
  values: {
    SHARED_PAPER: { description: 'Both episodes cite the paper, as their source or a reading' },
    SHARED_REFERENCE: {
      description: 'Both source papers cite the work (bibliographic coupling; from metadata)',
    },
    CO_CITED: { description: 'A paper cites both source papers (co-citation; from metadata)' },
    SIMILAR_TEXT: {
      description:
        'The episodes’ own texts discuss the same things (BM25-weighted cosine over their key terms)',
    },
    SHARED_TOPIC: {
      description:
        'Both source papers have the topic (from metadata); only ever beside another reason',
    },
  },
});

/** The strongest linking papers a list names (the score counts them all). */
const named = (paperIds: readonly string[]) => paperIds.slice(0, LIST_BOUNDS.reasonPapers);

export const RelationReasonRef = builder.objectRef<RelationReason>('RelationReason').implement({
  description: 'One reason two episodes are related: one per kind of link between them.',
  fields: (t) => ({
    kind: t.expose('kind', { type: RelationKindEnum }),
    label: t.exposeString('label', {
      description:
        'For a reader: "both recommend Direct Preference Optimization", "both source papers cite Sleeper Agents", "both discuss speculative decoding, draft length, verification"',
    }),
    weight: t.exposeFloat('weight', {
      description: 'This reason’s share of the relation’s score (same scale as `score`)',
    }),
    papers: t.field({
      type: [PaperRef],
      description: `The linking papers, strongest first (at most ${LIST_BOUNDS.reasonPapers}); empty for SIMILAR_TEXT and SHARED_TOPIC`,
      complexity: { field: 1, multiplier: LIST_BOUNDS.reasonPapers },
      resolve: (reason, _args, context) => papersOf(named(reason.paperIds), context),
    }),
    terms: t.exposeStringList('terms', {
      description:
        'The shared terms (SIMILAR_TEXT) or topics (SHARED_TOPIC), strongest first; empty otherwise',
    }),
  }),
});

const RelatedEpisodeRef = builder.objectRef<EpisodeRelation>('RelatedEpisode').implement({
  fields: (t) => ({
    episode: t.field({
      type: EpisodeRef,
      resolve: (related, _args, { loaders }) => loaders.episodeSummary(related.episodeId),
    }),
    score: t.exposeFloat('score', {
      description:
        'The sum of the reasons’ weights, in Adamic–Adar units: 1.44 (1/ln 2) is one paper only these two episodes cite, and two episodes on one subject score about as much from their texts. Higher is closer; compare scores within a list rather than across corpora (docs/relations.md).',
    }),
    reasons: t.expose('reasons', {
      type: [RelationReasonRef],
      description: 'Why the two are related, strongest first; never empty',
      complexity: { field: 1, multiplier: LIST_BOUNDS.relationReasons },
    }),
    sharedPapers: t.field({
      type: [PaperRef],
      description: `Papers both episodes cite (the SHARED_PAPER reason’s papers), strongest first; \`first\` at most ${LIST_BOUNDS.sharedPapers} (all an episode cites)`,
      args: {
        first: t.arg.int({
          required: true,
          defaultValue: LIST_BOUNDS.reasonPapers,
          validate: countArg(LIST_BOUNDS.sharedPapers),
        }),
      },
      // Costed by what is asked, so a page of episodes with their shared papers stays affordable.
      complexity: (args) => ({ field: 1, multiplier: args.first }),
      // Asked only what the ids answer (`sharedPapers { id }`), the papers are not read.
      resolve: (related, args, { loaders }, info) => {
        const ids = related.sharedPaperIds.slice(0, args.first);
        return selectedFieldsAt(info, []).every(answeredByPaperId)
          ? ids.map((id) => ({ id }))
          : ids.map((id) => loaders.paper(id));
      },
    }),
    sharedReferences: t.field({
      type: [PaperRef],
      description: `Works both source papers cite, and papers citing both; strongest link first (at most ${LIST_BOUNDS.reasonPapers})`,
      complexity: { field: 1, multiplier: LIST_BOUNDS.reasonPapers },
      resolve: (related, _args, context) => papersOf(named(related.sharedReferenceIds), context),
    }),
  }),
});

/** A cluster as an episode or a map names it, or with its members, terms and papers. */
export type ClusterView = ClusterSummary | Cluster;

/** The whole cluster behind a summary, read once per request (loaders.ts findCluster). */
async function details(cluster: ClusterView, context: Context): Promise<Cluster> {
  if ('episodeIds' in cluster) return cluster;
  const found = await context.loaders.findCluster(cluster.id);
  if (found === null) throw new Error(`cluster ${cluster.id} is referenced but not stored`);
  return found;
}

export const ClusterRef = builder.objectRef<ClusterView>('Cluster').implement({
  description:
    'Episodes grouped by community detection (Louvain) over their relations; the id stays the same across re-imports of the same data (docs/relations.md).',
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label', {
      description: 'Its most distinctive terms, then the title of the paper its members cite most',
    }),
    size: t.exposeInt('size', { description: 'Episodes in the cluster' }),
    terms: t.stringList({
      description: 'Its most distinctive terms, strongest first',
      resolve: async (cluster, _args, context) => (await details(cluster, context)).terms,
    }),
    episodes: t.field({
      type: [EpisodeRef],
      description: 'Its most connected episodes first',
      args: {
        first: t.arg.int({
          required: true,
          defaultValue: 10,
          validate: countArg(QUERY_LIMITS.maxClusterMembers),
        }),
      },
      complexity: (args) => ({ field: 2, multiplier: args.first }),
      resolve: async (cluster, args, context) =>
        (await details(cluster, context)).episodeIds
          .slice(0, args.first)
          .map((id) => context.loaders.episodeSummary(id)),
    }),
    papers: t.field({
      type: [PaperRef],
      description: 'Papers two or more of its episodes cite, most cited first',
      args: {
        first: t.arg.int({
          required: true,
          defaultValue: 3,
          validate: countArg(QUERY_LIMITS.maxClusterMembers),
        }),
      },
      complexity: (args) => ({ field: 2, multiplier: args.first }),
      resolve: async (cluster, args, context) =>
        (await details(cluster, context)).topPaperIds
          .slice(0, args.first)
          .map((id) => context.loaders.paper(id)),
    }),
  }),
});

builder.objectFields(EpisodeRef, (t) => ({
  related: t.field({
    type: [RelatedEpisodeRef],
    description:
      'Other episodes ranked by every link between them (shared papers, references, text, topics), each with its reasons; an episode with nothing in common with any other has none.',
    args: {
      first: t.arg.int({
        required: true,
        defaultValue: 5,
        validate: relatedFirstArg,
      }),
    },
    complexity: (args) => ({ field: 2, multiplier: args.first }),
    // Asked with the related episodes, their summaries come with the relations in one read.
    resolve: (episode, args, { loaders }, info) =>
      loaders.related(episode.id, args.first, selectedArguments(info, 'episode').length > 0),
  }),
  cluster: t.field({
    type: ClusterRef,
    nullable: true,
    description: 'The cluster the episode is in; null when it is related to no other episode',
    resolve: (episode, _args, { loaders }) => loaders.clusterOf(episode.id),
  }),
}));

builder.queryFields((t) => ({
  clusters: t.field({
    type: [ClusterRef],
    description: 'Clusters of episodes, largest first (then by id).',
    args: {
      first: t.arg.int({
        required: true,
        defaultValue: QUERY_LIMITS.defaultClusters,
        validate: countArg(QUERY_LIMITS.maxClusters),
      }),
    },
    complexity: (args) => ({ field: 1, multiplier: args.first }),
    resolve: (_root, args, context) => context.store.clusters(args.first),
  }),
  cluster: t.field({
    type: ClusterRef,
    nullable: true,
    description: 'The cluster with this id; null when none has it (any more).',
    args: { id: t.arg.id({ required: true, validate: textArg(MAX_REF_LENGTH) }) },
    resolve: (_root, args, context) => context.loaders.findCluster(String(args.id)),
  }),
}));
