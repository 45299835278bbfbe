// Every GraphStore implementation the contract suite runs against. A store that cannot run here says
// why in `skipReason`, which the suite puts in the describe name.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { neo4jStoreFactory } from './neo4j.ts';

export interface StoreFactory {
  name: string;
  /** A fresh, empty store. */
  create(): Promise<GraphStore>;
  /** Removes whatever `create` left behind (call after closing the stores it made). */
  cleanup(): Promise<void>;
  skipReason?: string;
}

export async function makeTempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `papergraph-${label}-`));
}

function embeddedStoreFactory(): StoreFactory {
  const dirs: string[] = [];
  return {
    name: 'embedded',
    async create() {
      const dir = await makeTempDir('embedded');
      dirs.push(dir);
      return createEmbeddedStore({ dataDir: dir });
    },
    async cleanup() {
      await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

export function storeFactories(): StoreFactory[] {
  return [embeddedStoreFactory(), neo4jStoreFactory()];
}
