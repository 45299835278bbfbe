// Which labels the map draws: every cluster's, always, and the best-connected episodes' at every
// zoom, as many as fit; at rest no episode label covers another label (the sweep of
// graph/labelOverlap.ts, cluster labels fixed).
import { overlappingLabels, type LabelBox } from '../graph/labelOverlap.ts';

/** Episode labels offered at most: the best connected; more would crowd any screen. */
export const OFFERED_EPISODE_LABELS = 40;

/** Episode labels to leave out: `episodes` given best connected first, in screen pixels. */
export function hiddenEpisodeLabels(
  clusters: readonly LabelBox[],
  episodes: readonly LabelBox[],
): Set<string> {
  return overlappingLabels(episodes, clusters);
}
