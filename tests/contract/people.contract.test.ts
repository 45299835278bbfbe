// People (podcast:person) on every store: each episode's people as its feed names them, in feed order;
// a person shared by episodes of two shows is one person (same id), listed with all their episodes
// newest first, paged by keyset; the same people again are unchanged, changed people update the
// episode; a person no episode names any more (the episode changed, or was removed) is gone; the
// export carries the people, and importing it again changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type {
  EpisodePerson,
  EpisodeRecord,
  ImportBatch,
  ShowRecord,
} from '../../server/src/domain/model.ts';
import { personIdFor } from '../../server/src/domain/person.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

/** A store's first import also builds its schema: slow on a busy Neo4j. */
const SETUP_TIMEOUT_MS = 180_000;

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const grpo = arxivPaper('2402.03300', 'DeepSeekMath');

const show: ShowRecord = {
  id: 'show_0123456789ab',
  title: 'Gradient Descent Fridays',
  link: 'https://gdf.example.org/',
  imageUrl: null,
  author: null,
  feedUrl: null,
};
const otherShow: ShowRecord = { ...show, id: 'show_ba9876543210', title: 'Other show' };

const adaPage = 'https://ada.example.org/';
const ada: EpisodePerson = {
  personId: personIdFor({ href: adaPage, name: 'Ada Reviewer', showId: show.id }),
  name: 'Ada Reviewer',
  role: 'host',
  group: 'cast',
  href: adaPage,
  imageUrl: 'https://ada.example.org/ada.jpg',
};
const rafa: EpisodePerson = {
  personId: personIdFor({ href: null, name: 'Rafa Guest', showId: show.id }),
  name: 'Rafa Guest',
  role: 'guest',
  group: 'cast',
  href: null,
  imageUrl: null,
};
const zhang: EpisodePerson = {
  personId: personIdFor({ href: null, name: '张伟', showId: otherShow.id }),
  name: '张伟',
  role: 'host',
  group: 'cast',
  href: null,
  imageUrl: null,
};

const newest: EpisodeRecord = {
  ...episode({ title: 'Preference tuning', source: dpo, publishedAt: '2024-05-01' }),
  showId: show.id,
  people: [ada, rafa],
};
const older: EpisodeRecord = {
  ...episode({ title: 'Policy gradients', source: ppo, publishedAt: '2023-01-10' }),
  showId: show.id,
  people: [{ ...ada, name: 'ada reviewer', imageUrl: null }],
};
// Ada again, on another show, by her page: the same person.
const elsewhere: EpisodeRecord = {
  ...episode({ title: 'Group relative policy optimization', source: grpo }),
  showId: otherShow.id,
  people: [zhang, { ...ada, role: 'guest' }],
};
const batch: ImportBatch = {
  ...batchOf([newest, older, elsewhere], [dpo, ppo, grpo]),
  shows: [show, otherShow],
};

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name} store: people`, () => {
    let store: GraphStore;

    beforeAll(async () => {
      store = await factory.create();
      expect((await store.importBatch(batch)).added).toHaveLength(3);
    }, SETUP_TIMEOUT_MS);
    afterAll(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('lists each episode’s people as its feed names them, in feed order', async () => {
      expect(
        await store.peopleByEpisodeIds([newest.id, older.id, elsewhere.id, 'ep_000000000000']),
      ).toEqual([[ada, rafa], [older.people![0]], [zhang, { ...ada, role: 'guest' }], []]);
    });

    it('keeps one person across episodes and shows, with their episodes newest first', async () => {
      const [person, unknown] = await store.peopleByIds([ada.personId, 'person_000000000000']);
      expect(unknown).toBeNull();
      expect(person).toMatchObject({ id: ada.personId, episodeCount: 3 });
      const page = await store.personEpisodes(ada.personId, 10, {});
      expect(page.totalCount).toBe(3);
      // Newest first, the undated one last.
      expect(page.items.map((e) => e.id)).toEqual([newest.id, older.id, elsewhere.id]);
      expect(page.items[0]).toEqual({
        id: newest.id,
        title: newest.title,
        publishedAt: '2024-05-01',
        sourcePaperId: dpo.id,
      });
    });

    it('pages a person’s episodes by keyset, from either end', async () => {
      const first = await store.personEpisodes(ada.personId, 1, {});
      const key = { id: first.items[0]!.id, publishedAt: first.items[0]!.publishedAt };
      const next = await store.personEpisodes(ada.personId, 1, { after: key });
      expect(next.items.map((e) => e.id)).toEqual([older.id]);
      const last = await store.personEpisodes(ada.personId, 1, { fromEnd: true });
      expect(last.items.map((e) => e.id)).toEqual([elsewhere.id]);
      const beforeLast = await store.personEpisodes(ada.personId, 5, {
        before: { id: elsewhere.id, publishedAt: null },
        fromEnd: true,
      });
      expect(beforeLast.items.map((e) => e.id)).toEqual([newest.id, older.id]);
      expect((await store.personEpisodes('person_000000000000', 5, {})).items).toEqual([]);
    });

    it('is unchanged by the same people, and updates the episode when they change', async () => {
      expect((await store.importBatch(batch)).unchanged).toHaveLength(3);
      const withoutRafa = { ...batch, episodes: [{ ...newest, people: [ada] }, older, elsewhere] };
      expect((await store.importBatch(withoutRafa)).updated).toEqual([newest.id]);
      // Rafa was only this episode's: no episode names him any more.
      expect(await store.peopleByIds([rafa.personId])).toEqual([null]);
      expect((await store.peopleByEpisodeIds([newest.id]))[0]).toEqual([ada]);
      // Renamed by an episode that gives no page or picture: the person keeps those they had.
      const renamed = { ...ada, name: 'A. Reviewer', href: null, imageUrl: null };
      const renaming = {
        ...withoutRafa,
        episodes: [withoutRafa.episodes[0]!, { ...older, people: [renamed] }, elsewhere],
      };
      expect((await store.importBatch(renaming)).updated).toEqual([older.id]);
      expect(await store.peopleByIds([ada.personId])).toEqual([
        {
          id: ada.personId,
          name: 'A. Reviewer',
          href: adaPage,
          imageUrl: ada.imageUrl,
          episodeCount: 3,
        },
      ]);
      expect((await store.importBatch(withoutRafa)).updated).toEqual([older.id]);
    });

    it('exports the people, and the export imports unchanged', async () => {
      const exported = await store.exportBatch();
      const exportedElsewhere = exported.episodes.find((e) => e.id === elsewhere.id);
      expect(exportedElsewhere?.people).toEqual(elsewhere.people);
      const result = await store.importBatch(exported);
      expect(result.unchanged.sort()).toEqual([newest.id, older.id, elsewhere.id].sort());
    });

    it('removes the links with the episode, and a person no episode names', async () => {
      expect(await store.removeEpisode(elsewhere.id)).not.toBeNull();
      expect(await store.peopleByIds([zhang.personId])).toEqual([null]);
      const [person] = await store.peopleByIds([ada.personId]);
      expect(person?.episodeCount).toBe(2);
      const page = await store.personEpisodes(ada.personId, 10, {});
      expect(page.items.map((e) => e.id)).toEqual([newest.id, older.id]);
    });
  });
}
