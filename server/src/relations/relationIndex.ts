// The relations and clusters of a corpus of episodes, kept in memory and updated per import: the
// text index (textIndex.ts), the paper links (paperLinks.ts) and the titles labels need. Plain data
// in, plain data out; a store persists what it returns.
//
// What an update recomputes: the changed episodes' texts are tokenized and weighed (the others are
// not), their text neighbours are found through the inverted index, and the relations of every
// episode whose neighbours or paper links they touch are listed as affected (`update` returns
// them). Clusters are recomputed wholesale from the current relations (Louvain takes well under a
// second at 10,000 episodes), with ids carried over from the previous clusters (clusterIds.ts).
import type { EpisodeRecord } from '../domain/model.ts';
import { assignClusterIds, type IdentifiedCluster } from './clusterIds.ts';
import { detectCommunities, type WeightedEdge } from './communities.ts';
import type { PaperTitleOf } from './episodeDocument.ts';
import { EpisodeTerms, type IndexedEpisode } from './episodeTerms.ts';
import { type PaperFacts, PaperLinks } from './paperLinks.ts';
import {
  type EpisodeRelation,
  nameTextReason,
  relate,
  sumStrongestFirst,
  TEXT_WEIGHT,
  topicWeight,
} from './relatedness.ts';
import { TermNumbering } from './termNumbering.ts';
import { type CountedDocument, TextIndex, type TextIndexOptions } from './textIndex.ts';

/** Episodes as whole records, unless the type says they may come counted (IndexedEpisode). */
export interface RelationCorpus<Episode extends IndexedEpisode = EpisodeRecord> {
  episodes: readonly Episode[];
  /** Titles of the papers the episodes cite and of the works metadata names; null when unknown. */
  paperTitles: ReadonlyMap<string, string | null>;
  /** What metadata says about papers, by paper id; papers without metadata are left out. */
  paperFacts?: ReadonlyMap<string, PaperFacts>;
}

export interface RelationChange<Episode extends IndexedEpisode = EpisodeRecord> {
  /** Added or changed episodes. */
  episodes: readonly Episode[];
  removedEpisodeIds: readonly string[];
  paperTitles: ReadonlyMap<string, string | null>;
  /** New metadata by paper id; null forgets a paper's metadata. */
  paperFacts?: ReadonlyMap<string, PaperFacts | null>;
}

export interface Cluster {
  id: string;
  /** "speculative decoding, draft length, verification — Fast Inference from Transformers…" */
  label: string;
  size: number;
  /** Most connected within the cluster first, then by id. */
  episodeIds: string[];
  /** The cluster's most distinctive terms, strongest first. */
  terms: string[];
  /** Papers two or more members cite, most cited first. */
  topPaperIds: string[];
}

export interface EpisodeSummary {
  id: string;
  title: string;
  /** YYYY-MM-DD, or null when the feed gave none. */
  publishedAt: string | null;
}

/** What the cluster graph needs of a relation. */
export type ScoredRelation = Pick<EpisodeRelation, 'episodeId' | 'score'>;

export interface RelationIndexOptions {
  text: Partial<TextIndexOptions>;
  /** Relations per episode that the cluster graph is built from. */
  clusterGraphDegree: number;
}

const DEFAULT_OPTIONS: RelationIndexOptions = { text: {}, clusterGraphDegree: 10 };
/** Shared terms a SIMILAR_TEXT label names. */
const LABEL_TERMS = 3;
const CLUSTER_LABEL_TERMS = 3;
const CLUSTER_TOP_PAPERS = 3;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Paper link kinds summed per candidate (paperLinks.ts LINK_KIND). */
const LINK_KINDS = 3;

/** The `limit` related candidates (score above 0) with the highest scores, then by id. */
function keptSlots(scores: Float64Array, ids: readonly string[], limit: number): number[] {
  // Only scores from the limit-th highest on can be kept: a numeric sort finds it, so the
  // comparator sort below orders a few dozen candidates, not thousands.
  let floor = Number.MIN_VALUE;
  if (scores.length > limit) {
    const sorted = Float64Array.from(scores).sort();
    floor = Math.max(floor, sorted[sorted.length - limit]!);
  }
  const related: number[] = [];
  for (let at = 0; at < scores.length; at += 1) if (scores[at]! >= floor) related.push(at);
  return related
    .sort((a, b) => scores[b]! - scores[a]! || compareIds(ids[a]!, ids[b]!))
    .slice(0, limit);
}

export class RelationIndex {
  private readonly titles = new Map<string, string | null>();
  private readonly links = new PaperLinks();
  /** What a map shows of each episode; the title is also a cluster's label of last resort. */
  private readonly summaries = new Map<string, EpisodeSummary>();

  private readonly text: TextIndex;
  private readonly terms: EpisodeTerms;
  private readonly options: RelationIndexOptions;

