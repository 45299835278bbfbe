import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';

import type { PaperView } from '../../domain/model.ts';
import { MAX_REF_LENGTH, paperLabel } from '../../ids/paperId.ts';
import { filteredPapers, isFiltered } from '../../queries/filteredLists.ts';
import { findPaperByRef, findPaperCitedBy } from '../../queries/nodeRef.ts';
import { builder } from '../builder.ts';
import { QUERY_LIMITS } from '../limits.ts';
import { ANSWERED_BY_PAPER_ID, paperRecordField } from '../loaders.ts';
import { paperTitle } from '../metadataLoaders.ts';
import { selectedArguments } from '../selection.ts';
import { countArg, lookupListArg, lookupSizeOf, nonNegativeArg, textArg } from './args.ts';
import { eitherName, missingArgument } from './graph.ts';
import { metadataFilterArgs, metadataFilterOf } from './metadataFilterArgs.ts';
import { useInstead } from './nodeRef.ts';
import { type KeysetOrder, pageSizeOf, resolveKeysetPage, resolvePage } from './pagination.ts';
import { CitationRef, PaperRef } from './refs.ts';
import { showFilterArg, showFilterOf } from './showFilter.ts';

const CITED_BY_DEFAULT = 100;

PaperRef.implement({
  interfaces: [builder.nodeInterfaceRef()],
  description: 'A paper, one node whatever identifier form pointed at it.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'Canonical key, e.g. arxiv:2305.18290, doi:10.1038/nature16961, url:https://…',
      extensions: ANSWERED_BY_PAPER_ID,
    }),
    title: t.string({
      nullable: true,
      description:
        'The feed’s title; the metadata providers’ where the feed had none or a truncated one',
      resolve: paperRecordField((paper, context) => paperTitle(paper, context)),
    }),
    label: t.string({
      description: 'The title, or a readable label for untitled papers',
      resolve: paperRecordField(async (paper, context) =>
        paperLabel({ id: paper.id, title: await paperTitle(paper, context) }),
      ),
    }),
    url: t.string({
      description: 'External link',
      resolve: paperRecordField((paper) => paper.url),
    }),
    arxivId: t.string({ nullable: true, resolve: paperRecordField((paper) => paper.arxivId) }),
    doi: t.string({ nullable: true, resolve: paperRecordField((paper) => paper.doi) }),
    aliases: t.stringList({
      description: 'Every identifier form the paper was seen under',
      resolve: paperRecordField((paper) => paper.aliases),
    }),
    citationCount: t.int({
      description: 'Episodes citing this paper',
      resolve: paperRecordField((paper) => paper.citationCount),
    }),
    citedBy: t.field({
      type: [CitationRef],
      description: 'Citing episodes: source citations first, then newest episode first.',
      args: {
        first: t.arg.int({
          required: true,
          defaultValue: CITED_BY_DEFAULT,
          validate: countArg(QUERY_LIMITS.maxCitedBy),
        }),
      },
      extensions: ANSWERED_BY_PAPER_ID,
      complexity: (args) => ({ field: 2, multiplier: args.first }),
      resolve: (paper, args, { loaders }) => loaders.citedBy(paper.id, args.first),
    }),
  }),
});

const MOST_CITED_FIRST: KeysetOrder<PaperView, { citationCount: number; id: string }> = {
  list: 'papers',
  keyOf: (paper) => ({ citationCount: paper.citationCount, id: paper.id }),
  schema: z.object({ citationCount: z.number().int().nonnegative(), id: z.string() }),
};

