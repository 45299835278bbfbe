import { describe, expect, it } from 'vitest';

import {
  MIN_VISIBLE_PX,
  panToShow,
  scrollToShow,
  visibleRows,
} from '../../web/src/lib/graph/reveal.ts';

// A phone: a 60 px header, a sheet from y = 500, a 480 px tall canvas starting at y = 200.
const canvas = { top: 200, height: 480, width: 390 };
const free = { top: 60, bottom: 500 };

describe('visibleRows', () => {
  it('is the part of the canvas between the header and the sheet, in canvas coordinates', () => {
    expect(visibleRows(canvas, free)).toEqual({ top: 0, bottom: 300 });
    expect(visibleRows({ ...canvas, top: 0 }, free)).toEqual({ top: 60, bottom: 480 });
  });
});

describe('scrollToShow', () => {
  it('does not scroll while enough of the canvas shows', () => {
    expect(scrollToShow(canvas, free)).toBe(0);
  });

  it('scrolls the canvas up under the header when the sheet leaves too little of it', () => {
    const low = { ...canvas, top: 500 - MIN_VISIBLE_PX + 10 };
    expect(scrollToShow(low, free)).toBe(low.top - free.top);
  });

  it('scrolls back down to a canvas scrolled away above', () => {
    expect(scrollToShow({ ...canvas, top: -460 }, free)).toBe(-520);
  });
});

describe('panToShow', () => {
  it('leaves a node well inside the visible rows alone', () => {
    expect(panToShow({ x: 200, y: 150 }, canvas, free)).toBeNull();
  });

  it('pans a node under the sheet up to the middle of the visible rows, not sideways', () => {
    expect(panToShow({ x: 200, y: 420 }, canvas, free)).toEqual({ x: 0, y: 150 - 420 });
  });

  it('pans a node off to a side back to the middle', () => {
    expect(panToShow({ x: 380, y: 150 }, canvas, free)).toEqual({ x: 195 - 380, y: 0 });
  });

  it('pans a node hidden under the header down', () => {
    const pan = panToShow({ x: 200, y: 20 }, { ...canvas, top: 0 }, free);
    expect(pan).toEqual({ x: 0, y: 270 - 20 });
  });
});
