// Feeds with markup and control characters in their text are not broken, just hostile: they are
// accepted, control characters are stripped, and HTML/script stays inert text — stored and served
// exactly as characters, never as markup (the web app then renders it escaped).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { ADMIN_TOKEN, createTestApi, type TestApi } from '../api/testApi.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../server/src/cli/import.ts', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/hostile-text.xml', import.meta.url));

const STORED = {
  title: `<script>alert('title')</script> Bells and "quotes" & <b>tags</b>`,
  summary: 'Summary with <img src=x onerror=alert(1)> and a bell and an escape.',
  readingTitle: '<svg onload=alert(2)> Paper',
  readingNote: 'A note with </textarea> in it.',
};

const READ_BACK = /* GraphQL */ `
  {
    episodes(first: 5) {
      edges {
        node {
          title
          summary
          recommendations {
            note
            paper {
              title
            }
          }
        }
      }
    }
    search(query: "bells") {
      node {
        __typename
        ... on Episode {
          title
        }
      }
    }
  }
`;

function expectStoredAsText(data: any): void {
  const [episode] = data.episodes.edges.map((edge: { node: unknown }) => edge.node);
  expect(episode).toEqual({
    title: STORED.title,
    summary: STORED.summary,
    recommendations: [{ note: STORED.readingNote, paper: { title: STORED.readingTitle } }],
  });
  expect(data.search[0].node).toEqual({ __typename: 'Episode', title: STORED.title });
}

describe('hostile but valid text', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('the fixture really carries control characters (so stripping them is tested)', async () => {
    const raw = await readFile(FIXTURE, 'utf8');
    expect(raw).toMatch(/[\u0007\u001b\u0085]/);
  });

  it('CLI: imports it, strips control characters, keeps markup as plain text', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'papergraph-hostile-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const { stdout } = await run(process.execPath, [CLI, FIXTURE], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir },
    });
    expect(stdout).toMatch(/1 added, 0 updated, 0 unchanged/);
    const api: TestApi = await createTestApi({
      seed: false,
      dataDir,
      store: await createEmbeddedStore({ dataDir }),
    });
    cleanup.push(() => api.close());
    const { data, errors } = await api.query(READ_BACK);
    expect(errors).toBeUndefined();
    expectStoredAsText(data);
  });

  it('importFeed: the same text, stored and served as characters', async () => {
    const api = await createTestApi({ seed: false });
    cleanup.push(() => api.close());
    const result = await api.query(
      'mutation ($content: String!) { importFeed(content: $content) { __typename ... on ImportSummary { added } } }',
      { content: await readFile(FIXTURE, 'utf8') },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    expect(result.data!.importFeed).toMatchObject({
      __typename: 'ImportSummary',
      added: [expect.any(String)],
    });
    const response = await api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: READ_BACK }),
    });
    // JSON, not HTML: the API never serves feed text in a form a browser would interpret.
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    const { data } = (await response.json()) as { data: unknown };
    expectStoredAsText(data);
  });
});
