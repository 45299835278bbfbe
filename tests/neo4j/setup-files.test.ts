// The files that run papergraph on Neo4j outside the code: docker-compose.yml, the Dockerfile and the
// test helper's environment handling.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { connectionForWorker, neo4jFromEnvironment } from '../helpers/neo4jContext.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

/** One service's block of `docker-compose config` output. */
function block(config: string, service: string): string {
  const start = config.indexOf(`\n  ${service}:\n`);
  const next = config.slice(start + 1).search(/\n {2}\S/);
  return config.slice(start, next === -1 ? undefined : start + 1 + next);
}

function compose(...args: string[]): string {
  // Defaults only: a developer's NEO4J_PASSWORD or ADMIN_TOKEN must not leak into the check.
  const env = { PATH: process.env.PATH ?? '' };
  return execFileSync('docker-compose', ['-f', 'docker-compose.yml', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
}

describe.skipIf(!hasDockerCompose)(
  `docker-compose.yml${hasDockerCompose ? '' : ' (skipped: docker-compose is not installed; .ci/run installs it)'}`,
  () => {
    it('is valid (docker-compose config -q)', () => {
      expect(() => compose('config', '-q')).not.toThrow();
    });

    it("runs neo4j (the tests' patch), and the api and web app from one built image, with a named volume for Neo4j data", () => {
      expect(compose('config', '--services').trim().split('\n').sort()).toEqual([
        'api',
        'neo4j',
        'web',
      ]);
      expect(compose('config', '--volumes').trim().split('\n')).toEqual(['neo4j-data']);
      const config = compose('config');
      const pinned = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(
        readFileSync(join(root, 'neo4j-launcher/pom.xml'), 'utf8'),
      )?.[1];
      expect(pinned).toMatch(/^5\.26\.\d+$/);
      expect(config).toContain(`image: neo4j:${pinned}-community`);
      expect(config).toContain('neo4j-data:/data');
      expect(config).toContain('NEO4J_AUTH: neo4j/papergraph-dev');
      expect(config).toContain('NEO4J_URI: neo4j://neo4j:7687');
      expect(config).toContain('cypher-shell');
      expect(block(config, 'api')).toMatch(/build:\s+context: \S+/);
      expect(block(config, 'web')).toMatch(/build:\s+context: \S+/);
    });

    it('runs the api and the web app with the commands the tests start them with', () => {
      const config = compose('config');
      expect(block(config, 'api')).toMatch(/command:\s+- node\s+- server\/src\/main\.ts/);
      expect(block(config, 'web')).toMatch(/command:\s+- node\s+- web\/build/);
      expect(readFileSync(join(root, 'tests/e2e/stack.ts'), 'utf8')).toContain(
        "['server/src/main.ts']",
      );
      expect(readFileSync(join(root, 'tests/e2e/stack.ts'), 'utf8')).toMatch(
        /start\(\s*\['web\/build'\]/,
      );
    });

    it('starts the api only on a healthy Neo4j, the web app only on a healthy api', () => {
      const config = compose('config');
      expect(block(config, 'api')).toMatch(/neo4j:\s+condition: service_healthy/);
      expect(block(config, 'web')).toMatch(/api:\s+condition: service_healthy/);
      expect(block(config, 'web')).toContain('API_URL: http://api:4000/graphql');
    });
  },
);

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('builds in the steps CI runs and runs as a non-root user', () => {
    const build = dockerfile.slice(0, dockerfile.lastIndexOf('\nFROM '));
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(build).toMatch(/RUN npm ci /);
    expect(build).toMatch(/npm run build:web && npm prune --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/npm ci /);
  });

  it('leaves dependencies, builds, data and the repository out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', 'node_modules', 'web/build', 'data', 'neo4j-launcher/target'])
      expect(ignored).toContain(entry);
  });
});

describe('the Neo4j test context (tests/helpers/neo4jContext.ts)', () => {
  it("a person's own server is used only once it is declared disposable", () => {
    expect(neo4jFromEnvironment({})).toBeNull();
    expect(neo4jFromEnvironment({ NEO4J_URI: 'neo4j://localhost:7687' })?.skipReason).toMatch(
      /NEO4J_PASSWORD is not/,
    );
    expect(
      neo4jFromEnvironment({ NEO4J_URI: 'neo4j://localhost:7687', NEO4J_PASSWORD: 'pw' })
        ?.skipReason,
    ).toMatch(/NEO4J_TEST_DISPOSABLE is not/);
  });

  it('connects with the configured user and database once allowed to wipe', () => {
    const context = neo4jFromEnvironment({
      NEO4J_URI: 'neo4j+s://db.example.org',
      NEO4J_PASSWORD: 'pw',
      NEO4J_DATABASE: 'papers',
      NEO4J_TEST_DISPOSABLE: 'true',
    });
    expect(context).toEqual({
      connections: [
        { uri: 'neo4j+s://db.example.org', user: 'neo4j', password: 'pw', database: 'papers' },
      ],
    });
  });

  it('each worker gets its own server', () => {
    const context = {
      connections: [1, 2].map((n) => ({
        uri: `bolt://127.0.0.1:${n}`,
        user: 'neo4j',
        password: 'pw',
      })),
    };
    expect(connectionForWorker(context, '1')?.uri).toBe('bolt://127.0.0.1:1');
    expect(connectionForWorker(context, '2')?.uri).toBe('bolt://127.0.0.1:2');
    expect(connectionForWorker({ skipReason: 'no Java' }, '1')).toBeUndefined();
  });
});
