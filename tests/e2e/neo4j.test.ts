// The stack as `npm start` runs it with NEO4J_URI set, against an empty live Neo4j: it seeds the shipped
// episodes, and a person in Chromium finds the DPO paper's two citing episodes and the related episode.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { neo4jTestSettings, wipeNeo4j } from '../helpers/neo4j.ts';
import { shot } from './browser.ts';
import { apiQuery, launchChromium, type Stack, startStack } from './stack.ts';

const DPO = 'arxiv:2305.18290';
const GRADER = 'The Free Step-Level Grader Hiding in Every RL Training Run';
const BAD_TOKEN = "One Bad Token Can Sink a Model's Math, And You Can Delete It";

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'the explorer on Neo4j'
    : `the explorer on Neo4j (skipped: ${settings.skipReason})`;

describe.skipIf(settings.skipReason !== undefined)(title, () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    const connection = settings.connection!;
    await wipeNeo4j(connection);
    browser = await launchChromium();
    stack = await startStack({
      NEO4J_URI: connection.uri,
      NEO4J_USER: connection.user,
      NEO4J_PASSWORD: connection.password,
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (settings.connection) await wipeNeo4j(settings.connection);
  });

  it('seeds the empty database on start: 8 episodes, 32 papers, 34 citations', async () => {
    const data = await apiQuery<{ stats: unknown }>(
      stack.apiUrl,
      '{ stats { episodes papers citations } }',
    );
    expect(data.stats).toEqual({ episodes: 8, papers: 32, citations: 34 });
    const health = await fetch(stack.apiUrl.replace(/\/graphql$/, '/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ store: 'neo4j', reachable: true });
  });

  it('the DPO paper page lists its two citing episodes, and one of them shows the other as related', async () => {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/paper/${encodeURIComponent(DPO)}`);
    const citing = page.getByTestId('citing-episode');
    await citing.first().waitFor();
    const titles = await citing.evaluateAll((items) =>
      items.map((li) => li.querySelector('a')?.textContent?.trim()),
    );
    expect(titles.sort()).toEqual([BAD_TOKEN, GRADER].sort());
    await shot(page, 'neo4j-paper-dpo');

    await page.getByRole('link', { name: BAD_TOKEN }).click();
    await page.waitForURL('**/episode/ep_*');
    const top = page.getByTestId('related-episode').first();
    await top.waitFor();
    expect(await top.locator('a').first().textContent()).toBe(GRADER);
    await shot(page, 'neo4j-episode-related');
    await page.close();
  });
});
