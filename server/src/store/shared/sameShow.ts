// Whether an import's show would change the stored one: both stores rewrite a show only when it does.
import type { ShowRecord } from '../../domain/model.ts';

export function sameShow(stored: ShowRecord | undefined, incoming: ShowRecord): boolean {
  return (
    stored !== undefined &&
    stored.title === incoming.title &&
    stored.link === incoming.link &&
    stored.imageUrl === incoming.imageUrl &&
    stored.author === incoming.author &&
    stored.feedUrl === incoming.feedUrl
  );
}
