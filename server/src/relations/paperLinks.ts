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

  setEpisode(episode: EpisodeRecord): void {
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

  /** Every paper link of the episode to another one, by other episode (topics not included). */
  linksOf(id: string): Map<string, PaperLink[]> {
    const episode = this.episodes.get(id);
    const links = new Map<string, PaperLink[]>();
    if (!episode) return links;
    const add = (other: string | undefined, link: PaperLink) => {
      if (other === undefined || other === id || !(link.weight > 0)) return;
      const list = links.get(other);
      if (list) list.push(link);
      else links.set(other, [link]);
    };
    for (const [paperId, kind] of episode.papers) {
      const citers = this.citers.get(paperId)!;
      const weight = adamicAdar(citers.size);
      for (const other of citers) {
        const bothRecommend =
          kind === 'RECOMMENDED' && this.episodes.get(other)?.papers.get(paperId) === 'RECOMMENDED';
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
  linkedEpisodes(id: string): string[] {
    return [...this.linksOf(id).keys()];
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
