// The search, author and topic arguments `episodes` and `papers` share, and the filter they ask for.
import type { MetadataFilter } from '../../store/metadataStore.ts';
import { builder } from '../builder.ts';
import { textArg } from './args.ts';

export const metadataFilterArgs = (descriptions: { author: string; topic: string }) =>
  builder.args((t) => ({
    search: t.string({ validate: textArg(200) }),
    author: t.string({ description: descriptions.author, validate: textArg(200) }),
    topic: t.string({ description: descriptions.topic, validate: textArg(200) }),
  }));

export const metadataFilterOf = (args: {
  search?: string | null | undefined;
  author?: string | null | undefined;
  topic?: string | null | undefined;
}): MetadataFilter => ({
  text: args.search ?? undefined,
  author: args.author ?? undefined,
  topic: args.topic ?? undefined,
});
