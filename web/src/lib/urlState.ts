// The explorer's whole view lives in the URL query, so reload, back/forward and shared links
// reproduce it. Parsing never throws: a bad value falls back to its default.

export interface ExplorerState {
  /** Episode or paper id the view starts from; null = the whole graph. */
  focus: string | null;
  /** Hops from the focus (ignored without one). */
  depth: number;
  /** Papers cited by fewer episodes are left out. */
  minCitations: number;
  /** Most nodes the API should return for the base view. */
  limit: number;
  /** Node shown in the detail panel. */
  selected: string | null;
  /** Ends of the highlighted shortest path. */
  pathFrom: string | null;
  pathTo: string | null;
  /** Nodes whose neighbours were added to the view, in the order they were expanded. */
  expanded: string[];
  /** Nodes taken out of the view. */
  hidden: string[];
  /** Which citations to draw (Bloom-style filter); papers left without one go too. */
  edgeKinds: EdgeKindFilter;
  /**
   * Also draw papers' references to each other (paper → paper), whatever citations `edgeKinds`
   * keeps; absent is off, so a state without it is whole.
   */
  references?: boolean;
  /** Episodes published in this range (YYYY-MM-DD, both ends included); null = open end. */
  since: string | null;
  until: string | null;
  /** Only papers with this topic (metadata's arXiv category or field of study), and the episodes citing them. */
  topic: string | null;
  /**
   * Only this show's episodes (a Show id) and the papers they cite; absent is every show, so a
   * state without it is whole.
   */
  show?: string;
  /** Episodes coloured by their kind (all blue) or along a timeline by publication date; papers by topic. */
  colour: ColourMode;
  /**
   * The episode map or the episode–paper graph; absent is 'auto', picked by the size of the graph
   * (resolveView). The map fields are absent at their defaults, so a state without them is whole.
   */
  view?: 'map' | 'graph';
  /** The map shows only this cluster. */
  cluster?: string;
  /** The map shows this episode's nearest episodes (its local map). */
  around?: string;
}

const VIEW_MODES = ['map', 'graph'] as const;
/**
 * More episodes than this and the home view is the episode map: with the few papers each episode
 * cites, a paper graph of more episodes holds more nodes than stay legible at once.
 */
export const MAP_HOME_MIN_EPISODES = 100;

export type ColourMode = 'kind' | 'date' | 'topic';
const COLOUR_MODES: readonly ColourMode[] = ['kind', 'date', 'topic'];
/** Longer than any arXiv category or field of study. */
const MAX_TOPIC_LENGTH = 100;

export type EdgeKindFilter = 'all' | 'source' | 'recommended' | 'mentioned';
const EDGE_KINDS: readonly EdgeKindFilter[] = ['all', 'source', 'recommended', 'mentioned'];

/** The value of PARAM.references that turns reference edges on (a checked checkbox submits it). */
export const REFERENCES_ON = '1';

export const DEPTH_RANGE = { min: 1, max: 4 } as const;
export const MIN_CITATIONS_RANGE = { min: 1, max: 1000 } as const;
export const LIMIT_RANGE = { min: 1, max: 5000 } as const;
/** Cap on expand/hide lists so a crafted URL cannot fan out into thousands of API calls. */
export const MAX_LISTED_IDS = 50;
const MAX_ID_LENGTH = 2100;

export const DEFAULT_STATE: Readonly<ExplorerState> = Object.freeze({
  focus: null,
  depth: 2,
  minCitations: 1,
  limit: 500,
  selected: null,
  pathFrom: null,
  pathTo: null,
  expanded: [],
  hidden: [],
  edgeKinds: 'all',
  since: null,
  until: null,
  topic: null,
  colour: 'kind',
});

/** Query parameter names, in the order they are written. */
export const PARAM = {
  focus: 'focus',
  depth: 'depth',
  minCitations: 'min',
  limit: 'limit',
  selected: 'sel',
  pathFrom: 'from',
  pathTo: 'to',
  expanded: 'expand',
  hidden: 'hide',
  edgeKinds: 'edges',
  references: 'refs',
  since: 'since',
  until: 'until',
  topic: 'topic',
  show: 'show',
  colour: 'colour',
} as const;

