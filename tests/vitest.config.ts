import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

// A person's own disposable Neo4j (NEO4J_URI) is one database for every file: run the files one at a time.
const sharedNeo4j = Boolean(process.env['NEO4J_URI']?.trim());

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/neo4jGlobal.ts'],
    // Most files wait on a browser, a Neo4j server or a child process: two at a time on two cores.
    maxWorkers: sharedNeo4j ? 1 : 2,
    // No test reaches a metadata provider unless it points ENRICH's URLs at its own loopback server.
    env: { ENRICH: 'false' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
