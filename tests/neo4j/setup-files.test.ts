// The files that run papergraph on Neo4j outside the code: docker-compose.yml and the test helper's
// environment handling.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { neo4jStoreFactory, neo4jTestSettings } from '../helpers/neo4j.ts';

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

describe('tests/helpers/neo4j.ts settings', () => {
  it('skips with a reason until a disposable database is configured', () => {
    expect(neo4jTestSettings({})).toEqual({ skipReason: 'NEO4J_URI not set' });
    expect(neo4jTestSettings({ NEO4J_URI: 'neo4j://localhost:7687' }).skipReason).toBe('NEO4J_PASSWORD not set');
    expect(neo4jTestSettings({ NEO4J_URI: 'neo4j://localhost:7687', NEO4J_PASSWORD: 'pw' }).skipReason).toMatch(
      /^NEO4J_TEST_DISPOSABLE not set/,
    );
    expect(neo4jStoreFactory({}).skipReason).toBe('NEO4J_URI not set');
  });

  it('connects with the configured user and database once allowed to wipe', () => {
    const settings = neo4jTestSettings({
      NEO4J_URI: 'neo4j+s://db.example.org',
      NEO4J_PASSWORD: 'pw',
      NEO4J_DATABASE: 'papers',
      NEO4J_TEST_DISPOSABLE: 'true',
    });
    expect(settings).toEqual({
      connection: { uri: 'neo4j+s://db.example.org', user: 'neo4j', password: 'pw', database: 'papers' },
    });
  });

  it('a skipped factory refuses to create a store', async () => {
    await expect(neo4jStoreFactory({}).create()).rejects.toThrow(/NEO4J_URI not set/);
  });
});
