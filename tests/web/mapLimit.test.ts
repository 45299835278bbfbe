// The map the explorer asks for at its largest "Max nodes" is one the real API answers: the map's
// episodes and its edges (without reasons) each within the API's complexity budget, and an edge's
// reasons asked for on their own.
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { createApi } from '../../web/src/lib/api.ts';
import {
  fromEpisodeMap,
  MAP_EDGE_RELATIONS,
  MAP_EPISODES_MAX,
  mapLimit,
} from '../../web/src/lib/map/mapData.ts';
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

  it('asks for as many episodes as "Max nodes" allows, the API\'s largest map', () => {
    expect(MAP_EPISODES_MAX).toBe(QUERY_LIMITS.maxMapLimit);
    expect(mapLimit(LIMIT_RANGE.max)).toBe(MAP_EPISODES_MAX);
    expect(mapLimit(120)).toBe(120);
  });

  it('gets the map at the largest "Max nodes", then any edge\'s reasons', async () => {
    const map = fromEpisodeMap(
      await client.episodeMap({ cluster: null, show: null, limit: mapLimit(LIMIT_RANGE.max) }),
    );
    expect(map.nodes.length).toBeGreaterThan(0);
    expect(map.links.length).toBeGreaterThan(0);
    expect(map.links.every((link) => link.reasons === null)).toBe(true);
    for (const link of map.links) {
      const reasons = await client.relationReasons(link.source, link.target, MAP_EDGE_RELATIONS);
      expect(reasons.length, `${link.source} — ${link.target}`).toBeGreaterThan(0);
      expect(reasons[0]!.kind).toBe(link.kind);
    }
  });
});
