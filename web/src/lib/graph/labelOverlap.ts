// Labels never overlap at rest: after a layout and at each label level, a label that would cover one
// of a better-connected node is left out (hovering or selecting the node still shows it). Hand-written:
// cytoscape has no label collision, and a greedy sweep in rank order is all this needs.

export interface LabelBox {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Room kept between two labels, in the boxes' units. */
const GAP = 1;

const overlap = (a: LabelBox, b: LabelBox) =>
  a.x1 < b.x2 + GAP && b.x1 < a.x2 + GAP && a.y1 < b.y2 + GAP && b.y1 < a.y2 + GAP;

/**
 * Ids of the labels to leave out, boxes given most important first: each covering a kept one goes.
 * `fixed` are labels drawn whatever happens (they are never left out, the others make way).
 */
export function overlappingLabels(
  boxes: readonly LabelBox[],
  fixed: readonly LabelBox[] = [],
): Set<string> {
  const kept: LabelBox[] = [...fixed];
  const hidden = new Set<string>();
  for (const box of boxes) {
    if (kept.some((other) => overlap(box, other))) hidden.add(box.id);
    else kept.push(box);
  }
  return hidden;
}

/** Where a node's label sits: under the node (the stylesheet's default), over it, or beside it. */
type LabelPlacement = 'below' | 'above' | 'right' | 'left';

export interface LabelOptions {
  id: string;
  /** The label's box in each placement, the preferred first. */
  boxes: readonly { placement: LabelPlacement; box: Omit<LabelBox, 'id'> }[];
}

export interface PlacedLabels {
  /** Labels drawn in a placement other than the first offered. */
  moved: Map<string, LabelPlacement>;
  /** Labels left out: every placement would cover a label kept before them. */
  hidden: Set<string>;
}

const inside = (box: Omit<LabelBox, 'id'>, area: Omit<LabelBox, 'id'>) =>
  box.x1 >= area.x1 && box.x2 <= area.x2 && box.y1 >= area.y1 && box.y2 <= area.y2;

/**
 * Greedy like overlappingLabels, with more than one place per label: each label, most important
 * first, takes its first placement that covers no label kept so far and, given `area` (the part of
 * the drawing on screen), lies wholly inside it, else is left out: a label cut at the drawing's edge
 * (e.g. left of a node at the left edge of a phone's screen) moves to another side of its node.
 */
export function placeLabels(
  labels: readonly LabelOptions[],
  area?: Omit<LabelBox, 'id'>,
): PlacedLabels {
  const kept: LabelBox[] = [];
  const moved = new Map<string, LabelPlacement>();
  const hidden = new Set<string>();
  for (const { id, boxes } of labels) {
    const free = boxes.find(
      ({ box }) =>
        (!area || inside(box, area)) && !kept.some((other) => overlap({ id, ...box }, other)),
    );
    if (!free) {
      hidden.add(id);
      continue;
    }
    kept.push({ id, ...free.box });
    if (free !== boxes[0]) moved.set(id, free.placement);
  }
  return { moved, hidden };
}
