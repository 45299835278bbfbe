import { readFile } from 'node:fs/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { ADMIN_TOKEN, createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const SEED_PAGE = new URL('../../seed/ai-papers-deep-dive.txt', import.meta.url);
const SEED_RSS = new URL('../../seed/ai-papers-deep-dive.rss.xml', import.meta.url);

const IMPORT = /* GraphQL */ `
  mutation Import($content: String!, $format: FeedFormat) {
    importFeed(content: $content, format: $format) {
      __typename
      ... on ImportSummary {
        added
        updated
        unchanged
      }
      ... on Error {
        message
      }
      ... on FeedValidationError {
        issues {
          episode
          field
          message
        }
      }
    }
  }
`;
const EXPORT_SHAPE = `{ stats { episodes papers citations } episodes(first: 100) { edges { node { id title publishedAt paperPublishedAt durationMinutes summary takeaways chapters { start title summary } source { id } recommendations { note paper { id title aliases } } } } } }`;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describeForEachStore('importFeed', (storeFactory) => {
  it('refuses callers without the admin token and writes nothing', async () => {
    api = await createTestApi({ storeFactory, seed: false });
    const content = await readFile(SEED_PAGE, 'utf8');
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: ADMIN_TOKEN },
    ]) {
      const { data } = await api.query(IMPORT, { content }, headers);
      expect(data!.importFeed.__typename).toBe('NotAuthorizedError');
    }
    expect((await api.query('{ stats { episodes } }')).data!.stats.episodes).toBe(0);
  });

  it('is disabled when the server has no admin token', async () => {
    api = await createTestApi({ storeFactory, seed: false, adminToken: undefined });
    const { data } = await api.query(IMPORT, { content: 'x' }, admin);
    expect(data!.importFeed).toMatchObject({
      __typename: 'NotAuthorizedError',
      message: expect.stringMatching(/disabled/),
    });
  });

  it('imports a feed, and re-importing it is a no-op', async () => {
    api = await createTestApi({ storeFactory, seed: false });
    const content = await readFile(SEED_PAGE, 'utf8');
    const first = await api.query(IMPORT, { content }, admin);
    expect(first.data!.importFeed.__typename).toBe('ImportSummary');
    expect(first.data!.importFeed.added).toHaveLength(8);
    const before = await api.query(EXPORT_SHAPE);
    const again = await api.query(IMPORT, { content, format: 'PAGE' }, admin);
    expect(again.data!.importFeed).toMatchObject({ added: [], updated: [] });
    expect(again.data!.importFeed.unchanged).toHaveLength(8);
    expect(await api.query(EXPORT_SHAPE)).toEqual(before);
  });

  it('builds the same graph from the RSS feed as from the page', async () => {
    api = await createTestApi({ storeFactory, seed: false });
    await api.query(IMPORT, { content: await readFile(SEED_PAGE, 'utf8') }, admin);
    const fromPage = await api.query(EXPORT_SHAPE);
    await api.close();
    api = await createTestApi({ storeFactory, seed: false });
    const rss = await api.query(IMPORT, { content: await readFile(SEED_RSS, 'utf8') }, admin);
    expect(rss.data!.importFeed.added).toHaveLength(8);
    expect(await api.query(EXPORT_SHAPE)).toEqual(fromPage);
  });

  it('updates a changed episode in place instead of duplicating it', async () => {
    api = await createTestApi({ storeFactory, seed: true });
    const page = await readFile(SEED_PAGE, 'utf8');
    const edited = page.replace(
      'How DeepSeek Made One User Faster Without Slowing Down the Crowd',
      'DeepSeek, Faster for One and All',
    );
    const result = await api.query(IMPORT, { content: edited }, admin);
    expect(result.data!.importFeed.updated).toHaveLength(1);
    expect(result.data!.importFeed.unchanged).toHaveLength(7);
    const { data } = await api.query(
      '{ stats { episodes } episode(id: "' + result.data!.importFeed.updated[0] + '") { title } }',
    );
    expect(data!.stats.episodes).toBe(8);
    expect(data!.episode.title).toBe('DeepSeek, Faster for One and All');
  });

  it('rejects a feed with one broken episode, names it and the field, and writes nothing', async () => {
    api = await createTestApi({ storeFactory, seed: false });
    const page = await readFile(SEED_PAGE, 'utf8');
    const broken = page.replace('Source: https://arxiv.org/abs/2606.26294 ', 'Source: our-blog ');
    const { data } = await api.query(IMPORT, { content: broken }, admin);
    expect(data!.importFeed.__typename).toBe('FeedValidationError');
    expect(data!.importFeed.issues).toHaveLength(1);
    expect(data!.importFeed.issues[0]).toMatchObject({
      episode: expect.stringContaining('How an AI Reviewer Learned'),
      field: expect.stringMatching(/source/i),
    });
    expect((await api.query('{ stats { episodes papers } }')).data!.stats).toEqual({
      episodes: 0,
      papers: 0,
    });
  });

  it('says clearly when the format is unknown', async () => {
    api = await createTestApi({ storeFactory, seed: false });
    const { data } = await api.query(IMPORT, { content: 'hello world' }, admin);
    expect(data!.importFeed.__typename).toBe('FeedValidationError');
    expect(data!.importFeed.message).toMatch(/format/i);
  });
});

describe('restart', () => {
  it('keeps an acknowledged import', async () => {
    api = await createTestApi({ seed: false });
    await api.query(IMPORT, { content: await readFile(SEED_PAGE, 'utf8') }, admin);
    const dataDir = api.dataDir;
    await api.store.close();
    const { createEmbeddedStore } = await import('../../server/src/store/embedded/index.ts');
    const reopened = await createTestApi({
      seed: false,
      store: await createEmbeddedStore({ dataDir }),
      dataDir,
    });
    expect((await reopened.query('{ stats { episodes citations } }')).data!.stats).toEqual({
      episodes: 8,
      citations: 34,
    });
    await reopened.close();
    const { rm } = await import('node:fs/promises');
    await rm(dataDir, { recursive: true, force: true });
    api = undefined;
  });
});
