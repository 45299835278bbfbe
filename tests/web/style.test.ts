import { describe, expect, it } from 'vitest';
import { graphStylesheet, type StyleRule } from '../../web/src/lib/graph/style.ts';

const rule = (sheet: StyleRule[], selector: string) => sheet.find((r) => r.selector === selector)?.style ?? {};

describe('graph stylesheet', () => {
  it('draws small views in full: labels always, curved edges with arrows, dashed recommendations', () => {
    const sheet = graphStylesheet(0);
    expect(rule(sheet, 'node')).toMatchObject({ label: 'data(label)', 'min-zoomed-font-size': 0 });
    expect(rule(sheet, 'edge')).toMatchObject({ 'curve-style': 'bezier', 'target-arrow-shape': 'triangle' });
    expect(rule(sheet, 'edge.recommended')).toMatchObject({ 'line-style': 'dashed' });
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

  it('highlights focus, selection and path the same way in both', () => {
    const emphasis = (sheet: StyleRule[]) => sheet.filter((r) => /focus|selected|on-path|faded/.test(r.selector));
    expect(emphasis(graphStylesheet(10))).toEqual(emphasis(graphStylesheet(0)));
    expect(emphasis(graphStylesheet(0)).length).toBe(5);
    expect(graphStylesheet(0, true)).toEqual(graphStylesheet(0, true));
    expect(rule(graphStylesheet(0, true), 'edge')).toMatchObject({ 'curve-style': 'haystack' });
  });
});
