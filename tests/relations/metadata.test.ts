// Relations through what metadata says about the papers: a reference both source papers cite (the
// "Shares 0 papers" case of issue #20), a paper citing both, and topics, which only add to a
// relation.
import { describe, expect, it } from 'vitest';

import type { PaperFacts } from '../../server/src/relations/paperLinks.ts';
import { RelationIndex } from '../../server/src/relations/relationIndex.ts';
import { corpusOf, episodeAt, SEED, THREE_TOPICS, TOPICS, UNRELATED } from './corpus.ts';

const CROSSCODER = episodeAt(SEED, 5);
const SCHEMES = episodeAt(SEED, 7);
const SLEEPER_AGENTS = 'arxiv:2401.05566';
const SURVEY = 'arxiv:2501.00001';

const sourceOf = (id: string) => SEED.episodes.find((e) => e.id === id)!.sourcePaperId!;

const titles = new Map([
  ...corpusOf(SEED).paperTitles,
  [SLEEPER_AGENTS, 'Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training'],
  [SURVEY, 'A Survey of Model Forensics'],
]);

const facts = new Map<string, PaperFacts>([
  [sourceOf(CROSSCODER), { references: [SLEEPER_AGENTS, 'arxiv:2212.03827'], topics: ['cs.LG'] }],
  [sourceOf(SCHEMES), { references: [SLEEPER_AGENTS, 'arxiv:2307.13702'], topics: ['cs.LG'] }],
  [SURVEY, { references: [sourceOf(CROSSCODER), sourceOf(SCHEMES)], topics: [] }],
]);

function relation(index: RelationIndex, from: string, to: string) {
  return index.relationsOf(from, 10).find((r) => r.episodeId === to);
}

describe('relations through paper metadata', () => {
  it('names the reference both source papers cite and the paper citing both', () => {
    const index = RelationIndex.build({
      ...corpusOf(SEED),
      paperTitles: titles,
      paperFacts: facts,
    });
    const found = relation(index, SCHEMES, CROSSCODER)!;
    expect(found.sharedPaperIds).toEqual([]);
    expect(found.sharedReferenceIds).toEqual([SLEEPER_AGENTS, SURVEY]);
    expect(found.reasons.map((r) => [r.kind, r.label])).toEqual(
      expect.arrayContaining([
        [
          'SHARED_REFERENCE',
          'both source papers cite Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training',
        ],
        ['CO_CITED', 'both source papers are cited by A Survey of Model Forensics'],
        ['SHARED_TOPIC', 'both source papers are about cs.LG'],
      ]),
    );
    const byKind = new Map(found.reasons.map((r) => [r.kind, r.weight]));
    expect(byKind.get('SHARED_REFERENCE')).toBeCloseTo(1 / Math.log(2), 12);
    expect(byKind.get('CO_CITED')).toBeCloseTo(1 / Math.log(2), 12);
    expect(byKind.get('SHARED_TOPIC')).toBeCloseTo(0.5 / Math.log(2), 12);
    expect(relation(index, CROSSCODER, SCHEMES)?.score).toBe(found.score);
  });

  it('adds the links when metadata arrives later, and lists both episodes as affected', () => {
    const index = RelationIndex.build(corpusOf(SEED));
    expect(reasonKinds(relation(index, SCHEMES, CROSSCODER))).not.toContain('SHARED_REFERENCE');
    const affected = index.update({
      episodes: [],
      removedEpisodeIds: [],
      paperTitles: titles,
      paperFacts: facts,
    });
    expect([...affected]).toEqual(expect.arrayContaining([SCHEMES, CROSSCODER]));
    expect(reasonKinds(relation(index, SCHEMES, CROSSCODER))).toEqual(
      expect.arrayContaining(['SHARED_REFERENCE', 'CO_CITED']),
    );
    index.update({
      episodes: [],
      removedEpisodeIds: [],
      paperTitles: new Map(),
      paperFacts: new Map([...facts.keys()].map((id) => [id, null])),
    });
    expect(reasonKinds(relation(index, SCHEMES, CROSSCODER))).not.toContain('SHARED_REFERENCE');
  });

  it('never relates two episodes by a shared topic alone', () => {
    const corpus = corpusOf(THREE_TOPICS);
    const sources = [UNRELATED, TOPICS.proteinStructure[0]!].map(
      (id) => THREE_TOPICS.episodes.find((e) => e.id === id)!.sourcePaperId!,
    );
    const index = RelationIndex.build({
      ...corpus,
      paperFacts: new Map(sources.map((id) => [id, { references: [], topics: ['q-bio.BM'] }])),
    });
    expect(index.relationsOf(UNRELATED, 10)).toEqual([]);
  });
});

function reasonKinds(found: { reasons: { kind: string }[] } | undefined): string[] {
  return found?.reasons.map((r) => r.kind) ?? [];
}
