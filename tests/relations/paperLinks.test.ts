// Hub papers: a paper more episodes cite than HUB_DEGREE makes no candidates, yet every candidate
// something else makes gets its links, summed to the bit as a walk of every link sums them.
import { describe, expect, it } from 'vitest';

import {
  type EpisodeCitations,
  HUB_DEGREE,
  type PaperFacts,
  PaperLinks,
} from '../../server/src/relations/paperLinks.ts';

const LINK_KINDS = 3;

function citing(id: string, source: string, papers: readonly string[]): EpisodeCitations {
  return { id, sourcePaperId: source, recommendations: papers.map((paperId) => ({ paperId })) };
}

/** Per other episode, the weight of each link kind, summed in visiting order. */
function sums(walk: (visit: (other: string, kind: number, weight: number) => void) => void) {
  const byOther = new Map<string, number[]>();
  walk((other, kind, weight) => {
    const row = byOther.get(other) ?? new Array<number>(LINK_KINDS).fill(0);
    row[kind]! += weight;
    byOther.set(other, row);
  });
  return byOther;
}

/**
 * What relationsOf sums: the candidate walk, then the hubs' links to those candidates and to
 * `textNeighbours`, which the text index makes candidates.
 */
function candidateSums(links: PaperLinks, id: string, textNeighbours: readonly string[]) {
  const byOther = sums((visit) => links.eachCandidateLinkWeight(id, visit));
  const candidates = [...byOther.keys(), ...textNeighbours.filter((o) => !byOther.has(o))];
  for (const other of candidates) byOther.set(other, byOther.get(other) ?? [0, 0, 0]);
  links.eachHubLinkWeight(id, candidates, (at, kind, weight) => {
    byOther.get(candidates[at]!)![kind]! += weight;
  });
  return byOther;
}

describe('hub papers', () => {
  // Episode e0 … e{n}: all cite the hub; e0 and e1 also share a rare reading; e0 and e2 share a
  // second hub; every source paper cites the hub reference and e0's and e3's a rare one.
  const count = HUB_DEGREE + 20;
  const links = new PaperLinks();
  const ids = Array.from({ length: count }, (_, i) => `e${String(i).padStart(4, '0')}`);
  const sources = ids.map((id) => `src:${id}`);
  ids.forEach((id, i) => {
    const papers = ['paper:hub'];
    if (i <= 1) papers.push('paper:rare');
    if (i === 0 || i === 2 || i >= 10) papers.push('paper:second-hub');
    links.setEpisode(citing(id, sources[i]!, papers));
  });
  sources.forEach((source, i) => {
    const facts: PaperFacts = {
      references: ['ref:hub', ...(i === 0 || i === 3 ? ['ref:rare'] : [])],
      topics: [],
    };
    links.setFacts(source, facts);
  });

  it('makes candidates only through papers below the cap', () => {
    const candidates = [...sums((visit) => links.eachCandidateLinkWeight('e0000', visit)).keys()];
    expect(candidates.sort()).toEqual(['e0001', 'e0003']);
    const every = sums((visit) => links.eachLinkWeight('e0000', visit));
    expect(every.size).toBe(count - 1);
  });

  it('adds the hubs’ links to the candidates, equal to the bit to a walk of every link', () => {
    const every = sums((visit) => links.eachLinkWeight('e0000', visit));
    for (const textNeighbours of [[], ['e0002', 'e0050']]) {
      const scored = candidateSums(links, 'e0000', textNeighbours);
      expect(scored.size).toBe(2 + textNeighbours.length);
      for (const [other, row] of scored) expect(row).toEqual(every.get(other));
    }
  });

  it('gives the reasons the hubs’ papers, from the kept episodes alone', () => {
    const kept = links.linksOf('e0000', new Set(['e0001', 'e0002']));
    const via = (other: string) =>
      kept
        .get(other)!
        .map((link) => `${link.kind} ${link.via}`)
        .sort();
    expect(via('e0001')).toEqual([
      'SHARED_PAPER paper:hub',
      'SHARED_PAPER paper:rare',
      'SHARED_REFERENCE ref:hub',
    ]);
    expect(via('e0002')).toEqual([
      'SHARED_PAPER paper:hub',
      'SHARED_PAPER paper:second-hub',
      'SHARED_REFERENCE ref:hub',
    ]);
    expect([...kept.keys()].sort()).toEqual(['e0001', 'e0002']);
  });
});
