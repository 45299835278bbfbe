// Labels never overlap and are never cut at rest: on a phone (390×844) and a desktop, the home view's
// drawn label boxes, measured in the page after the layout settles and after zooming in, intersect
// nowhere and lie inside the drawing, and only labels that would cover a drawn one or be cut are left out.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { atRest, graphReady, shot, viewportRests } from './browser.ts';
import { type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

let stack: Stack;
let viewports: Viewports;

beforeAll(async () => {
  viewports = await openViewports();
  stack = await startStack();
}, 180_000);

afterAll(async () => {
  await viewports?.close();
  await stack?.close();
});

interface Measured {
  /** Labels drawn. */
  labels: number;
  /** Pairs of drawn labels that intersect. */
  overlaps: string[];
  /** Drawn labels not wholly inside the drawing (cut at its edge). */
  cut: string[];
  /** Labels left out to avoid overlaps or a cut, and those of them that would neither have covered a drawn one nor been cut. */
  hidden: number;
  needlesslyHidden: string[];
  /** Pairs that would intersect if no label were left out. */
  overlapsWithoutHiding: number;
}

/** Rendered label boxes of every node whose label is drawn (and of those left out), and their intersections. */
function measureLabels(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const container = document.querySelector(
      '[data-testid="graph-canvas"] [role="img"]',
    ) as HTMLElement & { _cyreg?: { cy: any } };
    const cy = container._cyreg!.cy;
    type Box = { id: string; x1: number; x2: number; y1: number; y2: number };
    const boxesOf = (nodes: any): Box[] =>
      nodes
        .filter((n: any) => n.style('label') !== '' && n.visible())
        .map((n: any) => ({
          id: n.id(),
          ...n.renderedBoundingBox({
            includeNodes: false,
            includeEdges: false,
            includeLabels: true,
          }),
        }));
    const meet = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    const inside = (b: Box) =>
      b.x1 >= 0 && b.y1 >= 0 && b.x2 <= container.clientWidth && b.y2 <= container.clientHeight;
    const pairs = (boxes: Box[]) => {
      const found: string[] = [];
      boxes.forEach((a, i) =>
        boxes.slice(i + 1).forEach((b) => meet(a, b) && found.push(`${a.id} × ${b.id}`)),
      );
      return found;
    };
    const drawn = boxesOf(cy.nodes());
    const hiddenNodes = cy.nodes('.label-hidden');
    hiddenNodes.removeClass('label-hidden');
    const hidden = boxesOf(hiddenNodes);
    const overlapsWithoutHiding = pairs(boxesOf(cy.nodes())).length;
    hiddenNodes.addClass('label-hidden');
    return {
      labels: drawn.length,
      overlaps: pairs(drawn),
      cut: drawn
        .filter((b) => !inside(b))
        .map(
          (b) =>
            `${b.id} ${Math.round(b.x1)}–${Math.round(b.x2)}, ${Math.round(b.y1)}–${Math.round(b.y2)}`,
        ),
      hidden: hidden.length,
      needlesslyHidden: hidden
        .filter((h) => inside(h) && !drawn.some((d) => meet(h, d)))
        .map((h) => h.id),
      overlapsWithoutHiding,
    };
  });
}

describe('labels at rest', () => {
  for (const name of ['phone', 'desktop'] as const) {
    it(`${name}: no two drawn labels of the home view overlap and none is cut at the drawing's edge, after the layout and after zooming in`, async () => {
      const page = await viewports[name].newPage();
      await page.goto(stack.baseUrl + '/');
      await graphReady(page);
      await atRest(page);
      const home = await measureLabels(page);
      expect(home.labels, 'labels drawn').toBeGreaterThanOrEqual(5);
      expect(home.overlaps).toEqual([]);
      expect(home.cut, 'labels cut at the edge').toEqual([]);
      // Only labels that would cover a drawn one are left out.
      expect(home.needlesslyHidden).toEqual([]);
      if (name === 'phone') {
        // The seed's home view on a phone is crowded: without leaving some labels out they would overlap.
        expect(home.overlapsWithoutHiding).toBeGreaterThan(0);
        expect(home.hidden).toBeGreaterThan(0);
      }
      await shot(page, `${name}-labels-home`);

      const restsBeforeZoom = await viewportRests(page);
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await atRest(page, restsBeforeZoom);
      const zoomed = await measureLabels(page);
      expect(zoomed.labels).toBeGreaterThanOrEqual(home.labels);
      expect(zoomed.overlaps).toEqual([]);
      expect(zoomed.cut, 'labels cut at the edge').toEqual([]);
      expect(zoomed.needlesslyHidden).toEqual([]);
      await shot(page, `${name}-labels-zoomed`);
      await page.close();
    });
  }
});
