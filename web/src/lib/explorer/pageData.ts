// Shapes the explorer's page load hands to its components.
import type { EpisodeDetail, GraphData, PaperDetail } from '../api.ts';

export type Selection =
  | { kind: 'episode'; id: string; episode: EpisodeDetail | null }
  | { kind: 'paper'; id: string; paper: PaperDetail | null };

export interface PathResult {
  from: string;
  to: string;
  /** Every shortest path (nodes in path order), at most SHORTEST_PATHS_SHOWN; empty when the two are not connected. */
  paths: GraphData[];
  /** More shortest paths exist than are shown. */
  truncated: boolean;
  /** Why no path could be looked up (e.g. an unknown id), when the API refused. */
  problem: string | null;
}

/** Shortest paths drawn at once: enough to see the alternatives, few enough to read the list. */
export const SHORTEST_PATHS_SHOWN = 20;
