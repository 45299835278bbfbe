// schema.graphql is the API's published contract: it must be what the server serves. Printed in a
// child process: vitest may load the schema's graphql and this file's graphql as two copies.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const PRINT = fileURLToPath(new URL('../../server/src/graphql/printSchema.ts', import.meta.url));
const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

describe('schema.graphql', () => {
  it('is the schema the server serves (regenerate: npm run schema)', () => {
    const printed = spawnSync(process.execPath, [PRINT, '--print'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(printed.status, printed.stderr).toBe(0);
    expect(
      readFileSync(SCHEMA_FILE, 'utf8'),
      'schema.graphql is stale: run `npm run schema` and commit it',
    ).toBe(printed.stdout);
  });
});
