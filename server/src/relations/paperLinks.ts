// Episodes linked through papers, each link Adamic–Adar weighted so a link through a rare paper
// counts more than one through a paper everybody cites (every count below is >= 2 when the link
// exists, so every term is finite and positive):
//   shared paper p (both episodes cite p)              1 / ln(episodes citing p)
//   shared reference r (both source papers cite r)     1 / ln(papers citing r)
//   co-citation by c (paper c cites both sources)      1 / ln(references c lists)
//   shared topic t (both source papers have t)         1 / ln(episodes whose source paper has t)
// The same weights as the stores' related episodes and metadata/referenceRelated.ts, computed from
// plain maps so the stores, an import and a test give the same numbers. Kept up to date per episode
// and per paper, so an update only revisits the papers it touches.
import type { CitationKind, EpisodeRecord } from '../domain/model.ts';

/** What the links read of an episode: the papers it cites (a whole record will do). */
export interface EpisodeCitations extends Pick<EpisodeRecord, 'id' | 'sourcePaperId'> {
  recommendations: readonly { paperId: string }[];
  mentions?: readonly { paperId: string }[] | undefined;
}

export type PaperLinkKind = 'SHARED_PAPER' | 'SHARED_REFERENCE' | 'CO_CITED' | 'SHARED_TOPIC';

/** One paper (or topic) linking two episodes, with its weight. */
export interface PaperLink {
  kind: PaperLinkKind;
  /** A paper id, or the topic for SHARED_TOPIC. */
  via: string;
  weight: number;
  /** SHARED_PAPER only: whether both episodes recommend it (neither has it as its source). */
  bothRecommend: boolean;
}

/** What metadata tells about a paper: the works it cites and its topics. */
export interface PaperFacts {
  references: readonly string[];
  topics: readonly string[];
}

interface CitingEpisode {
  /** '' for an episode without a source paper (its papers are mentions): no paper has that id. */
  sourcePaperId: string;
  papers: Map<string, CitationKind>;
}

const adamicAdar = (degree: number) => (degree >= 2 ? 1 / Math.log(degree) : 0);

/** The paper link kinds by position, as eachLinkWeight reports them. */
const LINK_KIND = { SHARED_PAPER: 0, SHARED_REFERENCE: 1, CO_CITED: 2 } as const;
type LinkKindIndex = (typeof LINK_KIND)[keyof typeof LINK_KIND];

/** Keys with their weights, heaviest first. */
function strongestFirst<K>(keys: readonly K[], weightOf: (key: K) => number) {
  return keys.map((key) => ({ key, weight: weightOf(key) })).sort((a, b) => b.weight - a.weight);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key) ?? new Set<V>();
  map.set(key, set.add(value));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

export class PaperLinks {
  private readonly episodes = new Map<string, CitingEpisode>();
  private readonly citers = new Map<string, Set<string>>();
  /** Source paper → its episode (an episode's id derives from its source, so at most one). */
  private readonly episodeOfSource = new Map<string, string>();
  private readonly facts = new Map<string, PaperFacts>();
  /** Reference → the papers whose reference lists have it. */
  private readonly citedBy = new Map<string, Set<string>>();
  /** Topic → the episodes whose source paper has it. */
  private readonly topicEpisodes = new Map<string, Set<string>>();

  setEpisode(episode: EpisodeCitations): void {
    this.removeEpisode(episode.id);
    const source = episode.sourcePaperId ?? '';
    const papers = new Map<string, CitationKind>(source === '' ? [] : [[source, 'SOURCE']]);
    for (const { paperId } of episode.recommendations) {
      if (!papers.has(paperId)) papers.set(paperId, 'RECOMMENDED');
    }
    // A paper a show's notes mention is shared like a reading.
    for (const { paperId } of episode.mentions ?? []) {
      if (!papers.has(paperId)) papers.set(paperId, 'RECOMMENDED');
    }
    this.episodes.set(episode.id, { sourcePaperId: source, papers });
    for (const paperId of papers.keys()) addTo(this.citers, paperId, episode.id);
    if (source !== '') this.episodeOfSource.set(source, episode.id);
    for (const topic of this.facts.get(source)?.topics ?? []) {
      addTo(this.topicEpisodes, topic, episode.id);
    }
  }

  removeEpisode(id: string): void {
    const episode = this.episodes.get(id);
    if (!episode) return;
    for (const paperId of episode.papers.keys()) removeFrom(this.citers, paperId, id);
    if (this.episodeOfSource.get(episode.sourcePaperId) === id) {
      this.episodeOfSource.delete(episode.sourcePaperId);
    }
    for (const topic of this.facts.get(episode.sourcePaperId)?.topics ?? []) {
      removeFrom(this.topicEpisodes, topic, id);
    }
    this.episodes.delete(id);
  }

  /** Replaces what metadata says about a paper (null: nothing known). */
  setFacts(paperId: string, facts: PaperFacts | null): void {
    const episode = this.episodeOfSource.get(paperId);
    const previous = this.facts.get(paperId);
    for (const reference of previous?.references ?? [])
      removeFrom(this.citedBy, reference, paperId);
    if (episode) {
      for (const topic of previous?.topics ?? []) removeFrom(this.topicEpisodes, topic, episode);
    }
    if (facts === null) {
      this.facts.delete(paperId);
      return;
    }
    const cleaned = {
      references: [...new Set(facts.references)],
      topics: [...new Set(facts.topics)],
    };
    this.facts.set(paperId, cleaned);
    for (const reference of cleaned.references) addTo(this.citedBy, reference, paperId);
    if (episode) for (const topic of cleaned.topics) addTo(this.topicEpisodes, topic, episode);
  }

