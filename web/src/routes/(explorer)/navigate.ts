// Explorer actions are navigations (the URL is the view); keyboard focus stays where the action
// happened and the scroll where it was.
import { explorerHref, type ExplorerState } from '#lib/urlState.ts';
import { goto } from '$app/navigation';
import { page } from '$app/state';

/** Shows `next`; nothing happens when it is the view already. */
export async function showView(next: ExplorerState): Promise<void> {
  const href = explorerHref(next);
  if (href === page.url.pathname + page.url.search) return;
  await goto(href, { reset: false });
}
