// removeEpisode through GraphQL: admin only, the episode and the papers only it cited go, the rest stays.
import { afterEach, describe, expect, it } from 'vitest';

import { ADMIN_TOKEN, createTestApi, type TestApi } from '../api/testApi.ts';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const REMOVE =
  'mutation ($id: ID!) { removeEpisode(id: $id) { __typename ... on RemovedEpisode { id removed removedPapers } } }';

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('removeEpisode', () => {
  it('withdraws a seed episode with its own papers; shared papers lose one citer', async () => {
    api = await createTestApi({ seed: true });
    const before = (
      await api.query(
        '{ stats { episodes papers citations } episodes(first: 1) { edges { node { id source { id } recommendations { paper { id citationCount } } } } } }',
      )
    ).data!;
    const target = before.episodes.edges[0].node;

    const refused = await api.query(REMOVE, { id: target.id });
    expect(refused.data!.removeEpisode.__typename).toBe('NotAuthorizedError');
    expect((await api.query('{ stats { episodes } }')).data!.stats.episodes).toBe(
      before.stats.episodes,
    );

    const { data } = await api.query(REMOVE, { id: target.id }, admin);
    expect(data!.removeEpisode).toMatchObject({
      __typename: 'RemovedEpisode',
      id: target.id,
      removed: true,
    });
    const removedPapers: string[] = data!.removeEpisode.removedPapers;
    expect(removedPapers).toContain(target.source.id);
    const shared = target.recommendations.filter(
      (r: { paper: { citationCount: number } }) => r.paper.citationCount > 1,
    );
    for (const { paper } of shared) expect(removedPapers).not.toContain(paper.id);

    const after = await api.query(
      `{ stats { episodes papers } episode(id: "${target.id}") { id } }`,
    );
    expect(after.data).toEqual({
      stats: {
        episodes: before.stats.episodes - 1,
        papers: before.stats.papers - removedPapers.length,
      },
      episode: null,
    });
    for (const { paper } of shared) {
      const { data: now } = await api.query(`{ paper(ref: "${paper.id}") { citationCount } }`);
      expect(now!.paper.citationCount).toBe(paper.citationCount - 1);
    }
    expect((await api.query(REMOVE, { id: target.id }, admin)).data!.removeEpisode).toMatchObject({
      removed: false,
      removedPapers: [],
    });
  });
});
