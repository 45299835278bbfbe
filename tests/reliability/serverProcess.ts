// The real server (`node server/src/main.ts`) as a child process on free loopback ports, for the crash,
// load and start-up tests. Talks to it over HTTP only, like any client.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { freePort, residentMemory } from '../helpers/processes.ts';

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const TEST_ADMIN_TOKEN = 'reliability-admin-token-0123456789';

export { freePort };

export interface ServerOptions {
  dataDir: string;
  adminToken?: string | undefined;
  seed?: boolean;
  /** Extra variables (e.g. NEO4J_URI); they win over the defaults. */
  env?: Record<string, string>;
  /** How long to wait for the "listening" line. */
  startTimeoutMs?: number;
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  graphqlUrl: string;
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment the server sees: only what it needs, so a developer's NEO4J_URI cannot leak in. */
function serverEnv(options: ServerOptions, apiPort: number, webPort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    HOST: '127.0.0.1',
    PORT: String(webPort),
    DATA_DIR: options.dataDir,
    SEED_ON_START: options.seed === false ? 'false' : 'true',
    // Metadata providers are the internet: a test that wants them points the URLs at its own server.
    ENRICH: 'false',
  };
  if (options.adminToken !== undefined) env.ADMIN_TOKEN = options.adminToken;
  return { ...env, ...options.env };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const apiPort = await freePort();
  const webPort = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: serverEnv(options, apiPort, webPort),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const server: RunningServer = {
    child,
    pid: child.pid ?? -1,
    baseUrl,
    graphqlUrl: `${baseUrl}/graphql`,
    output: () => output,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!/papergraph API \(/.test(output)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited (${child.exitCode ?? child.signalCode}) before listening:\n${output}`,
      );
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(
        `server did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return server;
}

export interface GraphQLResult {
  status: number;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

export async function graphql(
  server: { graphqlUrl: string },
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResult['body'] };
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const memory = residentMemory(pid);
  if (!memory) throw new Error(`no VmRSS for process ${pid}`);
  return memory.rss;
}
