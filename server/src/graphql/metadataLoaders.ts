// Per-request batching for the paper metadata fields (schema/paperMetadata.ts): one store call per
// round of resolvers for metadata, references and referenced-by lists. Made on first use and kept on
// the request's context, as loaders.ts keeps its own.
import DataLoader from 'dataloader';

import type { StoredMetadata } from '../domain/metadata.ts';
import type { GraphNode, PaperView } from '../domain/model.ts';
import { paperIdLabel, paperLabel } from '../ids/paperId.ts';
import { displayTitle, mayNeedMetadataTitle } from '../metadata/displayTitle.ts';
import type { GraphStore } from '../store/store.ts';
import type { Context } from './context.ts';
import { byArgument, type PaperRecordShape } from './loaders.ts';

export class MetadataLoaders {
  readonly #store: GraphStore;
  readonly #metadata: DataLoader<string, StoredMetadata | null>;
  readonly #references = new Map<number, DataLoader<string, string[]>>();
  readonly #referencedBy = new Map<number, DataLoader<string, string[]>>();

  constructor(store: GraphStore) {
    this.#store = store;
    this.#metadata = new DataLoader((ids) => store.metadataByPaperIds(ids));
  }

  metadata(paperId: string): Promise<StoredMetadata | null> {
    return this.#metadata.load(paperId);
  }

  references(paperId: string, first: number): Promise<string[]> {
    return byArgument(this.#references, first, (ids) =>
      this.#store.referencesByPaperIds(ids, first),
    ).load(paperId);
  }

  referencedBy(paperId: string, first: number): Promise<string[]> {
    return byArgument(this.#referencedBy, first, (ids) =>
      this.#store.referencedByPaperIds(ids, first),
    ).load(paperId);
  }
}

export function metadataLoaders(context: Context): MetadataLoaders {
  return (context.metadataLoaders ??= new MetadataLoaders(context.store));
}

/**
 * What to call a paper: the feed's title, or the providers' where the feed had none or cut it short:
 * from the metadata title papersByIds read with the paper, else (a paper another read gave) from its
 * metadata, read only then, so titled papers cost nothing.
 */
export async function paperTitle(
  paper: Pick<PaperRecordShape, 'id' | 'title' | 'metadataTitle'>,
  context: Context,
): Promise<string | null> {
  if (!mayNeedMetadataTitle(paper.title)) return paper.title;
  if (paper.metadataTitle !== undefined) return displayTitle(paper.title, paper.metadataTitle);
  return displayTitle(
    paper.title,
    (await metadataLoaders(context).metadata(paper.id))?.title ?? null,
  );
}

/** A graph node's label, with the paper's title from metadata where the feed gave none (see paperTitle). */
export async function graphNodeLabel(node: GraphNode, context: Context): Promise<string> {
  if (node.kind !== 'PAPER') return node.label;
  const feedTitle = node.label === paperIdLabel(node.id) ? null : node.label;
  return paperLabel({
    id: node.id,
    title: await paperTitle({ id: node.id, title: feedTitle }, context),
  });
}

/** Papers of the graph, or known only as a reference, by id; ids known as neither are left out. */
export async function papersOf(ids: readonly string[], context: Context): Promise<PaperView[]> {
  const papers = await Promise.all(ids.map((id) => context.loaders.findPaper(id)));
  return papers.filter((paper): paper is PaperView => paper !== null);
}
