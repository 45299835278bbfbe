// The example queries GraphiQL opens with (server/src/graphql/graphiql/examples.ts) are the ones
// docs/api.md shows, word for word, and each answers on the seed without errors on every store.
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Example, EXAMPLES } from '../../server/src/graphql/graphiql/examples.ts';
import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const GUIDE = new URL('../../docs/api.md', import.meta.url);
const START = '<!-- examples: server/src/graphql/graphiql/examples.ts -->';
const END = '<!-- /examples -->';

const asMarkdown = (example: Example) =>
  `### ${example.name}\n\n${example.about}\n\n\`\`\`graphql\n${example.query}\n\`\`\``;

describe('GraphiQL examples in the API guide', () => {
  it('docs/api.md shows exactly the examples GraphiQL opens with, in order', () => {
    const guide = readFileSync(GUIDE, 'utf8');
    const start = guide.indexOf(START);
    const end = guide.indexOf(END);
    expect(start, `docs/api.md marks its examples with ${START}`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(
      guide.slice(start + START.length, end).trim(),
      'docs/api.md is not examples.ts: copy each example there as "### name", its sentence and its query',
    ).toBe(EXAMPLES.map(asMarkdown).join('\n\n'));
  });

  it('every example after the first (anonymous, to be typed over) is an operation of its name', () => {
    const names = EXAMPLES.map((example) => /^query (\w+)/.exec(example.query)?.[1]);
    expect(names).toEqual([undefined, ...EXAMPLES.slice(1).map((example) => example.name)]);
  });
});

describeForEachStore('GraphiQL examples on the seed', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  it.each(EXAMPLES.map((example) => [example.name, example] as const))(
    '%s answers without errors',
    async (_name, example) => {
      const { data, errors } = await api.query(example.query);
      expect(errors).toBeUndefined();
      const [answer] = Object.values(data ?? {});
      expect(answer).toBeTruthy();
      // Every example finds something in the seed: a first list in it is not empty.
      const firstList = JSON.stringify(answer).match(/\[(.)/);
      if (firstList) expect(firstList[1]).not.toBe(']');
    },
  );
});
