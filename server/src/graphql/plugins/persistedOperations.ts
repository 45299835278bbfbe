// Trusted documents: the web app's documents, listed at build time in persisted-documents.json by the
// SHA-256 of their printed text (web/scripts/persistedDocuments.ts), are sent by id with the
// persisted-query extension ({ "persistedQuery": { "version": 1, "sha256Hash": … } }). Each is parsed
// once, at start, and validated once, on first use (yoga caches validation by document), so a
// request by id skips both. A client whose id is not listed gets PERSISTED_QUERY_NOT_IN_LIST and sends
// the text instead. Other documents run as usual unless only trusted ones are allowed.
import { readFileSync } from 'node:fs';

import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';

const PERSISTED_DOCUMENTS_FILE = new URL('../../../../persisted-documents.json', import.meta.url);

const manifestSchema = z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string().min(1));

/** Document text by id, as the web build writes it; empty when the file is missing. */
export function readPersistedDocuments(file: URL = PERSISTED_DOCUMENTS_FILE): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  return new Map(Object.entries(manifestSchema.parse(JSON.parse(text))));
}

export interface PersistedOperationsOptions {
  manifest: ReadonlyMap<string, string>;
  /** Refuse documents sent as text (TRUSTED_DOCUMENTS_ONLY). */
  trustedOnly: boolean;
}

export function usePersistedDocuments({
  manifest,
  trustedOnly,
}: PersistedOperationsOptions): Plugin {
  const documents = new Map([...manifest].map(([id, text]) => [id, parse(text)]));
  return usePersistedOperations({
    getPersistedOperation: (id) => documents.get(id) ?? null,
    allowArbitraryOperations: !trustedOnly,
    customErrors: {
      persistedQueryOnly: {
        message:
          'This server runs only the web app’s own documents (TRUSTED_DOCUMENTS_ONLY): send one by id in extensions.persistedQuery.sha256Hash, as listed in persisted-documents.json.',
        extensions: { code: 'TRUSTED_DOCUMENTS_ONLY', http: { status: 403 } },
      },
      keyNotFound: {
        message:
          'Send a document in `query`, or the id of a persisted one in extensions.persistedQuery.sha256Hash.',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
    },
  });
}
