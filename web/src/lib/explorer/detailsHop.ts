// One key between a selected list row and its details: Tab on the selected row's link goes straight
// to the details panel (the lists, filters and toolbar lie between them in the page), and Shift+Tab
// on the panel's first link comes back to the row.

const PANEL = '[data-testid="selection-panel"]';
const FOCUSABLE = 'a[href], button:not([disabled]), input, select, textarea, [tabindex="0"]';

const plainTab = (event: KeyboardEvent, shift: boolean) =>
  event.key === 'Tab' &&
  event.shiftKey === shift &&
  !event.altKey &&
  !event.ctrlKey &&
  !event.metaKey &&
  !event.defaultPrevented;

/** Keydown inside the lists: Tab from the selected row's own link moves to the details panel. */
export function tabToDetails(event: KeyboardEvent): void {
  if (!plainTab(event, false)) return;
  const link = (event.target as HTMLElement | null)?.closest('a[aria-current="true"]');
  if (!link) return;
  const first = document.querySelector(PANEL)?.querySelector<HTMLElement>(FOCUSABLE);
  // A collapsed sheet shows no panel: Tab then goes on as usual.
  if (!first || first.getClientRects().length === 0) return;
  event.preventDefault();
  first.focus();
}

/** Keydown on the panel's first link: Shift+Tab goes back to the selected node's list row. */
export function tabBackToRow(event: KeyboardEvent, id: string): void {
  if (!plainTab(event, true)) return;
  const row = document.querySelector<HTMLElement>(
    `[data-testid="node-lists"] [data-node-id="${CSS.escape(id)}"] a[aria-current="true"]`,
  );
  if (!row) return;
  event.preventDefault();
  row.focus();
}
