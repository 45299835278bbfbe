import { describe, expect, it } from 'vitest';
import { HUGE_VIEW, LARGE_VIEW, chooseLayout, concentricLevel, minLabelFontSize } from '../../web/src/lib/graph/layout.ts';

describe('layout choice', () => {
  it('uses animated fcose for small views, keeping positions when growing a view', () => {
    const fresh = chooseLayout({ nodeCount: 40, incremental: false });
    expect(fresh).toMatchObject({ name: 'fcose', quality: 'default', randomize: true, animate: 'end' });
    expect(chooseLayout({ nodeCount: 40, incremental: true })).toMatchObject({ randomize: false });
    expect(chooseLayout({ nodeCount: 40, incremental: false, reducedMotion: true })).toMatchObject({ animate: false });
  });

  it('switches to draft fcose without animation above the large-view threshold', () => {
    expect(chooseLayout({ nodeCount: LARGE_VIEW, incremental: false }).name).toBe('fcose');
    expect(chooseLayout({ nodeCount: LARGE_VIEW + 1, incremental: true })).toMatchObject({
      name: 'fcose',
      quality: 'draft',
      animate: false,
    });
  });

  it('uses a cheap concentric layout for huge views, heavier papers nearer the middle', () => {
    const layout = chooseLayout({ nodeCount: HUGE_VIEW + 1, incremental: false });
    expect(layout).toMatchObject({ name: 'concentric', animate: false });
    const level = layout['concentric'] as (n: { data(k: string): unknown }) => number;
    const node = (kind: string, weight: number) => ({ data: (k: string) => (k === 'kind' ? kind : weight) });
    expect(level(node('paper', 8))).toBeGreaterThan(level(node('paper', 1)));
    expect(level(node('paper', 1))).toBeGreaterThan(level(node('episode', 9)));
    expect(concentricLevel('paper', Number.NaN)).toBe(1);
  });

  it('never picks cola or cose', () => {
    for (const nodeCount of [1, 500, 1500, 10_000]) {
      expect(['fcose', 'concentric']).toContain(chooseLayout({ nodeCount, incremental: false }).name);
    }
  });

  it('hides small labels only on large views', () => {
    expect(minLabelFontSize(100)).toBe(0);
    expect(minLabelFontSize(LARGE_VIEW + 1)).toBeGreaterThan(0);
  });
});
