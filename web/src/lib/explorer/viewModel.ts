// The explorer's view pipeline: what the loads fetched, read through the URL state, becomes what the
// page draws, lists and labels. Plain data in, plain data out.
import type { GraphData } from '../api.ts';
import { type GraphElement, mergeGraphs, toElements } from '../graph/elements.ts';
import {
  type PaperTopics,
  topicColourIndex,
  type TopicCount,
  topicsInView,
} from '../graph/topics.ts';
import { composeView, filterView, listNodes, type NodeLists } from '../graph/view.ts';
import type { ExplorerState } from '../urlState.ts';
import type { PathResult } from './pageData.ts';

/** What the explorer's loads hand over. */
export interface ViewSources {
  base: GraphData;
  expansions: readonly GraphData[];
  path: PathResult | null;
  /** The focus as the graph names it. */
  focusId: string | null;
  episodeDates: Readonly<Record<string, string | null>> | null;
  paperTopics: PaperTopics | null;
}

export interface ExplorerView {
  /** Base, expansions and paths without the hidden nodes, before the filters: what the legends describe. */
  composed: GraphData;
  /** What is drawn and listed. */
  shown: GraphData;
  elements: GraphElement[];
  lists: NodeLists;
  /** Topics of the papers in view, when the loads fetched topics. */
  topics: TopicCount[] | null;
  /** Publication dates of the episodes in view, when the timeline is shown. */
  timeline: (string | null)[] | null;
  /** A node's label in view, else its id. */
  labelOf: (id: string) => string;
}

export function explorerView(sources: ViewSources, state: ExplorerState): ExplorerView {
  const { episodeDates, paperTopics } = sources;
  const pathChains = (sources.path?.paths ?? []).map((path) => path.nodes.map((n) => n.id));
  // Every shortest path stays drawn, as one graph, whatever the view holds.
  const pathUnion =
    sources.path && sources.path.paths.length > 0 ? mergeGraphs(...sources.path.paths) : null;
  const composed = composeView({
    base: sources.base,
    expansions: sources.expansions,
    hidden: state.hidden,
    path: pathUnion,
  });
  const shown = filterView(composed, {
    edgeKinds: state.edgeKinds,
    since: state.since,
    until: state.until,
    dates: episodeDates,
    topic: state.topic,
    topics: paperTopics,
    keep: [sources.focusId, state.selected, ...pathChains.flat()],
  });
  const elements = toElements(shown, {
    focus: sources.focusId,
    selected: state.selected,
    paths: pathChains,
    dates: state.colour === 'date' ? episodeDates : null,
    topicColours:
      state.colour === 'topic' && paperTopics ? topicColourIndex(composed, paperTopics) : null,
  });
  const labels = new Map(shown.nodes.map((n) => [n.id, n.label]));
  return {
    composed,
    shown,
    elements,
    lists: listNodes(shown),
    topics: paperTopics ? topicsInView(composed, paperTopics) : null,
    timeline:
      state.colour === 'date' && episodeDates
        ? composed.nodes.flatMap((n) => (n.kind === 'EPISODE' ? [episodeDates[n.id] ?? null] : []))
        : null,
    labelOf: (id) => labels.get(id) ?? id,
  };
}
