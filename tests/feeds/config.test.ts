// FEEDS, FEED_REFRESH_MINUTES and FEED_TIMEOUT_SECONDS, validated with the rest of the configuration.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.ts';

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
