// One Tab stop per list (roving tabindex, WAI-ARIA APG): arrows move between the items' main links,
// Home/End jump, Right/Left step to a row's secondary link and back. By hand: a dozen lines over the
// DOM, where the component libraries that offer it would bring their own widgets and styles.

/** The focusable links of one item: its main link first. */
const ITEM_LINKS = 'a';

export function moveRovingFocus(event: KeyboardEvent, itemSelector: string): void {
  const list = event.currentTarget as HTMLElement;
  const target = event.target as HTMLElement;
  const item = target.closest<HTMLElement>(itemSelector);
  if (!item || !list.contains(item)) return;
  const items = [...list.querySelectorAll<HTMLElement>(itemSelector)];
  const index = items.indexOf(item);
  const linksOf = (el: HTMLElement | undefined) =>
    el ? [...el.querySelectorAll<HTMLElement>(ITEM_LINKS)] : [];
  const links = linksOf(item);
  let next: HTMLElement | undefined;
  if (event.key === 'ArrowDown') next = linksOf(items[index + 1])[0];
  else if (event.key === 'ArrowUp') next = linksOf(items[index - 1])[0];
  else if (event.key === 'Home') next = linksOf(items[0])[0];
  else if (event.key === 'End') next = linksOf(items.at(-1))[0];
  else if (event.key === 'ArrowRight') next = links[links.indexOf(target) + 1];
  else if (event.key === 'ArrowLeft') next = links[links.indexOf(target) - 1];
  else return;
  event.preventDefault();
  next?.focus();
}

/** Which item holds the list's Tab stop: the last one focused if still listed, else the current one, else the first. */
export function rovingStop(
  ids: readonly string[],
  lastFocused: string | null,
  current: string | null,
): string | null {
  if (lastFocused !== null && ids.includes(lastFocused)) return lastFocused;
  if (current !== null && ids.includes(current)) return current;
  return ids[0] ?? null;
}
