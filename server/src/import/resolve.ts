// Parsed episodes → one import batch: each paper once under its canonical key, remembering every
// spelling it was seen under; each episode keyed by its source paper.
import { episodeIdFor } from '../domain/episodeId.ts';
import {
  type EpisodeRecord,
  type ImportBatch,
  type PaperRecord,
  pickEpisodeText,
  type Recommendation,
  type ShowRecord,
} from '../domain/model.ts';
import type { PaperKey } from '../ids/paperId.ts';
import { feedFieldsOfRecord } from './episodeFeedFields.ts';
import type { ParsedEpisode } from './episodeText.ts';
import { episodeLabel, type ImportIssue } from './errors.ts';

/** The model caps aliases per paper; beyond that the first-seen forms are kept. */
const MAX_ALIASES = 200;

export interface Resolution {
  batch: ImportBatch;
  issues: ImportIssue[];
  /** `episodeLabels[i]` names `batch.episodes[i]` in messages. */
  episodeLabels: string[];
}

class PaperRegistry {
  private readonly papers = new Map<string, PaperRecord>();
  /** Per paper, how many readings name it by each title (Map order = first seen). */
  private readonly titleVotes = new Map<string, Map<string, number>>();

  see(key: PaperKey, alias: string, title: string | null): void {
    if (title !== null) {
      const votes = this.titleVotes.get(key.id) ?? new Map<string, number>();
      votes.set(title, (votes.get(title) ?? 0) + 1);
      this.titleVotes.set(key.id, votes);
    }
    const known = this.papers.get(key.id);
    if (!known) {
      this.papers.set(key.id, {
        id: key.id,
        title: null,
        url: key.url,
        arxivId: key.arxivId,
        doi: key.doi,
        aliases: [alias],
      });
      return;
    }
    if (!known.aliases.includes(alias) && known.aliases.length < MAX_ALIASES)
      known.aliases.push(alias);
  }

  /** A paper's title is the one most of the batch's readings use (ties: the first seen), not merely the first. */
  list(): PaperRecord[] {
    return [...this.papers.values()].map((paper) => ({
      ...paper,
      title: mostNamed(this.titleVotes.get(paper.id)),
    }));
  }
}

function mostNamed(votes: ReadonlyMap<string, number> | undefined): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [title, count] of votes ?? []) {
    if (count > bestCount) {
      best = title;
      bestCount = count;
    }
  }
  return best;
}

/**
 * An episode without a source paper is told by its guid, else its audio, else its title and date:
 * what a feed keeps across edits of its notes. Prefixed so no paper key hashes to the same id.
 */
function identityOfSourceless(episode: ParsedEpisode): string {
  const { guid, audio } = episode.feedFields;
  if (guid !== null) return `episode:guid:${guid}`;
  if (audio !== null) return `episode:audio:${audio.url}`;
  return `episode:title:${episode.title}|${episode.publishedAt ?? ''}`;
}

/** The second a citation is first discussed, as a field only when the transcript says it. */
function discussedAtOf(episode: ParsedEpisode, paperId: string): { discussedAt?: number } {
  const seconds = episode.discussedAt?.get(paperId);
  return seconds === undefined ? {} : { discussedAt: seconds };
}

/**
 * Builds the batch. Within one episode a paper is cited at most once (first mention and its note
 * win), and a reading of the episode's own source paper adds no RECOMMENDED citation — the SOURCE
 * citation already links them — though its title and alias still count for the paper. Mentions take
 * no title: the text a show links a paper under is rarely its title. Two episodes with the same
 * source paper are reported as an issue (one episode per paper); an episode without a source that
 * repeats an earlier one's identity (a feed listing an item twice) is left out. Every episode belongs
 * to `show` when one is given.
 */
export function resolveEpisodes(
  parsed: readonly ParsedEpisode[],
  show: ShowRecord | null = null,
): Resolution {
  const registry = new PaperRegistry();
  const issues: ImportIssue[] = [];
  const episodes: EpisodeRecord[] = [];
  const episodeLabels: string[] = [];
  const firstBySource = new Map<string, ParsedEpisode>();
  const sourcelessIds = new Set<string>();

  for (const episode of parsed) {
    const sourceId = episode.source?.key.id ?? null;
    const label = episodeLabel(episode.position, episode.title);
    if (sourceId !== null) {
      const earlier = firstBySource.get(sourceId);
      if (earlier) {
        issues.push({
          episode: label,
          field: 'source',
          message: `same source paper ${sourceId} as episode ${episodeLabel(earlier.position, earlier.title)}; a feed has one episode per paper`,
        });
        continue;
      }
      firstBySource.set(sourceId, episode);
    }
    const id = episodeIdFor(sourceId ?? identityOfSourceless(episode));
    if (sourceId === null) {
      if (sourcelessIds.has(id)) continue;
      sourcelessIds.add(id);
    }

    if (episode.source !== null) registry.see(episode.source.key, episode.source.ref, null);
    const cited = new Set<string>(sourceId === null ? [] : [sourceId]);
    // A mention takes no title: the words a show links a paper under are rarely its title.
    const citationsOf = (
      papers: readonly { key: PaperKey; ref: string; note: string | null; title?: string | null }[],
    ): Recommendation[] => {
      const kept: Recommendation[] = [];
      for (const paper of papers) {
        registry.see(paper.key, paper.ref, paper.title ?? null);
        if (cited.has(paper.key.id)) continue;
        cited.add(paper.key.id);
        kept.push({
          paperId: paper.key.id,
          note: paper.note,
          ...discussedAtOf(episode, paper.key.id),
        });
      }
      return kept;
    };
    const recommendations = citationsOf(episode.readings);
    const mentions = citationsOf(episode.mentions);

    episodes.push({
      id,
      ...pickEpisodeText(episode),
      chapters: episode.chapters,
      sourcePaperId: sourceId,
      recommendations,
      ...(mentions.length === 0 ? {} : { mentions }),
      ...(episode.unlinkedReadings.length === 0
        ? {}
        : { unlinkedReadings: episode.unlinkedReadings }),
      ...feedFieldsOfRecord(episode.feedFields),
      ...(episode.people === undefined ? {} : { people: episode.people }),
      ...(show === null ? {} : { showId: show.id }),
      ...(episode.transcript === undefined ? {} : { transcript: episode.transcript }),
      ...(episode.chaptersUnknown === true ? { chaptersUnknown: true as const } : {}),
    });
    episodeLabels.push(label);
  }

  const batch: ImportBatch = { episodes, papers: registry.list() };
  if (show !== null) batch.shows = [show];
  return { batch, issues, episodeLabels };
}