  private constructor(text: TextIndex, terms: EpisodeTerms, options: RelationIndexOptions) {
    this.text = text;
    this.terms = terms;
    this.options = options;
  }

  /**
   * The index of a corpus. `terms` keeps the episodes' counted texts from one build to the next
   * (the relation keeper passes the same one each time); texts it holds are not tokenized again.
   */
  static build(
    corpus: RelationCorpus<IndexedEpisode>,
    options: Partial<RelationIndexOptions> = {},
    terms = new EpisodeTerms(),
  ): RelationIndex {
    const merged = { ...DEFAULT_OPTIONS, ...options };
    const titleOf = (id: string) => corpus.paperTitles.get(id) ?? null;
    const texts = corpus.episodes.map((episode) => terms.textOf(episode, titleOf));
    const numbering = new TermNumbering(terms.tokenizer, texts);
    const documents = corpus.episodes.map((episode, i): CountedDocument => ({
      id: episode.id,
      terms: numbering.adopt(texts[i]!),
    }));
    const text = TextIndex.fromCounted(numbering, documents, merged.text);
    const index = new RelationIndex(text, terms, merged);
    for (const [id, title] of corpus.paperTitles) index.titles.set(id, title);
    for (const [paperId, facts] of corpus.paperFacts ?? []) index.links.setFacts(paperId, facts);
    for (const episode of corpus.episodes) {
      index.links.setEpisode(episode);
      index.summaries.set(episode.id, summaryOf(episode));
    }
    return index;
  }

  /** Applies a change; returns the episodes whose relations may have changed (not removed ones). */
  update(change: RelationChange<IndexedEpisode>): Set<string> {
    for (const [id, title] of change.paperTitles) this.titles.set(id, title);
    const affected = new Set<string>();
    const around = (id: string) => {
      for (const other of this.links.linkedEpisodes(id)) affected.add(other);
    };
    // Links are looked at before and after, so both the old and the new partners are affected.
    const leaving = [...change.removedEpisodeIds, ...change.episodes.map((e) => e.id)];
    for (const id of leaving) around(id);
    for (const [paperId] of change.paperFacts ?? []) {
      for (const id of this.links.episodesAround(paperId)) affected.add(id);
    }
    for (const id of change.removedEpisodeIds) {
      this.links.removeEpisode(id);
      this.summaries.delete(id);
    }
    for (const [paperId, facts] of change.paperFacts ?? []) this.links.setFacts(paperId, facts);
    for (const episode of change.episodes) {
      this.links.setEpisode(episode);
      this.summaries.set(episode.id, summaryOf(episode));
      affected.add(episode.id);
    }
    for (const id of change.episodes.map((e) => e.id)) around(id);
    for (const [paperId] of change.paperFacts ?? []) {
      for (const id of this.links.episodesAround(paperId)) affected.add(id);
    }
    const titleOf = (id: string) => this.titles.get(id) ?? null;
    const numbering = this.text.vocabulary;
    const documents = change.episodes.map((episode) =>
      textDocument(episode, titleOf, this.terms, numbering),
    );
    for (const id of this.text.update(documents, change.removedEpisodeIds)) affected.add(id);
    for (const id of change.removedEpisodeIds) affected.delete(id);
    return affected;
  }

  /** How many episodes the index holds. */
  get episodeCount(): number {
    return this.summaries.size;
  }

  /** Every episode's id, in id order. */
  episodeIds(): string[] {
    return [...this.summaries.keys()].sort(compareIds);
  }

  /** The episode's title and date; null for an unknown episode. */
  episode(id: string): EpisodeSummary | null {
    return this.summaries.get(id) ?? null;
  }

