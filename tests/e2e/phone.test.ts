// The explorer as a first screen, on a phone (390×844) and a desktop (1440×900): the introduction and
// the search show without scrolling, the search's placeholder fits its box, and a selected node stays
// in sight — on a phone above the details sheet, which covers at most half the screen and collapses
// and expands from the keyboard.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  atRest,
  graphReady,
  layoutSettled,
  nodePoint,
  seriousAxeViolations,
  shot,
  viewportRests,
} from './browser.ts';
import { type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

let stack: Stack;
let viewports: Viewports;
const pageErrors: string[] = [];

beforeAll(async () => {
  viewports = await openViewports();
  stack = await startStack();
}, 180_000);

afterAll(async () => {
  await viewports?.close();
  await stack?.close();
});

const SIZES = ['phone', 'desktop'] as const;
type Size = (typeof SIZES)[number];

async function openHome(size: Size, path = '/'): Promise<Page> {
  const page = await viewports[size].newPage();
  page.on('pageerror', (error) => pageErrors.push(`${size} ${page.url()}: ${error.message}`));
  await page.goto(stack.baseUrl + path);
  await page.waitForSelector('html[data-hydrated]');
  return page;
}

/** Whether an element lies wholly inside the viewport as it is (no scrolling). */
async function onFirstScreen(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return (
        box.height > 0 &&
        box.top >= 0 &&
        box.left >= 0 &&
        box.bottom <= window.innerHeight &&
        box.right <= window.innerWidth
      );
    });
}

/** The lowest node drawn inside the visible viewport: the one a sheet would cover first. */
function lowestVisibleNode(page: Page): Promise<string> {
  return page.evaluate(() => {
    const container = document.querySelector(
      '[data-testid="graph-canvas"] [role="img"]',
    ) as HTMLElement & { _cyreg?: { cy: any } };
    const box = container.getBoundingClientRect();
    const header = document.querySelector('header')!.getBoundingClientRect().bottom;
    let best: { id: string; y: number } | null = null;
    container._cyreg!.cy.nodes().forEach((n: any) => {
      const p = n.renderedPosition();
      const x = box.x + p.x;
      const y = box.y + p.y;
      const inside =
        x > 20 && x < window.innerWidth - 20 && y > header + 20 && y < window.innerHeight - 20;
      if (inside && y < box.bottom - 20 && (best === null || y > best.y)) best = { id: n.id(), y };
    });
    if (best === null) throw new Error('no node is drawn on screen');
    return (best as { id: string }).id;
  });
}

/** Viewport y from which the details cover the page (the viewport's bottom when they are a column). */
function coveredFrom(page: Page): Promise<number> {
  return page
    .getByTestId('details')
    .evaluate((details) =>
      getComputedStyle(details).position === 'fixed'
        ? details.getBoundingClientRect().top
        : window.innerHeight,
    );
}

async function selectByPointer(page: Page, size: Size, id: string): Promise<void> {
  const point = await nodePoint(page, id);
  if (size === 'phone') await page.touchscreen.tap(point.x, point.y);
  else await page.mouse.click(point.x, point.y);
  await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${CSS_ESCAPE(id)}"]`);
}

const CSS_ESCAPE = (id: string) => id.replace(/["\\]/g, '\\$&');

/** Polls until the node is drawn inside the canvas, below the header and above whatever covers the page. */
async function expectNodeInSight(page: Page, id: string): Promise<void> {
  let last = '';
  for (let tries = 0; tries < 30; tries++) {
    const point = await nodePoint(page, id);
    const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
    const header = await page.evaluate(
      () => document.querySelector('header')!.getBoundingClientRect().bottom,
    );
    const bottom = await coveredFrom(page);
    last = `node at ${Math.round(point.x)},${Math.round(point.y)}; free from ${Math.round(header)} to ${Math.round(bottom)}; canvas ${Math.round(canvas.y)}–${Math.round(canvas.y + canvas.height)}`;
    const inside =
      point.y > Math.max(header, canvas.y) &&
      point.y < Math.min(bottom, canvas.y + canvas.height) &&
      point.x > canvas.x &&
      point.x < canvas.x + canvas.width;
    if (inside) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the selected node is out of sight: ${last}`);
}

describe('the first screen', () => {
  for (const size of SIZES) {
    it(`${size}: the introduction and the search show without scrolling, and the search's placeholder fits its box`, async () => {
      const page = await openHome(size);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await onFirstScreen(page, 'h2:text("AI Papers: A Deep Dive, as a graph")')).toBe(true);
      expect(await onFirstScreen(page, '#search-input')).toBe(true);
      // The placeholder set in a span with the placeholder's font, against the input's text box.
      const fit = await page.locator('#search-input').evaluate((input) => {
        const field = input as HTMLInputElement;
        const font = getComputedStyle(field, '::placeholder');
        const probe = document.createElement('span');
        probe.textContent = field.placeholder;
        Object.assign(probe.style, {
          position: 'absolute',
          visibility: 'hidden',
          whiteSpace: 'pre',
          font: font.font,
          letterSpacing: font.letterSpacing,
        });
        document.body.append(probe);
        const text = probe.getBoundingClientRect().width;
        probe.remove();
        const own = getComputedStyle(field);
        const room = field.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight);
        return { text, room };
      });
      expect(fit.text, `placeholder ${fit.text}px in ${fit.room}px`).toBeLessThanOrEqual(fit.room);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, `${size}-first-screen`);
      await page.close();
    });
  }
});

