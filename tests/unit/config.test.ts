import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../server/src/config.ts';

describe('configuration', () => {
  it('defaults to the embedded store on the documented ports', () => {
    const config = loadConfig({});
    expect(config.store).toEqual({ kind: 'embedded', dataDir: './data' });
    expect(config.api).toEqual({ host: '127.0.0.1', port: 4000 });
    expect(config.web).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.adminToken).toBeUndefined();
  });

  it('uses Neo4j when NEO4J_URI is set', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io',
      NEO4J_PASSWORD: 'secret',
      NEO4J_DATABASE: 'papers',
    });
    expect(config.store).toEqual({
      kind: 'neo4j',
      uri: 'neo4j+s://abc.databases.neo4j.io',
      user: 'neo4j',
      password: 'secret',
      database: 'papers',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ NEO4J_URI: '', ADMIN_TOKEN: '' }).store.kind).toBe('embedded');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: 'abc', PORT: '70000', NEO4J_URI: 'http://db', ADMIN_TOKEN: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['API_PORT', 'PORT', 'NEO4J_URI', 'ADMIN_TOKEN'])
      expect(problems).toContain(name);
  });

  it('requires a password with a Neo4j URI', () => {
    expect(() => loadConfig({ NEO4J_URI: 'neo4j://localhost:7687' })).toThrow(/NEO4J_PASSWORD/);
  });
});

// FEEDS, FEED_REFRESH_MINUTES and FEED_TIMEOUT_SECONDS, validated with the rest of the configuration.
describe('feed settings', () => {
  it('defaults to no feeds, hourly polls and a 30 s timeout', () => {
    expect(loadConfig({}).feeds).toEqual({ urls: [], refreshMinutes: 60, timeoutMs: 30_000 });
  });

  it('splits FEEDS at whitespace and commas', () => {
    const { feeds } = loadConfig({
      FEEDS: ' https://a.example/feed.xml,https://b.example/rss \n http://127.0.0.1:8080/feed ',
      FEED_REFRESH_MINUTES: '15',
      FEED_TIMEOUT_SECONDS: '5',
    });
    expect(feeds).toEqual({
      urls: ['https://a.example/feed.xml', 'https://b.example/rss', 'http://127.0.0.1:8080/feed'],
      refreshMinutes: 15,
      timeoutMs: 5000,
    });
  });

  it('lists every bad feed setting', () => {
    let caught: unknown;
    try {
      loadConfig({
        FEEDS: 'https://ok.example/feed ftp://bad.example/feed',
        FEED_REFRESH_MINUTES: '0',
        FEED_TIMEOUT_SECONDS: 'soon',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^FEEDS\.1 /);
    expect(problems[1]).toMatch(/^FEED_REFRESH_MINUTES /);
    expect(problems[2]).toMatch(/^FEED_TIMEOUT_SECONDS /);
  });
});
