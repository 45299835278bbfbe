// Cluster labels and text reasons read as subjects: made of words the episodes they describe use,
// not of the words most of the podcast uses ("AI", "model"), which say what the podcast is about
// rather than what these episodes share.
import { describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { episodeDocument } from '../../server/src/relations/episodeDocument.ts';
import type { EpisodeRelation } from '../../server/src/relations/relatedness.ts';
import { RelationIndex } from '../../server/src/relations/relationIndex.ts';
import { textTerms } from '../../server/src/relations/terms.ts';
import { corpusOf, SEED, THREE_TOPICS, TOPICS } from './corpus.ts';

/** Which episodes use each shown term: by stem, so "draft lengths" uses "draft length". */
function usage(batch: ImportBatch) {
  const titles = new Map(batch.papers.map((paper) => [paper.id, paper.title]));
  const terms = new Map(
    batch.episodes.map((episode) => [
      episode.id,
      textTerms(episodeDocument(episode, (id) => titles.get(id) ?? null)),
    ]),
  );
  const keyOf = (shown: string) => {
    const keys = [...textTerms(shown).keys()];
    return keys.find((key) => key.includes(' ')) ?? keys[0] ?? shown.toLowerCase();
  };
  return (shown: string): string[] =>
    [...terms]
      .filter(([, counted]) => counted.has(keyOf(shown)))
      .map(([id]) => id)
      .sort();
}

function textReasonTerms(relation: EpisodeRelation): string[] {
  return relation.reasons.find((reason) => reason.kind === 'SIMILAR_TEXT')?.terms ?? [];
}

describe('on the seed', () => {
  const index = RelationIndex.build(corpusOf(SEED));
  const users = usage(SEED);
  const fewerThanHalf = SEED.episodes.length / 2;

  it('names in text reasons only words both episodes use and fewer than half the podcast does', () => {
    let named = 0;
    for (const episode of SEED.episodes) {
      for (const relation of index.relationsOf(episode.id, SEED.episodes.length)) {
        for (const term of textReasonTerms(relation)) {
          named += 1;
          expect(users(term), `${term}`).toEqual(
            expect.arrayContaining([episode.id, relation.episodeId]),
          );
          expect(users(term).length, `${term}`).toBeLessThan(fewerThanHalf);
        }
      }
    }
    expect(named).toBeGreaterThan(SEED.episodes.length);
  });

  it('labels clusters with words two or more members use and fewer than half the podcast does', () => {
    const clusters = index.clusters();
    expect(clusters.length).toBeGreaterThan(0);
    for (const cluster of clusters) {
      expect(cluster.terms.length, cluster.label).toBeGreaterThan(0);
      expect(cluster.label.startsWith(cluster.terms.join(', ')), cluster.label).toBe(true);
      for (const term of cluster.terms) {
        const members = users(term).filter((id) => cluster.episodeIds.includes(id));
        expect(members.length, `${cluster.label}: ${term}`).toBeGreaterThanOrEqual(2);
        expect(users(term).length, `${cluster.label}: ${term}`).toBeLessThan(fewerThanHalf);
      }
    }
  });
});

describe('on the three-topic feed', () => {
  const index = RelationIndex.build(corpusOf(THREE_TOPICS));
  const users = usage(THREE_TOPICS);
  const topics = Object.values(TOPICS);
  const topicOf = (id: string) => topics.find((topic) => topic.includes(id));

  it('names in text reasons within a topic only that topic’s words', () => {
    let named = 0;
    for (const topic of topics) {
      for (const id of topic) {
        for (const relation of index.relationsOf(id, topic.length - 1)) {
          expect(topicOf(relation.episodeId)).toBe(topic);
          for (const term of textReasonTerms(relation)) {
            named += 1;
            const outside = users(term).filter((user) => !topic.includes(user));
            expect(outside, `${term}`).toEqual([]);
          }
        }
      }
    }
    expect(named).toBeGreaterThan(THREE_TOPICS.episodes.length);
  });

  it('labels each topic’s cluster with words of that topic only', () => {
    const clusters = index.clusters();
    expect(clusters).toHaveLength(topics.length);
    for (const cluster of clusters) {
      const topic = topicOf(cluster.episodeIds[0]!)!;
      expect(cluster.terms.length, cluster.label).toBeGreaterThan(0);
      for (const term of cluster.terms) {
        const inTopic = users(term).filter((id) => topic.includes(id));
        expect(inTopic.length, `${cluster.label}: ${term}`).toBeGreaterThanOrEqual(2);
        expect(users(term), `${cluster.label}: ${term}`).toEqual(inTopic);
      }
    }
  });
});
