// Vitest global setup: one real Neo4j 5.26 per worker, so Neo4j-backed files running in parallel never wipe
// each other's graph (Community Edition has a single user database). Without Java 17+ or Maven the Neo4j
// tests skip with that reason in their names, except under CI, where the run fails instead.
// A person's own disposable server (NEO4J_URI + NEO4J_PASSWORD + NEO4J_TEST_DISPOSABLE=true) replaces them;
// the config then runs one worker, since every file shares that one database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TestProject } from 'vitest/node';

import {
  neo4jUnavailableReason,
  type RunningNeo4j,
  startNeo4j,
} from '../../neo4j-launcher/launcher.ts';
import { neo4jFromEnvironment, type Neo4jTestContext } from '../helpers/neo4jContext.ts';

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
  const workers = Math.max(1, project.config.maxWorkers);
  const root = await mkdtemp(join(tmpdir(), 'papergraph-neo4j-'));
  const started: RunningNeo4j[] = [];
  try {
    for (let worker = 1; worker <= workers; worker++) {
      started.push(
        await startNeo4j({
          port: 0,
          dataDir: join(root, `worker-${worker}`),
          password: TEST_PASSWORD,
        }),
      );
    }
  } catch (error) {
    await Promise.all(started.map((neo4j) => neo4j.stop()));
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  process.stderr.write(
    `neo4j: ${started.length} test server(s) on ${started.map((neo4j) => neo4j.uri).join(', ')}\n`,
  );
  project.provide('neo4j', {
    connections: started.map((neo4j) => ({
      uri: neo4j.uri,
      user: 'neo4j',
      password: neo4j.password,
    })),
  });
  return async () => {
    await Promise.all(started.map((neo4j) => neo4j.stop()));
    await rm(root, { recursive: true, force: true });
  };
}
