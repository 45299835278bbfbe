// Picks the store the configuration asks for; each is loaded only when used.
import type { StoreConfig } from '../config.ts';
import type { EmbeddedStoreOptions } from './embedded/index.ts';
import type { GraphStore } from './store.ts';

/** `loadGraph: 'whenQueried'` spares a process that never queries (a CLI import) the embedded graph's load. */
export async function createStore(
  config: StoreConfig,
  options: Pick<EmbeddedStoreOptions, 'loadGraph'> = {},
): Promise<GraphStore> {
  if (config.kind === 'neo4j') {
    const { createNeo4jStore } = await import('./neo4j/index.ts');
    return createNeo4jStore({
      uri: config.uri,
      user: config.user,
      password: config.password,
      database: config.database,
    });
  }
  const { createEmbeddedStore } = await import('./embedded/index.ts');
  return createEmbeddedStore({
    dataDir: config.dataDir,
    ...options,
    // Says at start whether the graph came from papergraph.graph or was rebuilt from SQLite, and why.
    onGraphLoad: (load) =>
      console.log(
        load.from === 'graph file'
          ? `Graph loaded from papergraph.graph in ${Math.round(load.ms)} ms.`
          : `Graph rebuilt from SQLite in ${Math.round(load.ms)} ms (${load.reason}).`,
      ),
  });
}
