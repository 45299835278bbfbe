// Writes the API's contract, schema.graphql at the repository root, from the schema itself:
// `npm run schema -w server`; `--print` writes it to stdout instead. tests/api/schemaFile.test.ts
// fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { printSchema } from 'graphql';

import { schema } from './schema/index.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));

export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--print')) process.stdout.write(printedSchema());
  else {
    writeFileSync(SCHEMA_FILE, printedSchema());
    console.log(`wrote ${SCHEMA_FILE}`);
  }
}
