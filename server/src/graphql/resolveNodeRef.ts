// Turns whatever a client holds — an episode id, a papergraph paper id, an arXiv id or URL, a DOI or
// doi.org URL, a plain URL — into the id of a stored node, or null.
import { normalisePaperRef, type PaperKey } from '../ids/paperId.ts';
import type { GraphStore } from '../store/store.ts';

const EPISODE_ID = /^ep_[0-9a-f]{12}$/;

/**
 * Keys an earlier normaliser gave the same link (http kept, `/index.html` kept), so papers stored
 * before those forms became one still resolve from any spelling.
 */
function formerUrlKeys(key: PaperKey): string[] {
  if (key.kind !== 'url') return [];
  const withoutScheme = key.url.slice('https://'.length);
  const [hostAndPath = '', query] = withoutScheme.split(/(?=\?)/, 2);
  const spellings = [hostAndPath, `${hostAndPath}/index.html`].map((spelling) => spelling + (query ?? ''));
  return spellings.flatMap((spelling) => [`url:http://${spelling}`, `url:https://${spelling}`]).filter((id) => id !== key.id);
}

export async function resolvePaperRef(store: GraphStore, ref: string): Promise<string | null> {
  const normalised = normalisePaperRef(ref);
  const candidates = normalised ? [normalised.id, ref.trim(), ...formerUrlKeys(normalised)] : [ref.trim()];
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
