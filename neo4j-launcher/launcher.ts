// Builds (once, through Maven) and starts the Java launcher beside this file: a real Neo4j 5.26 with Bolt on
// 127.0.0.1. Used by `npm run neo4j`, the tests' global setup and the bench.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const LAUNCHER_DIR = dirname(fileURLToPath(import.meta.url));
const CLASSPATH_FILE = join(LAUNCHER_DIR, 'target', 'classpath.txt');
/** Touched after each successful build: Maven leaves an unchanged classpath file's time alone. */
const BUILT_STAMP = join(LAUNCHER_DIR, 'target', 'built.stamp');
const CLASSES_DIR = join(LAUNCHER_DIR, 'target', 'classes');
const SOURCES = [
  join(LAUNCHER_DIR, 'pom.xml'),
  join(LAUNCHER_DIR, 'src/main/java/papergraph/Neo4jLauncher.java'),
];
const MINIMUM_JAVA = 17;

export interface Neo4jLaunchOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  password: string;
  /** Where Maven's and Neo4j's progress goes (stderr by default). */
  log?: (line: string) => void;
  /** Java heap ceiling, e.g. '1g'. */
  heap?: string;
}

export interface RunningNeo4j {
  uri: string;
  port: number;
  password: string;
  dataDir: string;
  pid: number;
  /** SIGTERM (clean shutdown), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** kill -9, for outage tests. */
  kill(): Promise<void>;
  readonly exited: Promise<number | null>;
}

/** Why Neo4j cannot run here, or null when Java 17+ and Maven are present. */
export function neo4jUnavailableReason(): string | null {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error) return 'Java not found (install OpenJDK 17+)';
  const major = Number(/version "(\d+)/.exec(java.stderr + java.stdout)?.[1] ?? Number.NaN);
  if (!(major >= MINIMUM_JAVA))
    return `Java ${MINIMUM_JAVA}+ needed, found: ${(java.stderr.split('\n')[0] ?? '').trim()}`;
  if (isStale()) {
    const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
    if (mvn.error) return 'Maven not found (install maven)';
  }
  return null;
}

function isStale(): boolean {
  if (!existsSync(BUILT_STAMP) || !existsSync(CLASSPATH_FILE) || !existsSync(CLASSES_DIR))
    return true;
  const built = statSync(BUILT_STAMP).mtimeMs;
  return SOURCES.some((file) => statSync(file).mtimeMs > built);
}

/** Compiles the launcher and resolves Neo4j's jars into ~/.m2 (downloads on first use, with progress). */
export function buildLauncher(log: (line: string) => void = defaultLog): Promise<void> {
  if (!isStale()) return Promise.resolve();
  log('neo4j: building the launcher with Maven (the first run downloads Neo4j 5.26 into ~/.m2) …');
  return new Promise((resolvePromise, reject) => {
    const mvn = spawn('mvn', ['-B', '-DskipTests', 'package'], {
      cwd: LAUNCHER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    for (const stream of [mvn.stdout, mvn.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (/Downloading|Downloaded|BUILD|ERROR/.test(line))
          log(`neo4j: ${line.replace(/\x1b\[[0-9;]*m/g, '')}`);
      });
    }
    mvn.once('error', reject);
    mvn.once('exit', (code) =>
      code === 0
        ? resolvePromise(writeFileSync(BUILT_STAMP, ''))
        : reject(new Error(`mvn package failed (exit ${code}):\n${tail.join('\n')}`)),
    );
  });
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Starts Neo4j and resolves once Bolt answers; rejects with Neo4j's own output when it does not start. */
export async function startNeo4j(options: Neo4jLaunchOptions): Promise<RunningNeo4j> {
  const log = options.log ?? defaultLog;
  await buildLauncher(log);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const classpath = `${CLASSES_DIR}:${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap ?? '1g'}`,
      'papergraph.Neo4jLauncher',
      '--port',
      String(options.port),
      '--data',
      dataDir,
      '--password',
      options.password,
    ],
    // Standard input stays an open pipe: the launcher exits when it closes, so it never outlives this process.
    { env: { ...process.env, CLASSPATH: classpath }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    output.push(line);
    if (output.length > 60) output.shift();
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^NEO4J_URI=bolt:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
      if (match) resolvePort(Number(match[1]));
      else output.push(line);
    });
    child.once('error', reject);
    void exited.then((code) =>
      reject(new Error(`Neo4j exited (code ${code}) before Bolt answered:\n${output.join('\n')}`)),
    );
  });
  return {
    uri: `bolt://127.0.0.1:${port}`,
    port,
    password: options.password,
    dataDir,
    pid: child.pid!,
    exited,
    stop: (graceMs = 30_000) => stopChild(child, exited, graceMs),
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<number | null>,
  graceMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}
