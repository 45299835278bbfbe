// Which labels the map draws: every cluster's that does not cover a larger cluster's, and the
// best-connected episodes' at every zoom, as many as fit; at rest no episode label covers another
// label (the sweep of graph/labelOverlap.ts, cluster labels fixed) or is cut at the drawing's edge,
// and a cluster label near an edge moves in.
import { overlappingLabels, type LabelBox } from '../graph/labelOverlap.ts';

/** Episode labels offered at most: the best connected; more would crowd any screen. */
export const OFFERED_EPISODE_LABELS = 40;

type Area = Omit<LabelBox, 'id'>;

/** How far to move a label sideways so that it is not cut at the drawing's left or right edge. */
export function shiftInside(box: Area, area: Area): number {
  if (box.x2 - box.x1 >= area.x2 - area.x1) return area.x1 - box.x1;
  if (box.x1 < area.x1) return area.x1 - box.x1;
  if (box.x2 > area.x2) return area.x2 - box.x2;
  return 0;
}

/**
 * Episode labels to leave out: those not wholly inside `area`, and those covering a cluster label or
 * a better-connected episode's (`episodes` given best connected first); all in screen pixels.
 */
export function hiddenEpisodeLabels(
  clusters: readonly LabelBox[],
  episodes: readonly LabelBox[],
  area: Area,
): Set<string> {
  const inside = (box: LabelBox) =>
    box.x1 >= area.x1 && box.x2 <= area.x2 && box.y1 >= area.y1 && box.y2 <= area.y2;
  const cut = episodes.filter((box) => !inside(box)).map((box) => box.id);
  return new Set([...cut, ...overlappingLabels(episodes.filter(inside), clusters)]);
}
