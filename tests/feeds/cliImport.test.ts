// `npm run import -- https://…` as a person runs it, against a feed served on loopback.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { type LoopbackServer, serveOnLoopback } from '../helpers/loopbackServer.ts';
import { rssFeed, rssItem } from './feedText.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let server: LoopbackServer;
let base = '';
let dataDir = '';

beforeEach(async () => {
  server = await serveOnLoopback((request, response) => {
    if (request.url === '/feed.xml')
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rssFeed([rssItem({ n: 1 }), rssItem({ n: 2 })]));
    else response.writeHead(404).end();
  });
  base = server.origin;
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-cli-url-'));
});
afterEach(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function importCommand(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(ROOT, 'server/src/cli/import.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, FEED_TIMEOUT_SECONDS: '10' },
        timeout: 60_000,
      },
    );
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

describe('npm run import -- URL', () => {
  it('imports a feed URL once, like a file, and again as unchanged', async () => {
    const first = await importCommand([`${base}/feed.xml`]);
    expect(first).toMatchObject({
      code: 0,
      out: `${base}/feed.xml: 2 added, 0 updated, 0 unchanged\n`,
    });
    const again = await importCommand([
      `${base}/feed.xml`,
      join(ROOT, 'tests/feeds/fixtures/unlinked-reading.txt'),
    ]);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`${base}/feed.xml: 0 added, 0 updated, 2 unchanged`);
    expect(again.out).toContain('unlinked-reading.txt: 1 added');
    const store = await createEmbeddedStore({ dataDir });
    try {
      expect((await store.stats()).episodes).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('stores nothing when a URL fails, and says which and why', async () => {
    const failed = await importCommand([
      join(ROOT, 'tests/feeds/fixtures/unlinked-reading.txt'),
      `${base}/missing.xml`,
    ]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain(`${base}/missing.xml`);
    expect(failed.err).toContain(`HTTP_ERROR: HTTP 404 Not Found from ${base}/missing.xml`);
    const store = await createEmbeddedStore({ dataDir });
    try {
      expect((await store.stats()).episodes).toBe(0);
    } finally {
      await store.close();
    }
  });
});
