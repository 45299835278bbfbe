import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';

import { FULL_TEXT_ZOOM, LABEL_PX, labelLevel, sameLevel } from '../../web/src/lib/graph/labels.ts';
import { GRAPH_COLORS, graphStylesheet, type StyleRule } from '../../web/src/lib/graph/style.ts';
import { mapStylesheet } from '../../web/src/lib/map/style.ts';

const rule = (sheet: StyleRule[], selector: string) =>
  sheet.find((r) => r.selector === selector)?.style ?? {};

describe('graph stylesheet', () => {
  it('draws small views in full: labels always, curved edges with arrows, dashed recommendations', () => {
    const sheet = graphStylesheet(0);
    expect(rule(sheet, 'node')).toMatchObject({ label: 'data(label)', 'min-zoomed-font-size': 0 });
    expect(rule(sheet, 'edge')).toMatchObject({
      'curve-style': 'bezier',
      'target-arrow-shape': 'triangle',
    });
    expect(rule(sheet, 'edge.recommended')).toMatchObject({ 'line-style': 'dashed' });
    expect(rule(sheet, 'edge.reference')).toMatchObject({
      'line-style': 'dashed',
      'line-color': GRAPH_COLORS.referenceEdge,
    });
    expect(rule(graphStylesheet(10), 'edge.reference')).toMatchObject({
      'line-color': GRAPH_COLORS.referenceEdge,
    });
  });

  it('draws large views light: labels only zoomed in and not hit-tested, straight edges without arrows', () => {
    const sheet = graphStylesheet(10);
    expect(rule(sheet, 'node')).toMatchObject({ 'min-zoomed-font-size': 10, 'text-events': 'no' });
    expect(rule(sheet, 'edge')).toMatchObject({ 'curve-style': 'haystack' });
    for (const r of sheet) {
      expect(r.style['target-arrow-shape']).toBeUndefined();
      if (r.selector !== 'edge.on-path') expect(r.style['line-style']).toBeUndefined();
    }
  });

  it('gives every node of both drawings an empty background-image list, not the default none', () => {
    const sheets = {
      'small graph': graphStylesheet(0),
      'large graph': graphStylesheet(10),
      'small map': mapStylesheet(false),
      'large map': mapStylesheet(true),
    };
    for (const [name, sheet] of Object.entries(sheets)) {
      const cy = cytoscape({
        headless: true,
        styleEnabled: true,
        elements: [{ data: { id: 'a' }, classes: 'episode' }],
        style: sheet as cytoscape.StylesheetJson,
      });
      // An empty list reads back as '', the default as 'none'.
      expect(cy.getElementById('a').style('background-image'), name).toBe('');
      cy.destroy();
    }
  });

  it('highlights focus, selection and path the same way in both', () => {
    const emphasis = (sheet: StyleRule[]) =>
      sheet.filter((r) => /focus|selected|on-path|faded/.test(r.selector));
    expect(emphasis(graphStylesheet(10))).toEqual(emphasis(graphStylesheet(0)));
    expect(emphasis(graphStylesheet(0)).length).toBe(6);
    expect(graphStylesheet(0, true)).toEqual(graphStylesheet(0, true));
    expect(rule(graphStylesheet(0, true), 'edge')).toMatchObject({ 'curve-style': 'haystack' });
  });

  it('keeps labels for the best-connected nodes the zoom leaves room for, and for emphasised ones', () => {
    const level = labelLevel(0.25, 200);
    const sheet = graphStylesheet(0, false, level);
    expect(rule(sheet, `node[rank >= ${level.shown}]`)).toEqual({ label: '' });
    const restore = sheet.findIndex(
      (r) => r.selector.includes('node.hovered') && r.style['label'] === 'data(label)',
    );
    expect(restore).toBeGreaterThan(sheet.findIndex((r) => r.selector.startsWith('node[rank')));
    expect(rule(sheet, 'node')).toMatchObject({
      'font-size': level.fontSize,
      'text-wrap': 'ellipsis',
    });
  });
});

describe('label level of detail', () => {
  it('draws labels at a legible rendered size at every zoom out, growing with the zoom in', () => {
    for (const zoom of [0.05, 0.12, 0.3, 0.5, 0.8, 1]) {
      const rendered = labelLevel(zoom, 100).fontSize * zoom;
      expect(rendered, `zoom ${zoom}`).toBeGreaterThanOrEqual(10);
      expect(rendered, `zoom ${zoom}`).toBeLessThanOrEqual(LABEL_PX * 1.25);
    }
    expect(labelLevel(3, 100).fontSize).toBe(LABEL_PX);
  });

  it('shows more labels as the zoom grows, all from zoom 1, and full titles from FULL_TEXT_ZOOM', () => {
    const counts = [0.1, 0.3, 0.6, 1].map((z) => labelLevel(z, 400).shown);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts[0]).toBeGreaterThanOrEqual(8);
    expect(labelLevel(1, 400).shown).toBe(400);
    expect(labelLevel(FULL_TEXT_ZOOM, 400).wrap).toBe(true);
    expect(labelLevel(1, 400).wrap).toBe(false);
  });

  it('changes only when the zoom crosses a step, so zooming does not restyle every frame', () => {
    expect(sameLevel(labelLevel(0.5, 100), labelLevel(0.51, 100))).toBe(true);
    expect(sameLevel(labelLevel(0.5, 100), labelLevel(0.8, 100))).toBe(false);
  });
});
