// Builds run in a child process whose output is held back: a start stays quiet unless the build fails.
import { spawn } from 'node:child_process';

/** Runs `node <args>`; on failure prints the child's whole output, then rejects with `failure (exit N)`. */
export function runNodeQuietly(
  args: readonly string[],
  failure: string,
  cwd?: string,
): Promise<void> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      process.stderr.write(Buffer.concat(output));
      reject(new Error(`${failure} (exit ${code})`));
    });
  });
}
