// The command-line tools as a person runs them: `npm run seed`, `npm run import -- FILE...`, `npm start`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startServer } from '../reliability/serverProcess.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED_RSS = join(ROOT, 'seed/ai-papers-deep-dive.rss.xml');

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-cli-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function run(script: string, args: string[] = []) {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run seed / npm run import', () => {
  it('seeds, then imports the same episodes from RSS: updated once with what only RSS says (guid, link, audio), then unchanged', () => {
    const seeded = run('server/src/cli/seed.ts');
    expect(seeded.status).toBe(0);
    expect(seeded.out).toMatch(/8 added, 0 updated, 0 unchanged/);
    expect(run('server/src/cli/seed.ts').out).toMatch(/0 added, 0 updated, 8 unchanged/);
    const rss = run('server/src/cli/import.ts', [SEED_RSS]);
    expect(rss.status).toBe(0);
    expect(rss.out).toContain(`${SEED_RSS}: 0 added, 8 updated, 0 unchanged`);
    expect(run('server/src/cli/import.ts', [SEED_RSS]).out).toContain(
      `${SEED_RSS}: 0 added, 0 updated, 8 unchanged`,
    );
  });

  it('fails with a non-zero exit and names the file when it cannot be read', () => {
    const missing = run('server/src/cli/import.ts', [join(dataDir, 'nope.xml')]);
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('nope.xml');
  });

  it('prints its usage without files', () => {
    const bare = run('server/src/cli/import.ts');
    expect(bare.status).toBe(2);
    expect(bare.err).toMatch(/usage: npm run import -- FILE/);
  });
});

describe('one process per DATA_DIR', () => {
  it('refuses a CLI import while a server holds the data folder, and says what to do', async () => {
    const server = await startServer({ dataDir });
    try {
      const refused = run('server/src/cli/import.ts', [SEED_RSS]);
      expect(refused.status).toBe(1);
      expect(refused.err).toMatch(
        new RegExp(`in use by another papergraph process \\(pid ${server.pid}\\).*importFeed`),
      );
      expect(refused.err).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      await server.kill('SIGTERM');
    }
    // The server gave the folder back on its way out.
    expect(run('server/src/cli/import.ts', [SEED_RSS]).status).toBe(0);
  });
});

describe('npm start', () => {
  it('prints its URLs (ports of 0 become the bound ones), and stops cleanly on SIGTERM keeping the seeded store', async () => {
    const server = await startServer({ dataDir, env: { API_PORT: '0', PORT: '0' } });
    expect(server.output()).toMatch(/Seeded an empty store: 8 episodes/);
    expect(server.output()).toMatch(
      /papergraph API \(embedded store\): http:\/\/127\.0\.0\.1:[1-9]\d*\/graphql/,
    );
    expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('SIGTERM: shutting down');
    // A new folder has no graph file yet; the clean stop wrote one, so the next start loads it instead of rebuilding.
    expect(server.output()).toMatch(/Graph rebuilt from SQLite in \d+ ms \(.+\)\./);
    const again = await startServer({ dataDir, env: { API_PORT: '0', PORT: '0' } });
    expect(again.output()).toMatch(/Graph loaded from papergraph\.graph in \d+ ms\./);
    await again.kill('SIGTERM');
    expect(run('server/src/cli/seed.ts').out).toMatch(/0 added, 0 updated, 8 unchanged/);
  });
});