/** The map's parameters, written after the others. */
const MAP_PARAM = {
  view: 'view',
  cluster: 'cluster',
  around: 'around',
} as const;

interface QueryLike {
  get(name: string): string | null;
  getAll(name: string): string[];
}

export type GraphParams = Pick<
  ExplorerState,
  | 'focus'
  | 'depth'
  | 'minCitations'
  | 'limit'
  | 'expanded'
  | 'hidden'
  | 'edgeKinds'
  | 'references'
  | 'since'
  | 'until'
  | 'topic'
  | 'show'
  | 'colour'
  | 'view'
  | 'cluster'
  | 'around'
>;
export type SelectionParams = Pick<ExplorerState, 'selected' | 'pathFrom' | 'pathTo'>;

export function parseExplorerState(query: QueryLike): ExplorerState {
  return { ...parseGraphParams(query), ...parseSelectionParams(query) };
}

/** Only what decides which nodes are in view (a load reading just these reruns only when they change). */
export function parseGraphParams(query: QueryLike): GraphParams {
  return {
    focus: parseId(query.get(PARAM.focus)),
    depth: parseIntIn(query.get(PARAM.depth), DEPTH_RANGE, DEFAULT_STATE.depth),
    minCitations: parseIntIn(
      query.get(PARAM.minCitations),
      MIN_CITATIONS_RANGE,
      DEFAULT_STATE.minCitations,
    ),
    limit: parseIntIn(query.get(PARAM.limit), LIMIT_RANGE, DEFAULT_STATE.limit),
    expanded: parseIdList(query.getAll(PARAM.expanded)),
    hidden: parseIdList(query.getAll(PARAM.hidden)),
    edgeKinds: parseChoice(query.get(PARAM.edgeKinds), EDGE_KINDS, DEFAULT_STATE.edgeKinds),
    ...(query.get(PARAM.references) === REFERENCES_ON ? { references: true } : {}),
    since: parseDate(query.get(PARAM.since)),
    until: parseDate(query.get(PARAM.until)),
    topic: parseTopic(query.get(PARAM.topic)),
    ...parseShow(query.get(PARAM.show)),
    colour: parseChoice(query.get(PARAM.colour), COLOUR_MODES, DEFAULT_STATE.colour),
    ...parseMapParams(query),
  };
}

function parseMapParams(query: QueryLike): Pick<ExplorerState, 'view' | 'cluster' | 'around'> {
  const view = VIEW_MODES.find((mode) => mode === query.get(MAP_PARAM.view));
  const cluster = parseId(query.get(MAP_PARAM.cluster));
  const around = parseId(query.get(MAP_PARAM.around));
  return {
    ...(view ? { view } : {}),
    ...(cluster ? { cluster } : {}),
    ...(around ? { around } : {}),
  };
}

/** The state without the map's fields (at their defaults). */
function withoutMap(state: ExplorerState): ExplorerState {
  const { view: _view, cluster: _cluster, around: _around, ...rest } = state;
  return rest;
}

/**
 * Which view is drawn: a cluster or a local map is a map, a focus is the paper graph, and the
 * home view is the map when the graph has more than MAP_HOME_MIN_EPISODES episodes.
 */
export function resolveView(
  params: Pick<ExplorerState, 'view' | 'cluster' | 'around' | 'focus'>,
  episodeCount: number,
): 'map' | 'graph' {
  if (params.view) return params.view;
  if (params.cluster || params.around) return 'map';
  if (params.focus !== null) return 'graph';
  return episodeCount > MAP_HOME_MIN_EPISODES ? 'map' : 'graph';
}

/** Whether the view needs the papers' topics (topic colour or a topic filter). */
export function needsTopics(params: Pick<ExplorerState, 'topic' | 'colour'>): boolean {
  return params.colour === 'topic' || params.topic !== null;
}

/** Whether the view needs the episodes' publication dates (timeline colour or a date range). */
export function needsDates(params: Pick<ExplorerState, 'since' | 'until' | 'colour'>): boolean {
  return params.colour === 'date' || params.since !== null || params.until !== null;
}

