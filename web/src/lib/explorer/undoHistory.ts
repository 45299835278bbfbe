// The explorer's own undo: the views it navigated away from, newest last. The browser's back
// button also walks through other pages; Undo stays in the explorer.

export const UNDO_LIMIT = 50;

interface NavigationEnd {
  url: URL;
  route: { id: string | null };
}

/** The parts of SvelteKit's BeforeNavigate that decide whether a navigation is an undoable step. */
export interface ExplorerNavigation {
  from: NavigationEnd | null;
  to: NavigationEnd | null;
  type: string;
}

/** The view a navigation leaves (path and query) when it is a step inside the explorer, else null. */
export function leftView({ from, to, type }: ExplorerNavigation): string | null {
  // Back/forward already move through history; leaving the app ends the explorer.
  if (type === 'popstate' || type === 'leave') return null;
  if (!from || !to || from.route.id !== to.route.id) return null;
  const previous = from.url.pathname + from.url.search;
  return previous === to.url.pathname + to.url.search ? null : previous;
}

/** The undo stack with one more view, the oldest dropped past UNDO_LIMIT. */
export function pushView(stack: readonly string[], view: string): string[] {
  return [...stack, view].slice(-UNDO_LIMIT);
}
