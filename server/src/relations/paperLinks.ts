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

/**
 * Above this degree a paper is a hub (a paper more episodes cite, a reference more papers cite, a
 * paper listing more references): its links still weigh in a pair that something else makes a
 * candidate, but it makes no candidates itself, so an episode's candidates stay bounded however
 * large the corpus (docs/relations.md, "Hub papers"). Above it, the pairs a hub alone makes tie
 * in score and outnumber the relations an episode keeps.
 */
export const HUB_DEGREE = 100;

/** The paper link kinds by position, as eachLinkWeight reports them. */
const LINK_KIND = { SHARED_PAPER: 0, SHARED_REFERENCE: 1, CO_CITED: 2 } as const;
type LinkKindIndex = (typeof LINK_KIND)[keyof typeof LINK_KIND];
type LinkVisit = (other: string, kind: LinkKindIndex, weight: number) => void;

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
   * included): from the few others' papers, never from every citer of the episode's papers.
   */
  linksOf(id: string, others: ReadonlySet<string>): Map<string, PaperLink[]> {
    const episode = this.episodes.get(id);
    const links = new Map<string, PaperLink[]>();
    if (!episode) return links;
    const add = (other: string, link: PaperLink) => {
      if (other === id || !(link.weight > 0)) return;
      const list = links.get(other);
      if (list) list.push(link);
      else links.set(other, [link]);
    };
    const source = episode.sourcePaperId;
    const references = this.facts.get(source)?.references ?? [];
    const citingSource = this.citedBy.get(source);
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
      const theirSource = this.linkedSource(other, source);
      if (theirSource === undefined) continue;
      for (const reference of references) {
        const citing = this.citedBy.get(reference)!;
        if (!citing.has(theirSource)) continue;
        const weight = adamicAdar(citing.size);
        add(other, { kind: 'SHARED_REFERENCE', via: reference, weight, bothRecommend: false });
      }
      const citingTheirs = this.citedBy.get(theirSource);
      if (!citingSource || !citingTheirs) continue;
      const [fewer, more] =
        citingSource.size <= citingTheirs.size
          ? [citingSource, citingTheirs]
          : [citingTheirs, citingSource];
      for (const citer of fewer) {
        if (!more.has(citer)) continue;
        const weight = adamicAdar(this.facts.get(citer)!.references.length);
        add(other, { kind: 'CO_CITED', via: citer, weight, bothRecommend: false });
      }
    }
    return links;
  }

  /**
   * The other episode's source paper, when reference links (SHARED_REFERENCE, CO_CITED) from an
   * episode with source `source` reach it through that paper: it has one, not `source`, and is
   * that paper's episode.
   */
  private linkedSource(other: string, source: string): string | undefined {
    const theirSource = this.episodes.get(other)?.sourcePaperId;
    if (!theirSource || theirSource === source) return undefined;
    return this.episodeOfSource.get(theirSource) === other ? theirSource : undefined;
  }

  /**
   * Visits every paper link of the episode to another one as (other, kind, weight), each kind's
   * links strongest first (ties in any order): summing a pair's weights as visited adds them in the
   * order a reason does (relatedness.ts sums its links strongest first), so the sums are the same to
   * the bit. No link objects are made.
   */
  eachLinkWeight(id: string, visit: LinkVisit): void {
    this.walkLinks(id, visit, Number.POSITIVE_INFINITY);
  }

  /**
   * The links eachLinkWeight visits, but those through hubs (above HUB_DEGREE): the pairs that make
   * an episode's candidates. Then eachHubLinkWeight adds the hubs' links to the candidates.
   */
  eachCandidateLinkWeight(id: string, visit: LinkVisit): void {
    this.walkLinks(id, visit, HUB_DEGREE);
  }

  /**
   * Visits the links through the episode's hubs to each of `candidates`, as (position in
   * `candidates`, kind, weight), each kind's hubs strongest first. A hub weighs less than every
   * paper of its kind that is not one (the weight falls as the degree rises past the cap), so
   * eachCandidateLinkWeight then this adds a pair's weights in an order eachLinkWeight may: the
   * same sums to the bit. The work is the candidates times the hubs, whatever the hubs' degrees.
   */
  eachHubLinkWeight(
    id: string,
    candidates: readonly string[],
    visit: (at: number, kind: LinkKindIndex, weight: number) => void,
  ): void {
    const episode = this.episodes.get(id);
    if (!episode) return;
    const reachedIf = (kind: LinkKindIndex, weight: number, links: (other: string) => boolean) => {
      if (!(weight > 0)) return;
      for (let at = 0; at < candidates.length; at += 1) {
        const other = candidates[at]!;
        if (other !== id && links(other)) visit(at, kind, weight);
      }
    };
    const hubs = this.linkKeys(episode, (degree) => degree > HUB_DEGREE);
    for (const { key: paperId, weight } of hubs.papers) {
      reachedIf(LINK_KIND.SHARED_PAPER, weight, (other) =>
        this.episodes.get(other)!.papers.has(paperId),
      );
    }
    const source = episode.sourcePaperId;
    for (const { key: reference, weight } of hubs.references) {
      reachedIf(LINK_KIND.SHARED_REFERENCE, weight, (other) => {
        const theirSource = this.linkedSource(other, source);
        return theirSource !== undefined && this.citedBy.get(reference)!.has(theirSource);
      });
    }
    for (const { key: citer, weight } of hubs.coCiters) {
      reachedIf(LINK_KIND.CO_CITED, weight, (other) => {
        const theirSource = this.linkedSource(other, source);
        return theirSource !== undefined && (this.citedBy.get(theirSource)?.has(citer) ?? false);
      });
    }
  }

  /** eachLinkWeight over the papers, references and citers of at most `maxDegree`. */
  private walkLinks(id: string, visit: LinkVisit, maxDegree: number): void {
    const episode = this.episodes.get(id);
    if (!episode) return;
    const reach = (other: string | undefined, kind: LinkKindIndex, weight: number) => {
      if (other !== undefined && other !== id && weight > 0) visit(other, kind, weight);
    };
    const kept = this.linkKeys(episode, (degree) => degree <= maxDegree);
    for (const { key: paperId, weight } of kept.papers) {
      for (const other of this.citers.get(paperId)!) reach(other, LINK_KIND.SHARED_PAPER, weight);
    }
    const source = episode.sourcePaperId;
    for (const { key: reference, weight } of kept.references) {
      for (const paper of this.citedBy.get(reference)!) {
        if (paper !== source)
          reach(this.episodeOfSource.get(paper), LINK_KIND.SHARED_REFERENCE, weight);
      }
    }
    for (const { key: citer, weight } of kept.coCiters) {
      for (const paper of this.facts.get(citer)!.references) {
        if (paper !== source) reach(this.episodeOfSource.get(paper), LINK_KIND.CO_CITED, weight);
      }
    }
  }

  /**
   * What links the episode to others, each kind strongest first, kept by its degree: its papers
   * (by their citers), its source's references (by the papers citing them) and the papers citing
   * its source (by the references they list). One rule for the candidates' walk and the hubs'.
   */
  private linkKeys(episode: CitingEpisode, keep: (degree: number) => boolean) {
    const byDegree = <K>(keys: readonly K[], degree: (key: K) => number) =>
      strongestFirst(
        keys.filter((key) => keep(degree(key))),
        (key) => adamicAdar(degree(key)),
      );
    const source = episode.sourcePaperId;
    return {
      papers: byDegree([...episode.papers.keys()], (paperId) => this.citers.get(paperId)!.size),
      references: byDegree(
        this.facts.get(source)?.references ?? [],
        (reference) => this.citedBy.get(reference)!.size,
      ),
      coCiters: byDegree(
        [...(this.citedBy.get(source) ?? [])],
        (citer) => this.facts.get(citer)!.references.length,
      ),
    };
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