  /**
   * The episode's strongest relations, each with its reasons; [] for an unknown episode. Every
   * candidate (an episode linked through a paper that is not a hub, or a text neighbour; a hub's
   * links are added to the candidates the others make) is scored first, in numbers only; reasons
   * and labels are built for the `limit` kept. A pair's score is summed as `relate` sums it (each
   * reason's weights strongest first, then the reasons strongest first), so the scores, and the
   * relations kept, are what relating every candidate gives.
   */
  relationsOf(id: string, limit: number): EpisodeRelation[] {
    if (!this.summaries.has(id) || limit <= 0) return [];
    const slotOf = new Map<string, number>();
    const others: string[] = [];
    const linkSums: number[] = [];
    const slot = (other: string) => {
      let at = slotOf.get(other);
      if (at === undefined) {
        at = others.length;
        slotOf.set(other, at);
        others.push(other);
        linkSums.push(0, 0, 0);
      }
      return at;
    };
    this.links.eachCandidateLinkWeight(id, (other, kind, weight) => {
      linkSums[slot(other) * LINK_KINDS + kind]! += weight;
    });
    for (const neighbour of this.text.neighbours(id)) slot(neighbour.id);
    this.links.eachHubLinkWeight(id, others, (at, kind, weight) => {
      linkSums[at * LINK_KINDS + kind]! += weight;
    });
    const withTopics = this.links.hasTopics(id);
    const scores = new Float64Array(others.length);
    const texts = new Float64Array(others.length);
    const weights: number[] = [];
    this.text.withNameableSimilarity(id, (similarityTo) => {
      for (let at = 0; at < others.length; at += 1) {
        weights.length = 0;
        for (let kind = 0; kind < LINK_KINDS; kind += 1) {
          const sum = linkSums[at * LINK_KINDS + kind]!;
          if (sum > 0) weights.push(sum);
        }
        const similarity = similarityTo(others[at]!);
        texts[at] = similarity;
        if (similarity > 0) weights.push(TEXT_WEIGHT * similarity);
        if (weights.length === 0) continue;
        if (withTopics) {
          const topics = this.links.topicLinks(id, others[at]!);
          if (topics.length > 0) weights.push(topicWeight(topics));
        }
        scores[at] = sumStrongestFirst(weights);
      }
    });
    const kept = keptSlots(scores, others, limit);
    const keptIds = new Set(kept.map((at) => others[at]!));
    const paperLinks = this.links.linksOf(id, keptIds);
    const titleOf = (paperId: string) => this.titles.get(paperId) ?? paperId;
    return kept.map((at) => {
      const other = others[at]!;
      const relation = relate(
        {
          episodeId: other,
          paperLinks: paperLinks.get(other) ?? [],
          topicLinks: withTopics ? this.links.topicLinks(id, other) : [],
          textSimilarity: texts[at]!,
          textNameable: texts[at]! > 0,
        },
        titleOf,
      )!;
      if (relation.score !== scores[at]) {
        throw new Error(
          `relation ${id}–${other} scored ${scores[at]} but explained ${relation.score}`,
        );
      }
      nameTextReason(relation, this.text.sharedTerms(id, other, LABEL_TERMS));
      return relation;
    });
  }

  /**
   * Communities of the relation graph with stable ids and labels, largest first (then by id). The
   * graph's edges are each episode's `clusterGraphDegree` strongest relations: computed here, or
   * given by `strongest` when the caller already holds them.
   */
  clusters(
    previous: readonly IdentifiedCluster[] = [],
    strongest: (id: string) => readonly ScoredRelation[] = (id) =>
      this.relationsOf(id, this.options.clusterGraphDegree),
  ): Cluster[] {
    const edges: WeightedEdge[] = [];
    const strength = new Map<string, number>();
    const ids = this.episodeIds();
    for (const id of ids) {
      for (const relation of strongest(id)) {
        edges.push({ a: id, b: relation.episodeId, weight: relation.score });
        strength.set(id, (strength.get(id) ?? 0) + relation.score);
      }
    }
    const communities = detectCommunities(edges);
    return assignClusterIds(communities, previous)
      .map(({ id, episodeIds }) => this.describe(id, episodeIds, communities.length, strength))
      .sort((a, b) => b.size - a.size || compareIds(a.id, b.id));
  }

  private describe(
    id: string,
    members: readonly string[],
    groups: number,
    strength: ReadonlyMap<string, number>,
  ): Cluster {
    const terms = this.text.distinctiveTerms(members, groups, CLUSTER_LABEL_TERMS);
    const citing = new Map<string, number>();
    for (const member of members) {
      for (const { paperId } of this.links.citedPapers(member)) {
        citing.set(paperId, (citing.get(paperId) ?? 0) + 1);
      }
    }
    const topPaperIds = [...citing]
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
      .slice(0, CLUSTER_TOP_PAPERS)
      .map(([paperId]) => paperId);
    const topTitle = topPaperIds.length > 0 ? this.titles.get(topPaperIds[0]!) : null;
    const episodeIds = [...members].sort(
      (a, b) => (strength.get(b) ?? 0) - (strength.get(a) ?? 0) || compareIds(a, b),
    );
    const described = [terms.join(', '), topTitle].filter((part) => part).join(' — ');
    return {
      id,
      label: described || this.summaries.get(episodeIds[0]!)!.title,
      size: members.length,
      episodeIds,
      terms,
      topPaperIds,
    };
  }
}

function summaryOf(episode: IndexedEpisode): EpisodeSummary {
  return { id: episode.id, title: episode.title, publishedAt: episode.publishedAt };
}

function textDocument(
  episode: IndexedEpisode,
  titleOf: PaperTitleOf,
  terms: EpisodeTerms,
  numbering: TermNumbering,
): CountedDocument {
  return { id: episode.id, terms: numbering.adopt(terms.textOf(episode, titleOf)) };
}
