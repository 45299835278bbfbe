// The validated shape every store accepts: one import batch of episodes and the papers they cite.
// Readers and parsers produce it; stores never see unvalidated data.
import { z } from 'zod';

import { MAX_DOI_LENGTH } from '../ids/doi.ts';
import { MAX_REF_LENGTH } from '../ids/paperId.ts';
import { MAX_URL_LENGTH } from '../ids/webUrl.ts';
import { MAX_AUDIO_SECONDS } from './audio.ts';
import { EPISODE_ID_PATTERN } from './episodeId.ts';
import { feedUrlSchema } from './feed.ts';
import { MAX_PEOPLE_PER_EPISODE, PERSON_ID_PATTERN } from './person.ts';
import { SHOW_ID_PATTERN } from './show.ts';
import { transcriptSchema } from './transcript.ts';

/**
 * SOURCE: the paper an episode is about; RECOMMENDED: a reading it recommends; MENTIONS: a paper its
 * show notes link to (any podcast), the note being the sentence around the link.
 */
export const CITATION_KINDS = ['SOURCE', 'RECOMMENDED', 'MENTIONS'] as const;
export type CitationKind = (typeof CITATION_KINDS)[number];

/** Calendar date as YYYY-MM-DD; feeds give many formats, the parser normalises them to this. */
export const isoDateSchema = z.iso.date();

/** Only web links: javascript:, data: and friends never reach the store. */
export const webUrlSchema = z
  .url({ protocol: /^https?$/, hostname: z.regexes.domain })
  .max(MAX_URL_LENGTH);

const paperRecordSchema = z.object({
  /** Canonical key, e.g. `arxiv:2305.18290`, `doi:10.1038/nature16961`, `url:https://example.org/x`. */
  id: z.string().min(3).max(MAX_REF_LENGTH),
  title: z.string().min(1).max(1000).nullable(),
  /** The external link a person should follow. */
  url: webUrlSchema,
  arxivId: z.string().min(1).max(64).nullable(),
  doi: z.string().min(1).max(MAX_DOI_LENGTH).nullable(),
  /** Every raw identifier form the paper was seen under, deduplicated, in first-seen order. */
  aliases: z.array(z.string().min(1).max(MAX_REF_LENGTH)).min(1).max(200),
});
export type PaperRecord = z.infer<typeof paperRecordSchema>;

/** Chapters an episode keeps. */
export const MAX_CHAPTERS = 200;

export const chapterSchema = z.object({
  /** As printed, e.g. `01:30` or `1:02:03`. */
  start: z.string().regex(/^\d{1,2}(:\d{2}){1,2}$/),
  startSeconds: z.number().int().nonnegative(),
  title: z.string().min(1).max(1000),
  summary: z.string().min(1).max(10_000).nullable(),
  /** The link a podcast:chapters chapter gives; absent for chapters read from the description. */
  url: webUrlSchema.optional(),
});
export type Chapter = z.infer<typeof chapterSchema>;

