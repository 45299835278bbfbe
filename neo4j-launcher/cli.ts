// npm run neo4j -- [--port N] [--data DIR] [--password P]: a local Neo4j 5.26 in the foreground.
import { parseArgs } from 'node:util';

import { neo4jUnavailableReason, startNeo4j } from './launcher.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7687' },
    data: { type: 'string', default: './.neo4j' },
    password: { type: 'string', default: 'papergraph-dev' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`neo4j: --port must be an integer 0..65535, got "${values.port}"`);
  process.exit(2);
}
if (values.password.length < 8) {
  console.error('neo4j: --password must have at least 8 characters (Neo4j refuses shorter ones)');
  process.exit(2);
}
const unavailable = neo4jUnavailableReason();
if (unavailable !== null) {
  console.error(`neo4j: ${unavailable}`);
  process.exit(1);
}

const neo4j = await startNeo4j({ port, dataDir: values.data, password: values.password });
console.log(`NEO4J_URI=${neo4j.uri}`);
console.error(`neo4j: data in ${neo4j.dataDir}; user neo4j; Ctrl-C stops it`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void neo4j.stop().then(() => process.exit(0)));
}
const code = await neo4j.exited;
process.exit(code ?? 1);
