// Vitest global setup: one real Neo4j 5.26 per worker, so Neo4j-backed files running in parallel never wipe
// each other's graph (Community Edition has a single user database). Servers start on demand: a loopback
// broker starts a worker's server when the first file of that worker imports tests/helpers/neo4j.ts, so a
// run of unit files starts none. Without Java 17+ or Maven the Neo4j tests skip with that reason in their
// names, except under CI, where the run fails instead.
// A person's own disposable server (NEO4J_URI + NEO4J_PASSWORD + NEO4J_TEST_DISPOSABLE=true) replaces them;
// the config then runs one worker, since every file shares that one database.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

import {
  neo4jUnavailableReason,
  type RunningNeo4j,
  startNeo4j,
} from '../../neo4j-launcher/launcher.ts';
import type { Neo4jConnectionOptions } from '../../server/src/store/neo4j/driver.ts';
import {
  NEO4J_BROKER_PATH,
  neo4jFromEnvironment,
  type Neo4jTestContext,
} from '../helpers/neo4jContext.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jTestContext;
  }
}

const TEST_PASSWORD = 'papergraph-test';

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const fromEnvironment = neo4jFromEnvironment(process.env);
  if (fromEnvironment !== null) {
    project.provide('neo4j', fromEnvironment);
    return undefined;
  }
  const unavailable = neo4jUnavailableReason();
  if (unavailable !== null) {
    if (process.env['CI'] === 'true')
      throw new Error(`CI runs the Neo4j half of the suite, but ${unavailable}`);
    project.provide('neo4j', { skipReason: unavailable });
    return undefined;
  }
  const servers = Math.max(1, project.config.maxWorkers);
  const root = await mkdtemp(join(tmpdir(), 'papergraph-neo4j-'));
  const starting = new Map<number, Promise<RunningNeo4j>>();

  function serverFor(index: number): Promise<RunningNeo4j> {
    let neo4j = starting.get(index);
    if (neo4j === undefined) {
      neo4j = startNeo4j({
        port: 0,
        dataDir: join(root, `worker-${index + 1}`),
        password: TEST_PASSWORD,
      }).then((running) => {
        process.stderr.write(`neo4j: test server ${index + 1} on ${running.uri}\n`);
        return running;
      });
      starting.set(index, neo4j);
    }
    return neo4j;
  }

  const broker = createServer((request, response) => {
    const poolId = Number(new URL(request.url ?? '/', 'http://broker').searchParams.get('pool'));
    const index = (Math.max(1, Number.isInteger(poolId) ? poolId : 1) - 1) % servers;
    serverFor(index).then(
      (running) => {
        const connection: Neo4jConnectionOptions = {
          uri: running.uri,
          user: 'neo4j',
          password: running.password,
        };
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(connection));
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`Neo4j test server ${index + 1} did not start: ${String(error)}`);
      },
    );
  });
  await new Promise<void>((listening) => broker.listen(0, '127.0.0.1', listening));
  const { port } = broker.address() as AddressInfo;
  project.provide('neo4j', { brokerUrl: `http://127.0.0.1:${port}${NEO4J_BROKER_PATH}` });

  return async () => {
    await new Promise((closed) => broker.close(closed));
    const started = await Promise.allSettled(starting.values());
    await Promise.all(
      started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.stop()] : [])),
    );
    await rm(root, { recursive: true, force: true });
  };
}
