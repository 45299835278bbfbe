// Helpers the browser tests share: waiting for the drawing, reading the live cytoscape instance,
// screenshots, downloads and axe-core runs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { ARTIFACTS } from './stack.ts';

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `e2e-${name}.png`), fullPage: false });

/** Waits until cytoscape drew the current elements and its layout ran. */
export async function graphReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="graph-canvas"][data-status="ready"]');
  await page.waitForFunction(() => {
    const frame = document.querySelector<HTMLElement>('[data-testid="graph-canvas"]');
    return (
      frame !== null &&
      Number(frame.dataset['layoutsDone']) > 0 &&
      Number(frame.dataset['renderedNodes']) > 0
    );
  });
}

/** Reads the live cytoscape instance cytoscape registers on its container. */
export function cyState(page: Page) {
  return page.evaluate(() => {
    const container = document.querySelector(
      '[data-testid="graph-canvas"] [role="img"]',
    ) as HTMLElement & {
      _cyreg?: { cy: any };
    };
    const cy = container._cyreg!.cy;
    return {
      nodes: cy.nodes().map((n: any) => n.id()) as string[],
      edges: cy.edges().length as number,
      selected: cy.nodes('.selected').map((n: any) => n.id()) as string[],
      focus: cy.nodes('.focus').map((n: any) => n.id()) as string[],
      pathNodes: cy.nodes('.on-path').map((n: any) => n.id()) as string[],
      pathEdges: cy.edges('.on-path').map((e: any) => [e.data('source'), e.data('target')]) as [
        string,
        string,
      ][],
      canvases: container.querySelectorAll('canvas').length,
    };
  });
}

/** Model positions of every node, rounded to a tenth of a pixel. */
export function nodePositions(page: Page): Promise<Record<string, [number, number]>> {
  return page.evaluate(() => {
    const container = document.querySelector(
      '[data-testid="graph-canvas"] [role="img"]',
    ) as HTMLElement & { _cyreg?: { cy: any } };
    const out: Record<string, [number, number]> = {};
    container._cyreg!.cy.nodes().forEach((n: any) => {
      const p = n.position();
      out[n.id()] = [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
    });
    return out;
  });
}

/** Where a node is drawn on the page, in viewport pixels. */
export function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((nodeId) => {
    const container = document.querySelector(
      '[data-testid="graph-canvas"] [role="img"]',
    ) as HTMLElement & { _cyreg?: { cy: any } };
    const p = container._cyreg!.cy.getElementById(nodeId).renderedPosition();
    const box = container.getBoundingClientRect();
    return { x: box.x + p.x, y: box.y + p.y };
  }, id);
}

/** Waits until no layout animation is moving nodes (two reads 150 ms apart agree). */
export async function layoutSettled(page: Page): Promise<void> {
  let before = JSON.stringify(await nodePositions(page));
  for (let tries = 0; tries < 20; tries++) {
    await page.waitForTimeout(150);
    const now = JSON.stringify(await nodePositions(page));
    if (now === before) return;
    before = now;
  }
  throw new Error('the layout kept moving for 3 s');
}

/** Rests of the drawing's viewport so far (each applies the zoom's label level and sweeps the labels). */
export async function viewportRests(page: Page): Promise<number> {
  return Number(await page.getByTestId('graph-canvas').getAttribute('data-viewport-rests'));
}

/** The layout done and no pan or zoom still waiting for its labels; `after`: a rest past that count. */
export async function atRest(page: Page, after = -1): Promise<void> {
  await layoutSettled(page);
  await page.waitForFunction((rests) => {
    const canvas = document.querySelector('[data-testid="graph-canvas"]');
    return (
      canvas?.getAttribute('data-viewport-moving') === 'false' &&
      Number(canvas.getAttribute('data-viewport-rests')) > rests
    );
  }, after);
}

export async function streamText(
  stream: NodeJS.ReadableStream,
  encoding: BufferEncoding = 'utf8',
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString(encoding);
}

let axeSource: string | null = null;

/**
 * axe-core from node_modules, evaluated in the page (a script tag would be refused by the CSP, and
 * no CDN is ever used); returns the serious and critical violations as "rule: target" lines.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  await page.evaluate(axeSource);
  interface Violation {
    id: string;
    impact: string | null;
    targets: string[];
  }
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<any> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id as string,
      impact: v.impact as string | null,
      targets: v.nodes.slice(0, 3).map((n: any) => String(n.target)) as string[],
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(' | ')}`);
}
