// Relations and clusters as a reader meets them: on the shipped seed with no metadata every episode
// has a related episode for a reason a person would accept; on a feed of three topics with disjoint
// readings the neighbours and clusters follow the topics; the same data gives the same answer.
import { describe, expect, it } from 'vitest';

import type { EpisodeRecord } from '../../server/src/domain/model.ts';
import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import type { EpisodeRelation } from '../../server/src/relations/relatedness.ts';
import { RelationIndex } from '../../server/src/relations/relationIndex.ts';
import { RELATIONS_KEPT } from '../../server/src/store/shared/relationKeeper.ts';
import { corpusOf, episodeAt, SEED, THREE_TOPICS, TOPICS, UNRELATED } from './corpus.ts';

const LIMIT = 10;

function reasonsOf(relation: EpisodeRelation | undefined, kind: string) {
  return relation?.reasons.find((reason) => reason.kind === kind);
}

function expectWellFormed(relation: EpisodeRelation): void {
  expect(relation.reasons.length).toBeGreaterThan(0);
  const weights = relation.reasons.map((reason) => reason.weight);
  expect(weights).toEqual([...weights].sort((a, b) => b - a));
  expect(relation.score).toBeCloseTo(
    weights.reduce((sum, w) => sum + w, 0),
    10,
  );
  for (const reason of relation.reasons) {
    expect(reason.weight).toBeGreaterThan(0);
    expect(reason.label).toMatch(/^both \S/);
  }
}

describe('the seed, offline', () => {
  const index = RelationIndex.build(corpusOf(SEED));
  const related = (position: number) => index.relationsOf(episodeAt(SEED, position), LIMIT);
  const withEpisode = (position: number, other: number) =>
    related(position).find((r) => r.episodeId === episodeAt(SEED, other));

  it('relates every episode to another, every relation with well-formed reasons', () => {
    for (const episode of SEED.episodes) {
      const relations = index.relationsOf(episode.id, LIMIT);
      expect(relations.length, episode.title).toBeGreaterThan(0);
      relations.forEach(expectWellFormed);
    }
  });

  it('says the two episodes recommending DPO and Let’s Verify share those readings, first', () => {
    const relation = related(6)[0]!;
    expect(relation.episodeId).toBe(episodeAt(SEED, 8));
    expect(relation.reasons[0]).toMatchObject({
      kind: 'SHARED_PAPER',
      label:
        "both recommend Direct Preference Optimization: Your Language Model is Secretly a Reward Model and Let's Verify Step by Step",
    });
    expect(relation.sharedPaperIds.sort()).toEqual(['arxiv:2305.18290', 'arxiv:2305.20050']);
    expect(reasonsOf(relation, 'SIMILAR_TEXT')?.terms).toContain('reward model');
  });

  it('relates episodes that share no paper by what they discuss', () => {
    // Serving speed: DeepSeek's speculative decoding in production and profiler-guided GPU kernels.
    expect(related(1)[0]!.episodeId).toBe(episodeAt(SEED, 2));
    expect(reasonsOf(related(1)[0], 'SIMILAR_TEXT')?.terms).toEqual(
      expect.arrayContaining(['production', 'speed']),
    );
    // RL post-training: the crosscoder's RL tool-calling skill and the RL step-level grader.
    expect(related(5)[0]!.episodeId).toBe(episodeAt(SEED, 6));
    expect(reasonsOf(related(5)[0], 'SIMILAR_TEXT')?.terms).toContain('RL');
    // Reading a model's reasoning: forensics on chain-of-thought and cliff tokens in math traces.
    expect(related(7)[0]!.episodeId).toBe(episodeAt(SEED, 8));
    expect(reasonsOf(related(7)[0], 'SIMILAR_TEXT')?.terms).toContain('reasoning traces');
    // Evaluators: the AI reviewer whose judge evolves and the step-level grader.
    expect(reasonsOf(withEpisode(3, 6), 'SIMILAR_TEXT')?.label).toBe(
      'both discuss judge, grader, trick',
    );
  });

  it('keeps relations symmetric: the same score and reasons from either side', () => {
    for (const episode of SEED.episodes) {
      for (const relation of index.relationsOf(episode.id, LIMIT)) {
        const back = index
          .relationsOf(relation.episodeId, SEED.episodes.length)
          .find((r) => r.episodeId === episode.id);
        expect(back?.score).toBe(relation.score);
        expect(back?.reasons.map((r) => r.label)).toEqual(relation.reasons.map((r) => r.label));
      }
    }
  });
});