describe('the selected node stays in sight', () => {
  for (const size of SIZES) {
    it(`${size}: a node low in the drawing, once selected, is drawn above the details; the sheet covers at most half the screen`, async () => {
      const page = await openHome(size);
      await graphReady(page);
      await layoutSettled(page);
      const id = await lowestVisibleNode(page);
      await selectByPointer(page, size, id);
      const details = (await page.getByTestId('details').boundingBox())!;
      const viewportHeight = size === 'phone' ? 844 : 900;
      if (size === 'phone') {
        expect(details.height).toBeLessThanOrEqual(viewportHeight / 2);
        expect(await coveredFrom(page)).toBeGreaterThanOrEqual(viewportHeight / 2);
      }
      await expectNodeInSight(page, id);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(
        size === 'phone' ? 390 : 1440,
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, `${size}-selected-in-sight`);
      await page.close();
    });
  }
});

describe('the details sheet by keyboard', () => {
  it('phone: the handle collapses the sheet with Enter and ArrowDown, expands it with Space and ArrowUp, and aria-expanded follows', async () => {
    const page = await openHome('phone');
    await graphReady(page);
    await layoutSettled(page);
    const id = await lowestVisibleNode(page);
    await selectByPointer(page, 'phone', id);
    const handle = page.getByTestId('sheet-handle');
    const panel = page.getByTestId('selection-panel');
    expect(await handle.getAttribute('aria-expanded')).toBe('true');
    const open = (await page.getByTestId('details').boundingBox())!.height;

    await handle.focus();
    await page.keyboard.press('Enter');
    expect(await handle.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.isVisible()).toBe(false);
    const shut = (await page.getByTestId('details').boundingBox())!.height;
    expect(shut).toBeLessThan(open);
    expect(shut).toBeLessThan(80);
    await expectNodeInSight(page, id);

    await page.keyboard.press('Space');
    expect(await handle.getAttribute('aria-expanded')).toBe('true');
    expect(await panel.isVisible()).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await handle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowUp');
    expect(await handle.getAttribute('aria-expanded')).toBe('true');
    expect((await page.getByTestId('details').boundingBox())!.height).toBeLessThanOrEqual(422);
    await expectNodeInSight(page, id);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, 'phone-sheet-keyboard');
    await page.close();
  });

  it('phone: dragging the handle with a finger down collapses the sheet, dragging it up never passes half the screen', async () => {
    const page = await openHome('phone');
    await graphReady(page);
    await layoutSettled(page);
    await selectByPointer(page, 'phone', await lowestVisibleNode(page));
    const handle = page.getByTestId('sheet-handle');
    // A finger on the handle, moved in steps (Playwright's touchscreen only taps).
    const cdp = await viewports.phone.newCDPSession(page);
    const drag = async (toY: number) => {
      const box = (await handle.boundingBox())!;
      const x = box.x + box.width / 2;
      const fromY = box.y + box.height / 2;
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchStart',
        touchPoints: [{ x, y: fromY }],
      });
      for (let step = 1; step <= 8; step++) {
        const y = fromY + ((toY - fromY) * step) / 8;
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await drag(835);
    expect(await handle.getAttribute('aria-expanded')).toBe('false');
    await drag(60);
    expect(await handle.getAttribute('aria-expanded')).toBe('true');
    const height = (await page.getByTestId('details').boundingBox())!.height;
    expect(height).toBeGreaterThan(300);
    expect(height).toBeLessThanOrEqual(422);
    await page.close();
  });

  it('desktop: the details are a column beside the drawing, with no sheet handle', async () => {
    const page = await openHome('desktop');
    await graphReady(page);
    await layoutSettled(page);
    await selectByPointer(page, 'desktop', await lowestVisibleNode(page));
    expect(await page.getByTestId('sheet-handle').isVisible()).toBe(false);
    expect(await page.getByTestId('selection-panel').isVisible()).toBe(true);
    expect(await coveredFrom(page)).toBe(900);
    await page.close();
  });
});

/** Labels drawn right now, by kind, and the best-connected nodes (rank order) with whether theirs is drawn. */
function drawnLabels(page: Page) {
  return page.evaluate(() => {
    const container = document.querySelector(
      '[data-testid="graph-canvas"] [role="img"]',
    ) as HTMLElement & { _cyreg?: { cy: any } };
    const cy = container._cyreg!.cy;
    const drawn = (n: any) =>
      n.style('label') !== '' &&
      n.pstyle('font-size').pfValue * cy.zoom() >= n.pstyle('min-zoomed-font-size').pfValue;
    const count = (kind: string) => {
      const nodes = cy.nodes(`.${kind}`);
      return { drawn: nodes.filter(drawn).length, of: nodes.length };
    };
    const byRank: { id: string; drawn: boolean }[] = cy
      .nodes()
      .toArray()
      .sort((a: any, b: any) => a.data('rank') - b.data('rank'))
      .map((n: any) => ({ id: n.id() as string, drawn: drawn(n) as boolean }));
    return { episodes: count('episode'), papers: count('paper'), byRank };
  });
}

describe('labels on the seed', () => {
  for (const size of SIZES) {
    it(`${size}: every episode and many papers are labelled at home zoom; the best-connected stay labelled zoomed out`, async () => {
      const page = await openHome(size);
      await graphReady(page);
      await atRest(page);
      const home = await drawnLabels(page);
      expect(home.episodes.drawn, 'episodes labelled').toBe(home.episodes.of);
      expect(home.papers.drawn, `papers labelled of ${home.papers.of}`).toBeGreaterThanOrEqual(
        size === 'phone' ? 8 : 20,
      );
      await shot(page, `${size}-labels-seed-home`);

      const restsBeforeZoom = await viewportRests(page);
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
      await atRest(page, restsBeforeZoom);
      const out = await drawnLabels(page);
      expect(
        out.byRank.slice(0, 3).every((n) => n.drawn),
        JSON.stringify(out.byRank),
      ).toBe(true);
      await page.close();
    });
  }
});

describe('errors', () => {
  it('threw no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
