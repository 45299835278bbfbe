// `npm run neo4j` as a person runs it: one NEO4J_URI line once Bolt answers, papergraph started against it
// with docs/neo4j.md's variables seeds it, Ctrl-C/SIGTERM leaves no Java process behind, and a second start
// on the same --data finds the data where it was.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { neo4jTestSettings } from '../helpers/neo4j.ts';
import { freePort, graphql, startServer } from '../reliability/serverProcess.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'papergraph-cli-test';
const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'npm run neo4j'
    : `npm run neo4j (skipped: ${settings.skipReason})`;

interface Launched {
  child: ChildProcess;
  uriLine: string;
  exited: Promise<number | null>;
}

function launch(args: string[]): Promise<Launched> {
  const child = spawn('npm', ['run', '--silent', 'neo4j', '--', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('NEO4J_URI=')) resolvePromise({ child, uriLine: line, exited });
    });
    void exited.then((code) =>
      reject(new Error(`npm run neo4j exited (${code}) first:\n${lines.join('\n')}\n${stderr}`)),
    );
  });
}

function javaLaunchersOn(dataDir: string): number {
  const found = spawnSync('pgrep', ['-f', `Neo4jLauncher .*--data ${dataDir}`], {
    encoding: 'utf8',
  });
  return found.stdout.trim() === '' ? 0 : found.stdout.trim().split('\n').length;
}

/** SIGTERM to npm, as a supervisor sends it; Neo4j then checkpoints and closes Bolt (~10 s) before its JVM exits. */
async function stopAndWaitForJava(neo4j: Launched, dataDir: string): Promise<number> {
  neo4j.child.kill('SIGTERM');
  await neo4j.exited;
  const deadline = Date.now() + 60_000;
  while (javaLaunchersOn(dataDir) > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250));
  return javaLaunchersOn(dataDir);
}

describe.skipIf(settings.skipReason !== undefined)(title, { timeout: 180_000 }, () => {
  let dataDir: string;
  let serverDir: string;
  let port: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'papergraph-npm-neo4j-'));
    serverDir = await mkdtemp(join(tmpdir(), 'papergraph-npm-neo4j-api-'));
    port = await freePort();
  });
  afterAll(async () => {
    await Promise.all([dataDir, serverDir].map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('prints one NEO4J_URI line, papergraph seeds it, and SIGTERM leaves no process behind', async () => {
    const neo4j = await launch(['--port', String(port), '--data', dataDir, '--password', PASSWORD]);
    expect(neo4j.uriLine).toBe(`NEO4J_URI=bolt://127.0.0.1:${port}`);
    const server = await startServer({
      dataDir: serverDir,
      env: { NEO4J_URI: neo4j.uriLine.slice('NEO4J_URI='.length), NEO4J_PASSWORD: PASSWORD },
      startTimeoutMs: 60_000,
    });
    expect(
      (await graphql(server, '{ stats { episodes papers citations } }')).body.data?.['stats'],
    ).toEqual({ episodes: 8, papers: 32, citations: 34 });
    await server.kill('SIGTERM');
    expect(await stopAndWaitForJava(neo4j, dataDir)).toBe(0);
  });

  it('a second start on the same --data finds the data where it was', async () => {
    const neo4j = await launch(['--port', String(port), '--data', dataDir, '--password', PASSWORD]);
    const server = await startServer({
      dataDir: serverDir,
      seed: false,
      env: { NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_PASSWORD: PASSWORD },
      startTimeoutMs: 60_000,
    });
    expect((await graphql(server, '{ stats { episodes } }')).body.data?.['stats']).toEqual({
      episodes: 8,
    });
    await server.kill('SIGTERM');
    expect(await stopAndWaitForJava(neo4j, dataDir)).toBe(0);
  });

  it('refuses a bad port or a short password, saying which', () => {
    const badPort = spawnSync('npm', ['run', '--silent', 'neo4j', '--', '--port', 'abc'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toMatch(/--port must be an integer/);
    const shortPassword = spawnSync(
      'npm',
      ['run', '--silent', 'neo4j', '--', '--password', 'short'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(shortPassword.status).toBe(2);
    expect(shortPassword.stderr).toMatch(/at least 8 characters/);
  });
});
