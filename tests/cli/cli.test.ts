// The command-line tools as a person runs them: `npm run seed`, `npm run import -- FILE...`, `npm start`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

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
  it('seeds, then re-imports the same episodes from RSS as unchanged', () => {
    const seeded = run('server/src/cli/seed.ts');
    expect(seeded.status).toBe(0);
    expect(seeded.out).toMatch(/8 added, 0 updated, 0 unchanged/);
    expect(run('server/src/cli/seed.ts').out).toMatch(/0 added, 0 updated, 8 unchanged/);
    const rss = run('server/src/cli/import.ts', [SEED_RSS]);
    expect(rss.status).toBe(0);
    expect(rss.out).toContain(`${SEED_RSS}: 0 added, 0 updated, 8 unchanged`);
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
    const server = spawn(process.execPath, [join(ROOT, 'server/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, API_PORT: '0', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((done) => server.once('exit', done));
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (!/papergraph API/.test(output) && server.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    try {
      const refused = run('server/src/cli/import.ts', [SEED_RSS]);
      expect(refused.status).toBe(1);
      expect(refused.err).toMatch(new RegExp(`in use by another papergraph process \\(pid ${server.pid}\\).*importFeed`));
      expect(refused.err).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
    // The server gave the folder back on its way out.
    expect(run('server/src/cli/import.ts', [SEED_RSS]).status).toBe(0);
  });
});

describe('npm start', () => {
  it('prints its URLs, and stops cleanly on SIGTERM keeping the seeded store', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'server/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, API_PORT: '0', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (!/papergraph explorer|serving the API only/.test(output) && child.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(output).toMatch(/Seeded an empty store: 8 episodes/);
    expect(output).toMatch(/papergraph API \(embedded store\): http:\/\/127\.0\.0\.1:\d+\/graphql/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: shutting down');
    expect(run('server/src/cli/seed.ts').out).toMatch(/0 added, 0 updated, 8 unchanged/);
  });
});