builder.queryFields((t) => ({
  paper: t.field({
    type: PaperRef,
    nullable: true,
    description:
      'A paper by any identifier: arXiv id or URL, DOI or doi.org URL, plain URL, or papergraph id; null when none is known.',
    args: {
      at: t.arg({ type: 'NodeRef', description: 'Null when it names an episode' }),
      ref: t.arg.string({ validate: textArg(MAX_REF_LENGTH), deprecationReason: useInstead('at') }),
    },
    resolve: (_root, args, context, info) => {
      const named = eitherName('paper', ['at', args.at], ['ref', args.ref]);
      if (named === undefined) throw missingArgument('paper', 'at');
      // Asked with its citers, the paper and their page are one question to the store.
      const first = selectedCitedByFirst(info);
      return first === undefined
        ? findPaperByRef(context.loaders, named.ref)
        : findPaperCitedBy(context.loaders, named.ref, first);
    },
  }),
  papersByRefs: t.field({
    type: [PaperRef],
    nullable: { list: false, items: true },
    description: `Many papers at once, by any identifier form as for \`paper(ref:)\`: one entry per reference, in order, null where none is known. At most ${QUERY_LIMITS.maxLookupIds} references.`,
    args: { refs: t.arg.stringList({ required: true, validate: lookupListArg }) },
    complexity: (args) => ({ field: 1, multiplier: lookupSizeOf(args.refs) }),
    resolve: (_root, args, { loaders }) => args.refs.map((ref) => findPaperByRef(loaders, ref)),
  }),
  papers: t.connection({
    type: PaperRef,
    description:
      'Most cited first (then id); with `search`, most relevant first. With `show`, only the papers that show’s episodes cite, their counts still counting every show (not with `author` or `topic`). With `author` or `topic`, only papers whose metadata matches (and `search` then looks in titles, authors and abstracts). Cursors of the most-cited list are keysets (citation count + id) that name the graph version of their page: after an import, later pages follow the order the first page saw, so no paper is repeated or skipped even when an import changed its count (a fresh list shows the new order), and `last` alone gives the least cited. A cursor whose order the server no longer holds is refused with STALE_CURSOR: fetch the list again. Relevance-ranked lists (`search`, `author`, `topic`) page by offset, since their order is a score no stored key reproduces.',
    args: {
      ...metadataFilterArgs({
        author: 'Part of an author’s name, any case',
        topic: 'A topic exactly, any case: arXiv category (cs.LG) or field of study',
      }),
      minCitations: t.arg.int({ validate: nonNegativeArg(1_000_000) }),
      ...showFilterArg,
    },
    complexity: (args) => ({ field: 1, multiplier: pageSizeOf(args) }),
    resolve: (_root, args, context) => {
      const filter = metadataFilterOf(args);
      const minCitations = args.minCitations ?? undefined;
      const show = showFilterOf('papers', args.show, { author: args.author, topic: args.topic });
      if (isFiltered(filter))
        return resolvePage(args, (offset, limit) =>
          filteredPapers(context.store, { ...filter, minCitations }, offset, limit),
        );
      if (filter.text !== undefined) {
        return resolvePage(args, (offset, limit) =>
          context.store.listPapers({ offset, limit, search: filter.text, minCitations, show }),
        );
      }
      return resolveKeysetPage(
        args,
        MOST_CITED_FIRST,
        (keyset, limit) =>
          context.store.listPapers({ offset: 0, limit, minCitations, keyset, show }),
        // An import can raise a count past a cursor: cursors page on in the order they started in.
        {
          store: context.store,
          variant: `minCitations=${minCitations ?? 0};show=${show ?? ''}`,
          byId: (id) => context.loaders.findPaper(id),
        },
      );
    },
  }),
}));

/**
 * The `first` of a `citedBy` selected on this paper (written out, in fragments, under an alias; not
 * one skipped); undefined when none is, or when its value is one the field refuses (the field then
 * reports it). With several (aliases), the first is read with the paper; the others load as usual.
 */
function selectedCitedByFirst(info: GraphQLResolveInfo): number | undefined {
  return selectedArguments(info, 'citedBy')
    .map((args) => args.first)
    .find(
      (first): first is number =>
        Number.isInteger(first) &&
        (first as number) >= 1 &&
        (first as number) <= QUERY_LIMITS.maxCitedBy,
    );
}
