// Which labels the map draws: every cluster's that does not cover a larger cluster's, and the
// best-connected episodes' at every zoom, as many as fit; at rest no episode label covers another
// label (the sweep of graph/labelOverlap.ts, cluster labels fixed) or is cut at the drawing's edge,
// and a cluster label near an edge moves in. A cluster's label sits just outside its disc (above,
// else below or beside it), never over its members.
import { type LabelBox, overlappingLabels } from '../graph/labelOverlap.ts';

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

/** Room between a cluster's disc and its label, in pixels (MapCanvas's stylesheet says the same). */
const CLUSTER_LABEL_GAP = 4;

export type ClusterLabelSide = 'above' | 'below' | 'right' | 'left';

const meets = (a: Area, b: Area) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const within = (box: Area, area: Area) =>
  box.x1 >= area.x1 && box.x2 <= area.x2 && box.y1 >= area.y1 && box.y2 <= area.y2;

interface ClusterLabelPlace {
  side: ClusterLabelSide;
  /** Sideways move of a label above or below its disc, to keep it whole inside the drawing. */
  shift: number;
  box: Area;
}

/** Side of the square cells `coverage` sorts boxes into, in pixels. */
const COVERAGE_CELL = 64;

/**
 * Whether a box meets any of `boxes`, checking only those in the grid cells it spans: hundreds of
 * cluster labels tried against thousands of episodes would otherwise be millions of tests.
 */
export function coverage(boxes: readonly Area[]): (box: Area) => boolean {
  const cells = new Map<string, Area[]>();
  const span = (box: Area) => {
    const keys: string[] = [];
    for (let x = Math.floor(box.x1 / COVERAGE_CELL); x <= Math.floor(box.x2 / COVERAGE_CELL); x++)
      for (let y = Math.floor(box.y1 / COVERAGE_CELL); y <= Math.floor(box.y2 / COVERAGE_CELL); y++)
        keys.push(`${x},${y}`);
    return keys;
  };
  for (const box of boxes) {
    for (const key of span(box)) {
      const cell = cells.get(key);
      if (cell) cell.push(box);
      else cells.set(key, [box]);
    }
  }
  return (box) =>
    span(box).some((key) => (cells.get(key) ?? []).some((other) => meets(box, other)));
}

/**
 * Where a cluster label goes, given its size, its disc on screen (centre and radius) and whether a
 * box would cover a drawn episode (`coverage` of their discs' boxes), all in pixels: just outside the disc, above it (moved sideways to stay
 * inside `area`), else below, right or left of it: the first place inside the drawing that covers no
 * episode, else the first inside it, else above.
 */
export function clusterLabelPlace(
  label: { width: number; height: number },
  disc: { x: number; y: number; radius: number },
  coversEpisode: (box: Area) => boolean,
  area: Area,
): ClusterLabelPlace {
  const { width, height } = label;
  const gap = CLUSTER_LABEL_GAP;
  const centred = { x1: disc.x - width / 2, x2: disc.x + width / 2 };
  const beside = { y1: disc.y - height / 2, y2: disc.y + height / 2 };
  const vertical = (side: 'above' | 'below', y1: number): ClusterLabelPlace => {
    const box = { ...centred, y1, y2: y1 + height };
    const shift = shiftInside(box, area);
    return { side, shift, box: { ...box, x1: box.x1 + shift, x2: box.x2 + shift } };
  };
  const places: ClusterLabelPlace[] = [
    vertical('above', disc.y - disc.radius - gap - height),
    vertical('below', disc.y + disc.radius + gap),
    {
      side: 'right',
      shift: 0,
      box: { ...beside, x1: disc.x + disc.radius + gap, x2: disc.x + disc.radius + gap + width },
    },
    {
      side: 'left',
      shift: 0,
      box: { ...beside, x1: disc.x - disc.radius - gap - width, x2: disc.x - disc.radius - gap },
    },
  ];
  const inside = places.filter((place) => within(place.box, area));
  const clear = inside.find((place) => !coversEpisode(place.box));
  return clear ?? inside[0] ?? places[0]!;
}