describe('three topics with disjoint readings', () => {
  const index = RelationIndex.build(corpusOf(THREE_TOPICS));
  const topics = Object.values(TOPICS);

  it('ranks every episode’s own topic first, for shared words, not shared papers', () => {
    for (const topic of topics) {
      for (const id of topic) {
        const top = index.relationsOf(id, topic.length - 1).map((r) => r.episodeId);
        expect(top.sort()).toEqual(topic.filter((other) => other !== id).sort());
      }
    }
    const [first, second] = TOPICS.proteinStructure;
    const protein = index.relationsOf(first!, LIMIT).find((r) => r.episodeId === second);
    expect(protein?.reasons.map((r) => r.kind)).toEqual(['SIMILAR_TEXT']);
    expect(protein?.reasons[0]?.terms).toContain('protein structure');
  });

  it('names multi-word terms as written', () => {
    const [first, , third] = TOPICS.speculativeDecoding;
    const relation = index.relationsOf(first!, LIMIT).find((r) => r.episodeId === third);
    expect(reasonsOf(relation, 'SIMILAR_TEXT')?.terms).toEqual(
      expect.arrayContaining(['speculative decoding', 'acceptance rate']),
    );
    expect(reasonsOf(relation, 'SHARED_PAPER')?.label).toBe(
      'both recommend Fast Inference from Transformers via Speculative Decoding',
    );
  });

  it('relates an episode with nothing in common to nothing', () => {
    expect(index.relationsOf(UNRELATED, LIMIT)).toEqual([]);
    for (const episode of THREE_TOPICS.episodes) {
      const others = index.relationsOf(episode.id, THREE_TOPICS.episodes.length);
      expect(others.map((r) => r.episodeId)).not.toContain(UNRELATED);
    }
  });

  it('clusters by topic (purity 1.0), labelled by the topic’s terms, the unrelated episode in none', () => {
    const clusters = index.clusters();
    expect(clusters.map((c) => [...c.episodeIds].sort())).toEqual(
      expect.arrayContaining(topics.map((topic) => [...topic].sort())),
    );
    expect(clusters).toHaveLength(3);
    expect(clusters.map((c) => c.size)).toEqual([4, 4, 3]);
    const protein = clusters.find((c) => c.size === 3)!;
    expect(protein.terms).toContain('protein structure');
    expect(protein.label).toBe(protein.terms.join(', '));
    const drafting = clusters.find((c) => c.episodeIds.includes(TOPICS.speculativeDecoding[0]!))!;
    expect(drafting.topPaperIds).toEqual(['arxiv:2211.17192']);
    expect(drafting.label).toMatch(/ — Fast Inference from Transformers via Speculative Decoding$/);
    for (const cluster of clusters) expect(cluster.id).toMatch(/^cl_[0-9a-f]{12}$/);
  });

  it('gives the same relations and cluster ids for the same data', () => {
    const again = RelationIndex.build(corpusOf(THREE_TOPICS));
    for (const episode of THREE_TOPICS.episodes) {
      expect(again.relationsOf(episode.id, LIMIT)).toEqual(index.relationsOf(episode.id, LIMIT));
    }
    expect(again.clusters()).toEqual(index.clusters());
  });
});

describe('updates', () => {
  const byId = new Map(THREE_TOPICS.episodes.map((e) => [e.id, e]));
  const titles = corpusOf(THREE_TOPICS).paperTitles;

  it('removes an episode with its relations, and lists the episodes that lost one', () => {
    const index = RelationIndex.build(corpusOf(THREE_TOPICS));
    const gone = TOPICS.preferenceOptimisation[0]!;
    const partners = index.relationsOf(gone, LIMIT).map((r) => r.episodeId);
    expect(partners.length).toBeGreaterThan(0);

    const affected = index.update({ episodes: [], removedEpisodeIds: [gone], paperTitles: titles });
    expect([...affected].sort()).toEqual(expect.arrayContaining(partners.sort()));
    expect(affected.has(gone)).toBe(false);
    expect(index.relationsOf(gone, LIMIT)).toEqual([]);
    for (const episode of THREE_TOPICS.episodes) {
      const ids = index.relationsOf(episode.id, LIMIT).map((r) => r.episodeId);
      expect(ids).not.toContain(gone);
    }
    const rest = TOPICS.preferenceOptimisation.slice(1);
    const cluster = index.clusters().find((c) => c.episodeIds.includes(rest[0]!));
    expect([...cluster!.episodeIds].sort()).toEqual([...rest].sort());
  });

  it('changes nothing on a re-import of the same episodes', () => {
    const index = RelationIndex.build(corpusOf(THREE_TOPICS));
    const before = THREE_TOPICS.episodes.map((e) => index.relationsOf(e.id, LIMIT));
    const clusters = index.clusters();
    index.update({ episodes: THREE_TOPICS.episodes, removedEpisodeIds: [], paperTitles: titles });
    expect(THREE_TOPICS.episodes.map((e) => index.relationsOf(e.id, LIMIT))).toEqual(before);
    expect(index.clusters(clusters)).toEqual(clusters);
  });

  it('relates an added episode to its topic and keeps the cluster ids it had', () => {
    const added = TOPICS.proteinStructure[2]!;
    const without = {
      ...corpusOf(THREE_TOPICS),
      episodes: THREE_TOPICS.episodes.filter((e) => e.id !== added),
    };
    const index = RelationIndex.build(without);
    const previous = index.clusters();
    const affected = index.update({
      episodes: [byId.get(added) as EpisodeRecord],
      removedEpisodeIds: [],
      paperTitles: titles,
    });
    expect(affected).toEqual(new Set([added, ...TOPICS.proteinStructure.slice(0, 2)]));
    const top = index.relationsOf(added, 2).map((r) => r.episodeId);
    expect(top.sort()).toEqual(TOPICS.proteinStructure.slice(0, 2).sort());
    const clusters = index.clusters(previous);
    const protein = clusters.find((c) => c.episodeIds.includes(added))!;
    expect(protein.size).toBe(3);
    expect(previous.map((c) => c.id)).toContain(protein.id);
    expect(clusters.map((c) => c.id).sort()).toEqual(previous.map((c) => c.id).sort());
  });
});

describe('what the stores keep', () => {
  it('keeps as many relations per episode as Episode.related(first:) may ask for', () => {
    expect(RELATIONS_KEPT).toBeGreaterThanOrEqual(QUERY_LIMITS.maxRelated);
  });
});