const recommendationSchema = z.object({
  paperId: z.string().min(3).max(MAX_REF_LENGTH),
  note: z.string().min(1).max(10_000).nullable(),
  /**
   * The second of the audio at which the episode's transcript first discusses the paper; absent when
   * there is no transcript or it never does.
   */
  discussedAt: z.number().int().nonnegative().max(MAX_AUDIO_SECONDS).optional(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

/** The episode's audio as the feed's `<enclosure>` gives it. */
export const audioSchema = z.object({
  url: webUrlSchema,
  /** MIME type, e.g. `audio/mpeg`; null when the feed leaves it out. */
  type: z.string().min(1).max(255).nullable(),
  /** Declared length in bytes; null when absent or 0 (feeds use 0 for "unknown"). */
  bytes: z.number().int().positive().nullable(),
});
export type Audio = z.infer<typeof audioSchema>;

/** A recommended reading the episode names without a link: kept as text, it is no paper node. */
export const unlinkedReadingSchema = z.object({
  title: z.string().min(1).max(1000),
  note: z.string().min(1).max(10_000).nullable(),
});
export type UnlinkedReading = z.infer<typeof unlinkedReadingSchema>;

/** A person as an episode names them (`podcast:person`), as the feed wrote it (domain/person.ts). */
export const episodePersonSchema = z.object({
  personId: z.string().regex(PERSON_ID_PATTERN),
  name: z.string().min(1).max(500),
  /** Podcasting 2.0 taxonomy, lower-case (host, guest, …). */
  role: z.string().min(1).max(100),
  /** Podcasting 2.0 taxonomy, lower-case (cast, writing, …). */
  group: z.string().min(1).max(100),
  href: webUrlSchema.nullable(),
  imageUrl: webUrlSchema.nullable(),
});
export type EpisodePerson = z.infer<typeof episodePersonSchema>;

const showRecordSchema = z.object({
  /** `show_` + a hash of the show's feed URL, else its site, else its title (domain/show.ts). */
  id: z.string().regex(SHOW_ID_PATTERN),
  title: z.string().min(1).max(500),
  /** The show's own web site (RSS channel `<link>`). */
  link: webUrlSchema.nullable(),
  imageUrl: webUrlSchema.nullable(),
  author: z.string().min(1).max(500).nullable(),
  /** Where the feed was fetched from, else where the channel says it lives (loopback allowed, as for a subscription). */
  feedUrl: feedUrlSchema.nullable(),
});
/** The podcast an episode belongs to: one per feed. */
export type ShowRecord = z.infer<typeof showRecordSchema>;

const episodeRecordSchema = z.object({
  /** Stable id derived from the source paper (see `episodeIdFor`), so links survive re-imports. */
  id: z.string().regex(EPISODE_ID_PATTERN),
  title: z.string().min(1).max(500),
  publishedAt: isoDateSchema.nullable(),
  paperPublishedAt: isoDateSchema.nullable(),
  durationMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .nullable(),
  summary: z.string().min(1).max(50_000).nullable(),
  takeaways: z.array(z.string().min(1).max(5_000)).max(100),
  chapters: z.array(chapterSchema).max(MAX_CHAPTERS),
  /** Null for an episode that is about no one paper (any podcast but the "AI Papers" format). */
  sourcePaperId: z.string().min(3).max(MAX_REF_LENGTH).nullable(),
  recommendations: z.array(recommendationSchema).max(200),
  /** Papers the show notes link to, each with the sentence around its link; absent means none. */
  mentions: z.array(recommendationSchema).max(200).optional(),
  // What a feed item says about the episode itself. Optional so records written before they existed
  // (and formats without them) stay valid; absent and null mean the same: the feed did not say.
  /** RSS `<guid>`: identifies the episode across title and text edits (see import/guidIdentity.ts). */
  guid: z.string().min(1).max(2048).nullable().optional(),
  /** The episode's own page (RSS `<link>`). */
  url: webUrlSchema.nullable().optional(),
  audio: audioSchema.nullable().optional(),
  /** `<itunes:image href>`. */
  imageUrl: webUrlSchema.nullable().optional(),
  unlinkedReadings: z.array(unlinkedReadingSchema).max(200).optional(),
  /** Who the episode names (hosts, guests), each person once, in feed order; absent means none. */
  people: z.array(episodePersonSchema).max(MAX_PEOPLE_PER_EPISODE).optional(),
  /**
   * The show the episode came from (one of the batch's `shows`). Not part of the episode's content: an
   * episode keeps the show it was first stored with, and a re-import changes neither.
   */
  showId: z.string().regex(SHOW_ID_PATTERN).nullable().optional(),
  /**
   * The episode's transcript as its cues (domain/transcript.ts); null: the feed gives none; absent:
   * not known (a file import, a fetch that failed), so a store keeps the one it holds.
   */
  transcript: transcriptSchema.nullable().optional(),
  /**
   * Set when the feed names a podcast:chapters file that could not be fetched or read: a store keeps
   * the chapters it holds (and the mentions it holds beyond this record's), `chapters` being the
   * description's for an episode it does not hold. Stores never return it.
   */
  chaptersUnknown: z.literal(true).optional(),
});
export type EpisodeRecord = z.infer<typeof episodeRecordSchema>;

/** What an episode's own text says: the fields the parser reads and every store keeps as they are. */
export type EpisodeText = Pick<
  EpisodeRecord,
  'title' | 'publishedAt' | 'paperPublishedAt' | 'durationMinutes' | 'summary' | 'takeaways'
>;

/** Those fields alone, out of a parsed episode or a record. */
export function pickEpisodeText(episode: EpisodeText): EpisodeText {
  const { title, publishedAt, paperPublishedAt, durationMinutes, summary, takeaways } = episode;
  return { title, publishedAt, paperPublishedAt, durationMinutes, summary, takeaways };
}

/** An issue at every record whose id an earlier record of the list has; the list's ids. */
const RECORD_NAMES = { episodes: 'episode', papers: 'paper', shows: 'show' } as const;

function flagRepeatedIds(
  records: readonly { id: string }[],
  list: keyof typeof RECORD_NAMES,
  ctx: z.RefinementCtx,
): Set<string> {
  const ids = new Set<string>();
  records.forEach((record, i) => {
    if (ids.has(record.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [list, i, 'id'],
        message: `duplicate ${RECORD_NAMES[list]} id ${record.id}`,
      });
    }
    ids.add(record.id);
  });
  return ids;
}

/** Every paper an episode cites, in citation order: its source, recommendations, then mentions. */
export function citedPaperIds(episode: {
  sourcePaperId: string | null;
  recommendations: readonly { paperId: string }[];
  mentions?: readonly { paperId: string }[] | undefined;
}): string[] {
  return [
    ...(episode.sourcePaperId === null ? [] : [episode.sourcePaperId]),
    ...episode.recommendations.map((r) => r.paperId),
    ...(episode.mentions ?? []).map((m) => m.paperId),
  ];
}

/**
 * An episode's citations as the stores list them: the source at position 0 (when it has one), then
 * its recommendations from 1, then its mentions after them.
 */
export function citationsOfEpisode(episode: EpisodeRecord): Citation[] {
  const citations: Citation[] = [];
  if (episode.sourcePaperId !== null)
    citations.push({
      episodeId: episode.id,
      paperId: episode.sourcePaperId,
      kind: 'SOURCE',
      note: null,
      position: 0,
    });
  let position = 1;
  for (const r of episode.recommendations)
    citations.push({
      episodeId: episode.id,
      paperId: r.paperId,
      kind: 'RECOMMENDED',
      note: r.note,
      position: position++,
      ...(r.discussedAt === undefined ? {} : { discussedAt: r.discussedAt }),
    });
  for (const m of episode.mentions ?? [])
    citations.push({
      episodeId: episode.id,
      paperId: m.paperId,
      kind: 'MENTIONS',
      note: m.note,
      position: position++,
      ...(m.discussedAt === undefined ? {} : { discussedAt: m.discussedAt }),
    });
  return citations;
}

export const importBatchSchema = z
  .object({
    episodes: z.array(episodeRecordSchema),
    papers: z.array(paperRecordSchema),
    /**
     * The shows the batch's episodes belong to; absent in batches from before shows, whose episodes'
     * showIds are then dropped (validateImportBatch).
     */
    shows: z.array(showRecordSchema).max(1000).optional(),
  })
  .superRefine((batch, ctx) => {
    const paperIds = flagRepeatedIds(batch.papers, 'papers', ctx);
    flagRepeatedIds(batch.episodes, 'episodes', ctx);
    const showIds = flagRepeatedIds(batch.shows ?? [], 'shows', ctx);
    batch.episodes.forEach((episode, i) => {
      // Without `shows` (a batch from before them, or rebuilt by hand) showIds name nothing: the stores drop them.
      if (batch.shows !== undefined && episode.showId != null && !showIds.has(episode.showId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['episodes', i, 'showId'],
          message: `belongs to show ${episode.showId} missing from the batch`,
        });
      }
      citedPaperIds(episode).forEach((paperId) => {
        if (!paperIds.has(paperId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['episodes', i],
            message: `cites paper ${paperId} missing from the batch`,
          });
        }
      });
    });
  });
