// Turns whatever a client holds — an episode id, a papergraph paper id, an arXiv id or URL, a DOI or
// doi.org URL, a plain URL — into the id of a stored node, or null.
import { isEpisodeId } from '../domain/episodeId.ts';
import type { EpisodeRecord, PaperView } from '../domain/model.ts';
import { normalisePaperRef, type PaperKey } from '../ids/paperId.ts';
import type { Lookups } from './lookups.ts';

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

/** The keys a reference may be stored under, the first that resolves winning. */
export function paperRefCandidates(ref: string): string[] {
  const normalised = normalisePaperRef(ref);
  return normalised ? [normalised.id, ref.trim(), ...formerUrlKeys(normalised)] : [ref.trim()];
}

async function resolvePaperRef(lookups: Lookups, ref: string): Promise<string | null> {
  const found = await lookups.resolvePaperKeys(paperRefCandidates(ref));
  return found.find((id) => id !== null) ?? null;
}

export async function resolveNodeRef(lookups: Lookups, ref: string): Promise<string | null> {
  const trimmed = ref.trim();
  if (isEpisodeId(trimmed)) return (await lookups.findEpisode(trimmed)) ? trimmed : null;
  return resolvePaperRef(lookups, ref);
}

/** The paper behind any identifier form, or null. */
export async function findPaperByRef(lookups: Lookups, ref: string): Promise<PaperView | null> {
  const id = await resolvePaperRef(lookups, ref);
  return id === null ? null : lookups.findPaper(id);
}

/** The paper behind any identifier form, read with its first `first` citations, or null. */
export function findPaperCitedBy(
  lookups: Lookups,
  ref: string,
  first: number,
): Promise<PaperView | null> {
  return lookups.findPaperCitedBy(paperRefCandidates(ref), first);
}

/** The episode a node reference names, or null (also when it names a paper). */
export async function findEpisodeByRef(
  lookups: Lookups,
  ref: string,
): Promise<EpisodeRecord | null> {
  const id = ref.trim();
  return isEpisodeId(id) ? lookups.findEpisode(id) : null;
}

/** The node with exactly this id (Relay's refetch: an episode id or a canonical paper key), or null. */
export function findNode(lookups: Lookups, id: string): Promise<EpisodeRecord | PaperView | null> {
  return isEpisodeId(id) ? lookups.findEpisode(id) : lookups.findPaper(id);
}
