// The explorer's filter form. Its fields are URL parameters (urlState.ts names them), so without
// JavaScript its GET submit is an explorer link; with it, the query is read the same way.
import {
  type ColourMode,
  type EdgeKindFilter,
  explorerParams,
  type ExplorerState,
  PARAM,
  parseExplorerState,
} from '../urlState.ts';

/** The parameters the form has a visible control for. */
export const FORM_CONTROLS = {
  depth: PARAM.depth,
  minCitations: PARAM.minCitations,
  limit: PARAM.limit,
  edgeKinds: PARAM.edgeKinds,
  references: PARAM.references,
  show: PARAM.show,
  colour: PARAM.colour,
} as const;

const CONTROLLED: ReadonlySet<string> = new Set(Object.values(FORM_CONTROLS));

/** The rest of the view as hidden fields (name, value), so a submit keeps it. */
export function carriedFields(state: ExplorerState): [string, string][] {
  return [...explorerParams(state)].filter(([name]) => !CONTROLLED.has(name));
}

/** The submitted fields read like a URL, so parameters at their defaults drop out of the link. */
export function stateFromForm(fields: Iterable<readonly [string, unknown]>): ExplorerState {
  const query = new URLSearchParams();
  for (const [name, value] of fields) if (typeof value === 'string') query.append(name, value);
  return parseExplorerState(query);
}

const LIMIT_CHOICES = [100, 500, 1000, 2000, 5000];

/** The "Max nodes" options, the current limit among them when a link asked for another. */
export function limitChoices(limit: number): number[] {
  return [...new Set([...LIMIT_CHOICES, limit])].sort((a, b) => a - b);
}

export const EDGE_CHOICES: readonly (readonly [EdgeKindFilter, string])[] = [
  ['all', 'all citations'],
  ['source', 'source papers'],
  ['recommended', 'recommended readings'],
  ['mentioned', 'papers mentioned in notes'],
];

export const COLOUR_CHOICES: readonly (readonly [ColourMode, string])[] = [
  ['kind', 'by kind'],
  ['date', 'by date (timeline)'],
  ['topic', 'by topic'],
];
