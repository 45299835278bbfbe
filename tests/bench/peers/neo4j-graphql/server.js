// The official Neo4j GraphQL Library serving papergraph's Neo4j data over yoga, for the side-by-side
// bench (tests/bench/neo4jGraphqlPeer.ts). Plain JavaScript: it runs on this folder's own graphql 16,
// outside papergraph's type-check. Prints `ready <url>` once it answers.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import process from 'node:process';
import { URL } from 'node:url';

import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const driver = neo4j.driver(
  env('NEO4J_URI'),
  neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', env('NEO4J_PASSWORD')),
);
const typeDefs = readFileSync(new URL('./typeDefs.graphql', import.meta.url), 'utf8');
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const yoga = createYoga({ schema, graphiql: false, logging: false });
const server = createServer(yoga);
server.listen(Number(env('PORT')), '127.0.0.1', () => {
  process.stdout.write(`ready http://127.0.0.1:${server.address().port}/graphql\n`);
});

const stop = () => server.close(() => void driver.close().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
