// Turns whatever a client holds — an episode id, a papergraph paper id, an arXiv id or URL, a DOI or
// doi.org URL, a plain URL — into the id of a stored node, or null.
import { normalisePaperRef } from '../ids/paperId.ts';
import type { GraphStore } from '../store/store.ts';

const EPISODE_ID = /^ep_[0-9a-f]{12}$/;

export async function resolvePaperRef(store: GraphStore, ref: string): Promise<string | null> {
  const normalised = normalisePaperRef(ref);
  const candidates = normalised ? [normalised.id, ref.trim()] : [ref.trim()];
  const found = await store.resolvePaperKeys(candidates);
  return found.find((id) => id !== null) ?? null;
}

export async function resolveNodeRef(store: GraphStore, ref: string): Promise<string | null> {
  if (EPISODE_ID.test(ref)) {
    const [episode] = await store.episodesByIds([ref]);
    return episode ? ref : null;
  }
  return resolvePaperRef(store, ref);
}
