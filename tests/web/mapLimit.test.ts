// The map the explorer asks for at its largest "Max nodes" is one the real API answers: the map's
// cap (MAP_EPISODES_MAX) keeps the episodeMap request, edges' reasons included, within the API's
// complexity budget.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../web/src/lib/api.ts';
import { MAP_EPISODES_MAX, mapLimit } from '../../web/src/lib/map/mapData.ts';
import { LIMIT_RANGE } from '../../web/src/lib/urlState.ts';
import { createTestApi, type TestApi } from '../api/testApi.ts';

describe('the episode map under the API limits', () => {
  let api: TestApi;
  let client: ReturnType<typeof createApi>;
  beforeAll(async () => {
    api = await createTestApi();
    client = createApi({
      endpoint: 'http://papergraph.test/graphql',
      fetch: (_input, init) => api.fetch('/graphql', init),
    });
  });
  afterAll(async () => {
    await api.close();
    await rm(api.dataDir, { recursive: true, force: true });
  });

  it(`asks for at most ${MAP_EPISODES_MAX} episodes, whatever "Max nodes" says`, () => {
    expect(mapLimit(LIMIT_RANGE.max)).toBe(MAP_EPISODES_MAX);
    expect(mapLimit(MAP_EPISODES_MAX)).toBe(MAP_EPISODES_MAX);
    expect(mapLimit(120)).toBe(120);
  });

  it('gets the map with its reasons at the largest "Max nodes"', async () => {
    const map = await client.episodeMap(null, mapLimit(LIMIT_RANGE.max));
    expect(map.episodes.length).toBeGreaterThan(0);
    expect(map.edges.length).toBeGreaterThan(0);
    expect(map.edges.every((edge) => edge.reasons.length > 0)).toBe(true);
  });
});