  /**
   * The paper links of the episode to the episodes of `others`, by other episode (topics not
   * included).
   */
  linksOf(id: string, others: ReadonlySet<string>): Map<string, PaperLink[]> {
    const episode = this.episodes.get(id);
    const links = new Map<string, PaperLink[]>();
    if (!episode) return links;
    const add = (other: string | undefined, link: PaperLink) => {
      if (other === undefined || other === id || !others.has(other) || !(link.weight > 0)) return;
      const list = links.get(other);
      if (list) list.push(link);
      else links.set(other, [link]);
    };
    // From the few others' papers, not from every citer of the episode's papers.
    for (const other of others) {
      const theirs = this.episodes.get(other)?.papers;
      if (!theirs) continue;
      for (const [paperId, kind] of episode.papers) {
        const theirKind = theirs.get(paperId);
        if (theirKind === undefined) continue;
        const weight = adamicAdar(this.citers.get(paperId)!.size);
        const bothRecommend = kind === 'RECOMMENDED' && theirKind === 'RECOMMENDED';
        add(other, { kind: 'SHARED_PAPER', via: paperId, weight, bothRecommend });
      }
    }
    const source = episode.sourcePaperId;
    for (const reference of this.facts.get(source)?.references ?? []) {
      const citing = this.citedBy.get(reference)!;
      const weight = adamicAdar(citing.size);
      for (const paper of citing) {
        if (paper === source) continue;
        const link = {
          kind: 'SHARED_REFERENCE',
          via: reference,
          weight,
          bothRecommend: false,
        } as const;
        add(this.episodeOfSource.get(paper), link);
      }
    }
    for (const citer of this.citedBy.get(source) ?? []) {
      const references = this.facts.get(citer)!.references;
      const weight = adamicAdar(references.length);
      for (const paper of references) {
        if (paper === source) continue;
        const link = { kind: 'CO_CITED', via: citer, weight, bothRecommend: false } as const;
        add(this.episodeOfSource.get(paper), link);
      }
    }
    return links;
  }

  /**
   * Visits every paper link of the episode to another one as (other, kind, weight), each kind's
   * links strongest first (ties in any order): summing a pair's weights as visited adds them in the
   * order a reason does (relatedness.ts sums its links strongest first), so the sums are the same to
   * the bit. No link objects are made: this is the pass that scores every candidate.
   */
  eachLinkWeight(id: string, visit: (other: string, kind: LinkKindIndex, weight: number) => void) {
    const episode = this.episodes.get(id);
    if (!episode) return;
    const reach = (other: string | undefined, kind: LinkKindIndex, weight: number) => {
      if (other !== undefined && other !== id && weight > 0) visit(other, kind, weight);
    };
    const papers = strongestFirst([...episode.papers.keys()], (paperId) =>
      adamicAdar(this.citers.get(paperId)!.size),
    );
    for (const { key: paperId, weight } of papers) {
      for (const other of this.citers.get(paperId)!) reach(other, LINK_KIND.SHARED_PAPER, weight);
    }
    const source = episode.sourcePaperId;
    const references = strongestFirst(this.facts.get(source)?.references ?? [], (reference) =>
      adamicAdar(this.citedBy.get(reference)!.size),
    );
    for (const { key: reference, weight } of references) {
      for (const paper of this.citedBy.get(reference)!) {
        if (paper !== source)
          reach(this.episodeOfSource.get(paper), LINK_KIND.SHARED_REFERENCE, weight);
      }
    }
    const coCiting = strongestFirst([...(this.citedBy.get(source) ?? [])], (citer) =>
      adamicAdar(this.facts.get(citer)!.references.length),
    );
    for (const { key: citer, weight } of coCiting) {
      for (const paper of this.facts.get(citer)!.references) {
        if (paper !== source) reach(this.episodeOfSource.get(paper), LINK_KIND.CO_CITED, weight);
      }
    }
  }

  /** Whether the episode's source paper has topics (else no pair of it has a SHARED_TOPIC link). */
  hasTopics(id: string): boolean {
    const episode = this.episodes.get(id);
    return (this.facts.get(episode?.sourcePaperId ?? '')?.topics.length ?? 0) > 0;
  }

  /** The topics two episodes' source papers share, as links. */
  topicLinks(a: string, b: string): PaperLink[] {
    const x = this.episodes.get(a);
    const y = this.episodes.get(b);
    if (!x || !y) return [];
    const theirs = new Set(this.facts.get(y.sourcePaperId)?.topics ?? []);
    return (this.facts.get(x.sourcePaperId)?.topics ?? [])
      .filter((topic) => theirs.has(topic))
      .map((topic) => ({
        kind: 'SHARED_TOPIC' as const,
        via: topic,
        weight: adamicAdar(this.topicEpisodes.get(topic)?.size ?? 0),
        bothRecommend: false,
      }))
      .filter((link) => link.weight > 0);
  }

  /** Episodes whose paper links change when this episode's or this paper's links change. */
  linkedEpisodes(id: string): Set<string> {
    const linked = new Set<string>();
    this.eachLinkWeight(id, (other) => linked.add(other));
    return linked;
  }

  /** Episodes whose links run through this paper: its citers and its own episode's partners. */
  episodesAround(paperId: string): string[] {
    const around = new Set(this.citers.get(paperId) ?? []);
    const own = this.episodeOfSource.get(paperId);
    if (own) for (const other of this.linkedEpisodes(own)) around.add(other);
    return [...around];
  }

  /** The papers the episode cites, with how many episodes cite each. */
  citedPapers(id: string): { paperId: string; citers: number }[] {
    const episode = this.episodes.get(id);
    if (!episode) return [];
    return [...episode.papers.keys()].map((paperId) => ({
      paperId,
      citers: this.citers.get(paperId)?.size ?? 0,
    }));
  }
}
