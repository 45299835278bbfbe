// The manifest of trusted documents: every operation the web app's documents modules export, printed as
// the client sends it (lib/api.ts prints with @0no-co/graphql.web) and keyed by the SHA-256 of that
// text, which is the id the web server sends instead of the text (lib/server/persistedOperations.ts).
// The documents modules stay the one source: this reads their exports, so the manifest cannot list a
// document the app does not send. `--print` writes it to stdout instead of persisted-documents.json.
import { createHash } from 'node:crypto';
import { glob, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { type DocumentNode, Kind, print } from '@0no-co/graphql.web';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const PERSISTED_DOCUMENTS_FILE = join(repoRoot, 'persisted-documents.json');
/** Modules that hold the app's documents: documents.ts and any <topic>Documents.ts beside it. */
const DOCUMENTS_MODULES = 'web/src/lib/graphql/{documents,*Documents}.ts';

const persistedDocumentId = (text: string) => createHash('sha256').update(text).digest('hex');

function isOperation(value: unknown): value is DocumentNode {
  const definitions = (value as Partial<DocumentNode> | null)?.definitions;
  return (
    Array.isArray(definitions) &&
    definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)
  );
}

/** The manifest's JSON text: ids in order, each with the document text the client sends. */
export async function persistedDocuments(): Promise<string> {
  const texts = new Set<string>();
  for await (const path of glob(DOCUMENTS_MODULES, { cwd: repoRoot })) {
    const module = (await import(pathToFileURL(join(repoRoot, path)).href)) as Record<
      string,
      unknown
    >;
    for (const value of Object.values(module)) if (isOperation(value)) texts.add(print(value));
  }
  const entries = [...texts].map((text) => [persistedDocumentId(text), text] as const);
  entries.sort(([a], [b]) => (a < b ? -1 : 1));
  return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
}

export async function writePersistedDocuments(): Promise<void> {
  await writeFile(PERSISTED_DOCUMENTS_FILE, await persistedDocuments());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const run = process.argv.includes('--print')
    ? persistedDocuments().then((text) => void process.stdout.write(text))
    : writePersistedDocuments();
  run.catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
