// Shapes the explorer's page load hands to its components.
import type { EpisodeDetail, GraphData, PaperDetail } from './api.ts';

export type Selection =
  | { kind: 'episode'; id: string; episode: EpisodeDetail | null }
  | { kind: 'paper'; id: string; paper: PaperDetail | null };

export interface PathResult {
  from: string;
  to: string;
  /** Nodes in path order; null when the two are not connected. */
  graph: GraphData | null;
  /** Why no path could be looked up (e.g. an unknown id), when the API refused. */
  problem: string | null;
}