/** What is selected and which path is highlighted. */
export function parseSelectionParams(query: QueryLike): SelectionParams {
  return {
    selected: parseId(query.get(PARAM.selected)),
    pathFrom: parseId(query.get(PARAM.pathFrom)),
    pathTo: parseId(query.get(PARAM.pathTo)),
  };
}

/** The view as query parameters, in PARAM order; defaults are left out so URLs stay short and canonical. */
export function explorerParams(state: ExplorerState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.focus) params.set(PARAM.focus, state.focus);
  if (state.depth !== DEFAULT_STATE.depth) params.set(PARAM.depth, String(state.depth));
  if (state.minCitations !== DEFAULT_STATE.minCitations)
    params.set(PARAM.minCitations, String(state.minCitations));
  if (state.limit !== DEFAULT_STATE.limit) params.set(PARAM.limit, String(state.limit));
  if (state.selected) params.set(PARAM.selected, state.selected);
  if (state.pathFrom) params.set(PARAM.pathFrom, state.pathFrom);
  if (state.pathTo) params.set(PARAM.pathTo, state.pathTo);
  for (const id of state.expanded) params.append(PARAM.expanded, id);
  for (const id of state.hidden) params.append(PARAM.hidden, id);
  if (state.edgeKinds !== DEFAULT_STATE.edgeKinds) params.set(PARAM.edgeKinds, state.edgeKinds);
  if (state.references) params.set(PARAM.references, REFERENCES_ON);
  if (state.since) params.set(PARAM.since, state.since);
  if (state.until) params.set(PARAM.until, state.until);
  if (state.topic) params.set(PARAM.topic, state.topic);
  if (state.show) params.set(PARAM.show, state.show);
  if (state.colour !== DEFAULT_STATE.colour) params.set(PARAM.colour, state.colour);
  if (state.view) params.set(MAP_PARAM.view, state.view);
  if (state.cluster) params.set(MAP_PARAM.cluster, state.cluster);
  if (state.around) params.set(MAP_PARAM.around, state.around);
  return params;
}

/** Query string without the leading `?`. */
export function serializeExplorerState(state: ExplorerState): string {
  return explorerParams(state).toString();
}

/** Link to the explorer showing `state` ("/" or "/?…"). */
export function explorerHref(state: ExplorerState): string {
  const query = serializeExplorerState(state);
  return query ? `/?${query}` : '/';
}

// ---- transitions: each user action is a pure change of state ----

/** Start a fresh view around one node (a focus is drawn in the episode–paper graph). */
export function focusOn(state: ExplorerState, id: string): ExplorerState {
  const focused = { ...withoutMap(state), focus: id, selected: id, expanded: [], hidden: [] };
  return state.view === 'map' ? { ...focused, view: 'graph' } : focused;
}

/** Back to the whole graph (filters kept). */
export function clearFocus(state: ExplorerState): ExplorerState {
  return { ...state, focus: null, expanded: [], hidden: [] };
}

export function select(state: ExplorerState, id: string | null): ExplorerState {
  return { ...state, selected: id };
}

/** Add a node's neighbours to the view (and show the node again if it was hidden). */
export function expand(state: ExplorerState, id: string): ExplorerState {
  const expanded = state.expanded.includes(id)
    ? state.expanded
    : [...state.expanded, id].slice(-MAX_LISTED_IDS);
  return { ...state, expanded, hidden: state.hidden.filter((h) => h !== id) };
}

/** Take back the neighbours an expansion added. */
export function collapse(state: ExplorerState, id: string): ExplorerState {
  return { ...state, expanded: state.expanded.filter((e) => e !== id) };
}

/** Remove a node from the view; its expansion goes too. */
export function hide(state: ExplorerState, id: string): ExplorerState {
  const hidden = state.hidden.includes(id)
    ? state.hidden
    : [...state.hidden, id].slice(-MAX_LISTED_IDS);
  return {
    ...state,
    hidden,
    expanded: state.expanded.filter((e) => e !== id),
    selected: state.selected === id ? null : state.selected,
  };
}

/** Keep only a node and its neighbours (Bloom's "dismiss others"): a one-hop view around it. */
export function hideOthers(state: ExplorerState, id: string): ExplorerState {
  return { ...focusOn(state, id), depth: 1 };
}

