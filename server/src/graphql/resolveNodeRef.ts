// Turns whatever a client holds — an episode id, a papergraph paper id, an arXiv id or URL, a DOI or
// doi.org URL, a plain URL — into the id of a stored node, or null.
import type { EpisodeRecord, PaperView } from '../domain/model.ts';
import { normalisePaperRef, type PaperKey } from '../ids/paperId.ts';
import type { Loaders } from './loaders.ts';

const EPISODE_ID = /^ep_[0-9a-f]{12}$/;

/**
 * Keys an earlier normaliser gave the same link (http kept, `/index.html` kept), so papers stored
 * before those forms became one still resolve from any spelling.
 */
function formerUrlKeys(key: PaperKey): string[] {
  if (key.kind !== 'url') return [];
  const withoutScheme = key.url.slice('https://'.length);
  const [hostAndPath = '', query] = withoutScheme.split(/(?=\?)/, 2);
  const spellings = [hostAndPath, `${hostAndPath}/index.html`].map(
    (spelling) => spelling + (query ?? ''),
  );
  return spellings
    .flatMap((spelling) => [`url:http://${spelling}`, `url:https://${spelling}`])
    .filter((id) => id !== key.id);
}

/** Look-ups go through the request's loaders, so every reference of one request is one store call. */
type RefLookups = Pick<Loaders, 'resolvePaperKeys' | 'findEpisode'>;
type NodeLookups = RefLookups & Pick<Loaders, 'findPaper'>;

export async function resolvePaperRef(loaders: RefLookups, ref: string): Promise<string | null> {
  const normalised = normalisePaperRef(ref);
  const candidates = normalised
    ? [normalised.id, ref.trim(), ...formerUrlKeys(normalised)]
    : [ref.trim()];
  const found = await loaders.resolvePaperKeys(candidates);
  return found.find((id) => id !== null) ?? null;
}

export async function resolveNodeRef(loaders: RefLookups, ref: string): Promise<string | null> {
  if (EPISODE_ID.test(ref)) return (await loaders.findEpisode(ref)) ? ref : null;
  return resolvePaperRef(loaders, ref);
}

/** The paper behind any identifier form, or null. */
export async function findPaperByRef(loaders: NodeLookups, ref: string): Promise<PaperView | null> {
  const id = await resolvePaperRef(loaders, ref);
  return id === null ? null : loaders.findPaper(id);
}

/** The node with exactly this id (Relay's refetch: an episode id or a canonical paper key), or null. */
export function findNode(
  loaders: NodeLookups,
  id: string,
): Promise<EpisodeRecord | PaperView | null> {
  return EPISODE_ID.test(id) ? loaders.findEpisode(id) : loaders.findPaper(id);
}