export type ImportBatch = z.infer<typeof importBatchSchema>;

declare const validatedBatchBrand: unique symbol;
/**
 * An ImportBatch that passed importBatchSchema and the stores' own checks, deep-frozen so it cannot
 * change afterwards. Only store/shared/validateBatch.ts makes one; stores skip re-validating it.
 */
export type ValidatedBatch = ImportBatch & { readonly [validatedBatchBrand]: true };

/** What an import did, by episode id. Re-importing the same feed yields only `unchanged`. */
export interface ImportResult {
  added: string[];
  updated: string[];
  unchanged: string[];
}

export interface Citation {
  episodeId: string;
  paperId: string;
  kind: CitationKind;
  note: string | null;
  /** 0 for the source, 1.. for recommendations in the order the episode lists them, then mentions. */
  position: number;
  /** The second of the audio its transcript first discusses the paper at; absent when unknown. */
  discussedAt?: number;
}

export type PaperView = PaperRecord & { citationCount: number };

export type NodeKind = 'EPISODE' | 'PAPER';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Papers: how many episodes cite them. Episodes: how many papers they cite. */
  weight: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  kind: CitationKind;
}

export interface GraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface SearchHit {
  kind: NodeKind;
  id: string;
  score: number;
}

export interface Stats {
  episodes: number;
  papers: number;
  citations: number;
}
