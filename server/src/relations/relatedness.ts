// One explained relation per pair of episodes, from every signal (weights in paperLinks.ts and
// textIndex.ts):
//   score = Σ shared papers       1/ln(episodes citing p)
//         + Σ shared references   1/ln(papers citing r)
//         + Σ co-citing papers    1/ln(references c lists)
//         + TEXT_WEIGHT  · similarity of the texts (cosine >= 0.04 over >= 2 shared key terms)
//         + TOPIC_WEIGHT · Σ shared topics 1/ln(episodes with t), only beside another signal
// The unit is Adamic–Adar's: 1.44 (1/ln 2) is one paper that only these two episodes cite; texts as
// similar as 0.29 (two episodes on one subject) weigh the same. A shared topic (an arXiv category,
// a field of study) is too broad to relate two episodes by itself, so it only adds to a relation
// another signal makes. A relation has one reason per signal kind present, strongest first, each
// with its share of the score; with no reason there is no relation.
import type { PaperLink, PaperLinkKind } from './paperLinks.ts';

export type RelationKind = PaperLinkKind | 'SIMILAR_TEXT';

export interface RelationReason {
  kind: RelationKind;
  /** This reason's share of the relation's score. */
  weight: number;
  /** For a reader: "both recommend Direct Preference Optimization". */
  label: string;
  /** The linking papers, strongest first (SHARED_PAPER, SHARED_REFERENCE, CO_CITED). */
  paperIds: string[];
  /** The shared terms (SIMILAR_TEXT) or topics (SHARED_TOPIC), strongest first. */
  terms: string[];
}

export interface EpisodeRelation {
  episodeId: string;
  score: number;
  /** Strongest first; never empty. */
  reasons: RelationReason[];
  sharedPaperIds: string[];
  sharedReferenceIds: string[];
}

export const TEXT_WEIGHT = 5;
const TOPIC_WEIGHT = 0.5;
/** Papers or topics a label names; the weight counts them all. */
const NAMED_IN_LABEL = 2;

export interface PairEvidence {
  episodeId: string;
  paperLinks: readonly PaperLink[];
  topicLinks: readonly PaperLink[];
  /** Cosine of the texts; 0 below the minimum similarity. */
  textSimilarity: number;
  /**
   * Whether the texts share terms a reader can be told (nameTextReason names them): similar texts
   * with nothing to name make no SIMILAR_TEXT reason.
   */
  textNameable: boolean;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function listing(names: readonly string[]): string {
  const named = names.slice(0, NAMED_IN_LABEL);
  const more = names.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length <= 1
    ? named.join('')
    : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** Links of one kind summed per paper (a paper can link twice), strongest first. */
function strongestFirst(links: readonly PaperLink[]): { via: string; weight: number }[] {
  const byVia = new Map<string, number>();
  for (const link of links) byVia.set(link.via, (byVia.get(link.via) ?? 0) + link.weight);
  return [...byVia]
    .map(([via, weight]) => ({ via, weight }))
    .sort((a, b) => b.weight - a.weight || compareIds(a.via, b.via));
}

function paperReason(
  kind: PaperLinkKind,
  links: readonly PaperLink[],
  titleOf: (paperId: string) => string,
): RelationReason {
  const ranked = strongestFirst(links);
  const names = listing(ranked.map((r) => titleOf(r.via)));
  const label =
    kind === 'SHARED_PAPER'
      ? `${links.every((l) => l.bothRecommend) ? 'both recommend' : 'both cite'} ${names}`
      : kind === 'SHARED_REFERENCE'
        ? `both source papers cite ${names}`
        : kind === 'CO_CITED'
          ? `both source papers are cited by ${names}`
          : `both source papers are about ${names}`;
  const topic = kind === 'SHARED_TOPIC';
  const ids = ranked.map((r) => r.via);
  return {
    kind,
    weight: ranked.reduce((sum, r) => sum + r.weight, 0) * (topic ? TOPIC_WEIGHT : 1),
    label,
    paperIds: topic ? [] : ids,
    terms: topic ? ids : [],
  };
}

/**
 * Weights summed from 0, heaviest first: a reason's sum of its links' weights, a score's of its
 * reasons' (equal weights may come in any order, the sum is the same). Sorts `weights`.
 */
export function sumStrongestFirst(weights: number[]): number {
  weights.sort((a, b) => b - a);
  let sum = 0;
  for (const weight of weights) sum += weight;
  return sum;
}

/** The SHARED_TOPIC reason's weight of these topic links, as `relate` gives it. */
export function topicWeight(links: readonly PaperLink[]): number {
  return sumStrongestFirst(links.map((link) => link.weight)) * TOPIC_WEIGHT;
}

/** The explained relation, or null when the evidence holds no reason. */
export function relate(
  evidence: PairEvidence,
  titleOf: (paperId: string) => string,
): EpisodeRelation | null {
  const reasons: RelationReason[] = [];
  const kinds: PaperLinkKind[] = ['SHARED_PAPER', 'SHARED_REFERENCE', 'CO_CITED'];
  for (const kind of kinds) {
    const links = evidence.paperLinks.filter((link) => link.kind === kind);
    if (links.length > 0) reasons.push(paperReason(kind, links, titleOf));
  }
  if (evidence.textSimilarity > 0 && evidence.textNameable) {
    reasons.push({
      kind: 'SIMILAR_TEXT',
      weight: TEXT_WEIGHT * evidence.textSimilarity,
      label: '',
      paperIds: [],
      terms: [],
    });
  }
  if (reasons.length === 0) return null;
  if (evidence.topicLinks.length > 0) {
    reasons.push(paperReason('SHARED_TOPIC', evidence.topicLinks, (topic) => topic));
  }
  reasons.sort((a, b) => b.weight - a.weight || compareIds(a.kind, b.kind));
  return explainedRelation(
    evidence.episodeId,
    reasons.reduce((sum, r) => sum + r.weight, 0),
    reasons,
  );
}

/**
 * Names the shared terms of the relation's SIMILAR_TEXT reason, if it has one: done only for the
 * relations an episode keeps, since finding the words to show is dearer than scoring.
 */
export function nameTextReason(relation: EpisodeRelation, sharedTerms: readonly string[]): void {
  const reason = relation.reasons.find((r) => r.kind === 'SIMILAR_TEXT');
  if (!reason) return;
  reason.terms = [...sharedTerms];
  reason.label = `both discuss ${sharedTerms.join(', ')}`;
}

/** A relation from its score and reasons (strongest first), as a store reads it back. */
export function explainedRelation(
  episodeId: string,
  score: number,
  reasons: RelationReason[],
): EpisodeRelation {
  const idsOf = (kind: RelationKind) => reasons.find((r) => r.kind === kind)?.paperIds ?? [];
  return {
    episodeId,
    score,
    reasons,
    sharedPaperIds: idsOf('SHARED_PAPER'),
    sharedReferenceIds: [...idsOf('SHARED_REFERENCE'), ...idsOf('CO_CITED')],
  };
}