/** The map of every cluster, or of one (drilling down); the selection is kept. */
export function showMap(state: ExplorerState, cluster: string | null = null): ExplorerState {
  return { ...withoutMap(state), view: 'map', ...(cluster ? { cluster } : {}) };
}

/** An episode's local map: it and its nearest episodes. */
export function showLocalMap(state: ExplorerState, episodeId: string): ExplorerState {
  return { ...withoutMap(state), view: 'map', around: episodeId, selected: episodeId };
}

/** The episode–paper graph, around `focus` when given (an episode drilled into). */
export function showGraph(state: ExplorerState, focus: string | null = state.focus): ExplorerState {
  return {
    ...withoutMap(state),
    view: 'graph',
    focus,
    ...(focus === state.focus ? {} : { expanded: [], hidden: [] }),
  };
}

export function showAll(state: ExplorerState): ExplorerState {
  return { ...state, hidden: [] };
}

export function setPathEnd(
  state: ExplorerState,
  end: 'from' | 'to',
  id: string | null,
): ExplorerState {
  return end === 'from' ? { ...state, pathFrom: id } : { ...state, pathTo: id };
}

/** Shift-click picking: the first pick (or a pick after a finished path) starts a new path. */
export function pickPathEnd(state: ExplorerState, id: string): ExplorerState {
  if (state.pathFrom === null || state.pathTo !== null)
    return { ...state, pathFrom: id, pathTo: null };
  return { ...state, pathTo: id };
}

export function clearPath(state: ExplorerState): ExplorerState {
  return { ...state, pathFrom: null, pathTo: null };
}

// ---- parsing helpers ----

function parseId(raw: string | null): string | null {
  if (raw === null) return null;
  const id = raw.trim();
  if (id.length === 0 || id.length > MAX_ID_LENGTH) return null;
  // Control characters never occur in papergraph ids; refusing them keeps odd links inert.
  if (/[\u0000-\u001f\u007f]/.test(id)) return null;
  return id;
}

function parseIdList(raw: string[]): string[] {
  const ids: string[] = [];
  for (const value of raw) {
    const id = parseId(value);
    if (id !== null && !ids.includes(id)) ids.push(id);
    if (ids.length === MAX_LISTED_IDS) break;
  }
  return ids;
}

function parseChoice<T extends string>(raw: string | null, choices: readonly T[], fallback: T): T {
  return choices.find((choice) => choice === raw) ?? fallback;
}

function parseShow(raw: string | null): Pick<ExplorerState, 'show'> {
  const show = parseId(raw);
  return show ? { show } : {};
}

function parseTopic(raw: string | null): string | null {
  const topic = raw?.trim() ?? '';
  return topic.length === 0 ||
    topic.length > MAX_TOPIC_LENGTH ||
    /[\u0000-\u001f\u007f]/.test(topic)
    ? null
    : topic;
}

/** A real calendar day as YYYY-MM-DD, else null. */
function parseDate(raw: string | null): string | null {
  if (raw === null || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const date = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(raw) ? raw : null;
}

function parseIntIn(
  raw: string | null,
  range: { min: number; max: number },
  fallback: number,
): number {
  if (raw === null || !/^\d{1,6}$/.test(raw.trim())) return fallback;
  const value = Number(raw.trim());
  return value >= range.min && value <= range.max ? value : fallback;
}

/** The /papers table's state: the explorer's citation filter and the table's own cursor. */
export interface PapersListState {
  minCitations: number;
  after: string | null;
}

export function parsePapersListState(query: URLSearchParams): PapersListState {
  return {
    minCitations: parseIntIn(
      query.get(PARAM.minCitations),
      MIN_CITATIONS_RANGE,
      DEFAULT_STATE.minCitations,
    ),
    after: query.get('after'),
  };
}

export function papersListHref({ minCitations, after }: PapersListState): string {
  const params = new URLSearchParams();
  if (minCitations !== DEFAULT_STATE.minCitations)
    params.set(PARAM.minCitations, String(minCitations));
  if (after) params.set('after', after);
  const query = params.toString();
  return query ? `/papers?${query}` : '/papers';
}
