// A stack on a data folder a test fills first (fixture episodes, metadata), with the two browser
// viewports; close() ends both and removes the folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

type EmbeddedStore = Awaited<ReturnType<typeof createEmbeddedStore>>;

export interface PreparedStack {
  stack: Stack;
  viewports: Viewports;
  close(): Promise<void>;
}

/** `prepare` fills a fresh embedded store (closed after it); then the stack opens it. */
export async function startPreparedStack(
  name: string,
  prepare: (store: EmbeddedStore) => Promise<void>,
): Promise<PreparedStack> {
  const dataDir = await mkdtemp(join(tmpdir(), `papergraph-e2e-${name}-`));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  let viewports: Viewports | undefined;
  try {
    const store = await createEmbeddedStore({ dataDir });
    try {
      await prepare(store);
    } finally {
      await store.close();
    }
    viewports = await openViewports();
    const stack = await startStack({ DATA_DIR: dataDir });
    const opened = viewports;
    return {
      stack,
      viewports: opened,
      close: async () => {
        await opened.close();
        await stack.close();
        await removeDir();
      },
    };
  } catch (error) {
    await viewports?.close();
    await removeDir();
    throw error;
  }
}
