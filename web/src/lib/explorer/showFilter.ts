// The explorer's show filter: the paper graph and the episode map ask the API for one show's
// episodes (`graph(show:)`, `episodeMap(show:)`). The select lists one page of shows by title, the
// chosen show always among them; past that page a finder narrows the list (`shows(query:)`), typed
// into with JavaScript, or submitted as a URL parameter without it.
import type { ShowLink } from '../api.ts';

/** Shows the select lists at once: the API's largest page. */
export const SHOW_CHOICES = 100;
/** Longest finder text: the API's (`shows(query:)` takes a show title's worth). */
export const SHOW_QUERY_MAX = 200;
/** The finder's field: without JavaScript, its GET submit lists the shows whose title contains it. */
export const SHOW_QUERY_PARAM = 'showq';

/** What the layout hands the show filter; null when there is no other show to choose. */
export interface ShowFilterData {
  /** How many shows there are. */
  total: number;
  /** How many shows the finder's text matches (every show without one). */
  matching: number;
  /** The first SHOW_CHOICES of those, by title. */
  listed: ShowLink[];
  /** The show the view is filtered by, wherever it is in the list; null for none (or unknown). */
  chosen: ShowLink | null;
  /** The finder's text; '' for none. */
  query: string;
}

/** The finder's text from the URL: trimmed, at most SHOW_QUERY_MAX characters. */
export function showQueryFrom(params: URLSearchParams): string {
  return (params.get(SHOW_QUERY_PARAM) ?? '').trim().slice(0, SHOW_QUERY_MAX);
}

/** Whether the select cannot list every show at once, so the finder is offered. */
export const needsFinder = (filter: ShowFilterData) => filter.total > SHOW_CHOICES;

/**
 * The select's options, "" being every show: the chosen show first when the listed page lacks it (so a
 * reload keeps it selected), then the listed shows.
 */
export function showChoices(
  listed: readonly ShowLink[],
  chosen: ShowLink | null = null,
): [string, string][] {
  const missing = chosen !== null && !listed.some((show) => show.id === chosen.id);
  const shows = missing ? [chosen, ...listed] : listed;
  return [['', 'all shows'], ...shows.map((show): [string, string] => [show.id, show.title])];
}

/** What the finder's status line says of the list. */
export function describeChoices(matching: number, listed: number, query: string): string {
  if (query === '') return `The first ${listed} of ${matching} shows: type to find another.`;
  if (matching === 0) return `No show’s title contains “${query}”.`;
  const shows = matching === 1 ? '1 show matches' : `${matching} shows match`;
  return listed < matching
    ? `${shows} “${query}”: the first ${listed} listed.`
    : `${shows} “${query}”.`;
}

/** A change in the finder only narrows the list: it must not apply the form as a select's change does. */
export function fromFinder(event: Event): boolean {
  return (event.target as HTMLInputElement | null)?.name === SHOW_QUERY_PARAM;
}
