// Failures a person can act on print as one message; anything else keeps its stack for a bug report.
// Shared by `npm start` (main.ts) and the import commands.
import { ConfigError } from '../config.ts';
import { ImportError } from '../import/errors.ts';
import { StoreError } from '../store/errors.ts';

const EXPLAINED = [ConfigError, ImportError, StoreError];

/** What to print for a failure that ends the command: its message when explained, else the error. */
export function printable(error: unknown): unknown {
  return error instanceof Error && EXPLAINED.some((kind) => error instanceof kind)
    ? error.message
    : error;
}
