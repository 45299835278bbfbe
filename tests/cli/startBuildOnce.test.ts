// `npm start` builds the explorer once and again only when its sources change, so a second start serves at once.
import { spawn } from 'node:child_process';
import { glob, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sourceFingerprint } from '../../server/src/bundle/fingerprint.ts';
import { BUILD_INPUTS, buildIfStale, FINGERPRINT_FILE } from '../../web/scripts/buildIfStale.ts';
import { freePort, waitUntil } from '../helpers/processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');

let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'papergraph-build-'));
});
afterEach(() => rm(scratch, { recursive: true, force: true }));

describe('the source fingerprint', () => {
  it('changes with a file’s content, a new file and a renamed file, and only then', async () => {
    await mkdir(join(scratch, 'src/routes'), { recursive: true });
    await writeFile(join(scratch, 'src/routes/page.svelte'), '<h1>papergraph</h1>');
    await writeFile(join(scratch, 'config.ts'), 'export default {};');
    const inputs = ['src', 'config.ts', 'missing-folder'];
    const first = await sourceFingerprint(scratch, inputs);
    expect(await sourceFingerprint(scratch, inputs)).toBe(first);

    await writeFile(join(scratch, 'src/routes/page.svelte'), '<h1>papergraph!</h1>');
    const edited = await sourceFingerprint(scratch, inputs);
    expect(edited).not.toBe(first);

    await writeFile(join(scratch, 'src/routes/new.svelte'), '');
    const added = await sourceFingerprint(scratch, inputs);
    expect(added).not.toBe(edited);

    await rm(join(scratch, 'src/routes/new.svelte'));
    await writeFile(join(scratch, 'src/routes/renamed.svelte'), '');
    expect(await sourceFingerprint(scratch, inputs)).not.toBe(added);
  });

  it('covers every server module the web app imports', async () => {
    const webFiles = glob('web/src/**/*.{ts,svelte}', { cwd: ROOT });
    const importedServerPaths = new Set<string>();
    for await (const file of webFiles) {
      const text = await readFile(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/['"]@papergraph\/server\/([^'"]+)['"]/g)) {
        importedServerPaths.add(`server/src/${match[1]}`);
      }
    }
    for (const path of importedServerPaths) {
      expect(
        BUILD_INPUTS.some((input) => path.startsWith(`${input}/`)),
        `${path} is bundled into the web app but not in BUILD_INPUTS`,
      ).toBe(true);
    }
  });
});

describe('npm start, a second time', () => {
  // Run by hand after a source edit, the first buildIfStale builds (minutes on a busy machine); under `npm test` it is a no-op.
  it(
    'serves without rebuilding the web app when nothing changed',
    { timeout: 300_000 },
    async () => {
      await buildIfStale();
      const builtAt = (await stat(FINGERPRINT_FILE)).mtimeMs;
      const handlerBuiltAt = (await stat(join(ROOT, 'web/build/handler.js'))).mtimeMs;

      const dataDir = join(scratch, 'data');
      const child = spawn('npm', ['start'], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          API_HOST: '127.0.0.1',
          API_PORT: String(await freePort()),
          HOST: '127.0.0.1',
          PORT: String(await freePort()),
          ENRICH: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise((done) => child.on('close', done));
      try {
        await waitUntil(
          async () => output.includes('papergraph explorer: http://'),
          child,
          60_000,
          'npm start',
        );
        expect(output).not.toContain('Building the explorer');
        expect((await stat(FINGERPRINT_FILE)).mtimeMs).toBe(builtAt);
        expect((await stat(join(ROOT, 'web/build/handler.js'))).mtimeMs).toBe(handlerBuiltAt);
      } finally {
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
    },
  );
});
