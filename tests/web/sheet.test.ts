import { describe, expect, it } from 'vitest';

import {
  collapsesAt,
  draggedHeight,
  SHEET_MAX_SHARE,
  sheetKeyAction,
} from '../../web/src/lib/explorer/sheet.ts';

describe('draggedHeight', () => {
  it('is the distance from the pointer to the bottom of the viewport', () => {
    expect(draggedHeight(600, 844, 34)).toBe(244);
  });

  it('never passes 45 % of the viewport, nor drops below the handle', () => {
    expect(SHEET_MAX_SHARE).toBeLessThanOrEqual(0.5);
    expect(draggedHeight(10, 844, 34)).toBe(Math.floor(844 * SHEET_MAX_SHARE));
    expect(draggedHeight(843, 844, 34)).toBe(34);
  });
});

describe('collapsesAt', () => {
  it('collapses a sheet released just above its handle, keeps a taller one', () => {
    expect(collapsesAt(40, 34)).toBe(true);
    expect(collapsesAt(200, 34)).toBe(false);
  });
});

describe('sheetKeyAction', () => {
  it('up expands, down collapses, other keys do nothing', () => {
    expect(sheetKeyAction('ArrowUp')).toBe('expand');
    expect(sheetKeyAction('PageUp')).toBe('expand');
    expect(sheetKeyAction('ArrowDown')).toBe('collapse');
    expect(sheetKeyAction('PageDown')).toBe('collapse');
    expect(sheetKeyAction('Enter')).toBeNull();
  });
});
