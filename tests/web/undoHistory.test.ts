import { describe, expect, it } from 'vitest';

import {
  type ExplorerNavigation,
  leftView,
  pushView,
  UNDO_LIMIT,
} from '../../web/src/lib/explorer/undoHistory.ts';

const at = (href: string, route: string | null = '/(explorer)') => ({
  url: new URL(href, 'http://localhost'),
  route: { id: route },
});
const move = (from: string, to: string, type = 'goto'): ExplorerNavigation => ({
  from: at(from),
  to: at(to),
  type,
});

describe('the explorer undo history', () => {
  it('records the view a step inside the explorer leaves', () => {
    expect(leftView(move('/?sel=a', '/?sel=b'))).toBe('/?sel=a');
    expect(leftView(move('/', '/?min=2', 'link'))).toBe('/');
  });

  it('skips back/forward, leaving the app, other routes and navigations to the same view', () => {
    expect(leftView(move('/?sel=a', '/?sel=b', 'popstate'))).toBeNull();
    expect(leftView(move('/?sel=a', '/?sel=b', 'leave'))).toBeNull();
    expect(leftView(move('/?sel=a', '/?sel=a'))).toBeNull();
    expect(leftView({ from: at('/'), to: at('/episodes', '/episodes'), type: 'link' })).toBeNull();
    expect(leftView({ from: null, to: at('/'), type: 'goto' })).toBeNull();
  });

  it(`keeps the newest ${UNDO_LIMIT} views`, () => {
    let stack: string[] = [];
    for (let i = 0; i < UNDO_LIMIT + 5; i++) stack = pushView(stack, `/?limit=${i + 1}`);
    expect(stack).toHaveLength(UNDO_LIMIT);
    expect(stack[0]).toBe('/?limit=6');
    expect(stack.at(-1)).toBe(`/?limit=${UNDO_LIMIT + 5}`);
  });
});
