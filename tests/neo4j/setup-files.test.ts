// The files that run papergraph on Neo4j outside the code: docker-compose.yml and the test helper's
// environment handling.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectionForWorker, neo4jFromEnvironment } from '../helpers/neo4jContext.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;

function compose(...args: string[]): string {
  // Defaults only: a developer's NEO4J_PASSWORD or ADMIN_TOKEN must not leak into the check.
  const env = { PATH: process.env.PATH ?? '' };
  return execFileSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { cwd: root, env, encoding: 'utf8' });
}

describe.skipIf(!hasDockerCompose)(
  `docker-compose.yml${hasDockerCompose ? '' : ' (skipped: docker-compose is not installed; .ci/run installs it)'}`,
  () => {
    it('is valid (docker-compose config -q)', () => {
      expect(() => compose('config', '-q')).not.toThrow();
    });

    it('runs neo4j, a one-shot app build, the api and the web app, with a named volume for Neo4j data', () => {
      expect(compose('config', '--services').trim().split('\n').sort()).toEqual(['api', 'app', 'neo4j', 'web']);
      expect(compose('config', '--volumes').trim().split('\n')).toContain('neo4j-data');
      const config = compose('config');
      expect(config).toContain('image: neo4j:5-community');
      expect(config).toContain('neo4j-data:/data');
      expect(config).toContain('NEO4J_AUTH: neo4j/papergraph-dev');
      expect(config).toContain('NEO4J_URI: neo4j://neo4j:7687');
      expect(config).toContain('cypher-shell');
    });

    it('starts the api only on a healthy Neo4j and a finished build, the web app only on a healthy api', () => {
      const config = compose('config');
      const block = (service: string) => {
        const start = config.indexOf(`\n  ${service}:\n`);
        const next = config.slice(start + 1).search(/\n  \S/);
        return config.slice(start, next === -1 ? undefined : start + 1 + next);
      };
      expect(block('api')).toMatch(/app:\s+condition: service_completed_successfully/);
      expect(block('api')).toMatch(/neo4j:\s+condition: service_healthy/);
      expect(block('web')).toMatch(/api:\s+condition: service_healthy/);
      expect(block('web')).toContain('API_URL: http://api:4000/graphql');
    });
  },
);

describe('the Neo4j test context (tests/helpers/neo4jContext.ts)', () => {
  it('a person\'s own server is used only once it is declared disposable', () => {
    expect(neo4jFromEnvironment({})).toBeNull();
    expect(neo4jFromEnvironment({ NEO4J_URI: 'neo4j://localhost:7687' })?.skipReason).toMatch(/NEO4J_PASSWORD is not/);
    expect(neo4jFromEnvironment({ NEO4J_URI: 'neo4j://localhost:7687', NEO4J_PASSWORD: 'pw' })?.skipReason).toMatch(
      /NEO4J_TEST_DISPOSABLE is not/,
    );
  });

  it('connects with the configured user and database once allowed to wipe', () => {
    const context = neo4jFromEnvironment({
      NEO4J_URI: 'neo4j+s://db.example.org',
      NEO4J_PASSWORD: 'pw',
      NEO4J_DATABASE: 'papers',
      NEO4J_TEST_DISPOSABLE: 'true',
    });
    expect(context).toEqual({
      connections: [{ uri: 'neo4j+s://db.example.org', user: 'neo4j', password: 'pw', database: 'papers' }],
    });
  });

  it('each worker gets its own server', () => {
    const context = { connections: [1, 2].map((n) => ({ uri: `bolt://127.0.0.1:${n}`, user: 'neo4j', password: 'pw' })) };
    expect(connectionForWorker(context, '1')?.uri).toBe('bolt://127.0.0.1:1');
    expect(connectionForWorker(context, '2')?.uri).toBe('bolt://127.0.0.1:2');
    expect(connectionForWorker({ skipReason: 'no Java' }, '1')).toBeUndefined();
  });
});
