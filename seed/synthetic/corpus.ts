// The synthetic podcast as structured episodes, shaped like the real feed: one source paper per
// episode, 1–6 recommended readings whose popularity is heavy-tailed (a few classics cited by
// thousands of episodes, most papers cited once), each paper written in one of its several
// identifier forms (arXiv abs/pdf/version/DOI, doi.org/dx.doi.org, www./trailing slash/fragment URLs).
import { type Random, seededRandom, zipfSampler } from './random.ts';
import { proseWriter } from './text.ts';

interface SyntheticReading {
  title: string;
  note: string;
  /** The identifier exactly as the feed writes it. */
  link: string;
}

interface SyntheticChapter {
  start: string;
  title: string;
  summary: string;
}

export interface SyntheticEpisode {
  index: number;
  title: string;
  sourceLink: string;
  /** YYYY-MM-DD */
  publishedAt: string;
  paperPublishedAt: string;
  durationMinutes: number;
  summary: string;
  takeaways: string[];
  chapters: SyntheticChapter[];
  readings: SyntheticReading[];
}

export interface CorpusShape {
  /** Share of readings drawn from the classics (Zipf over their ranks). */
  classicShare: number;
  /** Share of readings that cite an earlier episode's source paper. */
  earlierSourceShare: number;
  classics: number;
  /** Zipf exponent of the classics' popularity. */
  classicExponent: number;
  minReadings: number;
  maxReadings: number;
}

/** Tuned so 100k episodes give ~450k citations, ~400k papers and a top classic with ~4k citers. */
const FEED_SHAPE: CorpusShape = {
  classicShare: 0.1,
  earlierSourceShare: 0.03,
  classics: 5_000,
  classicExponent: 1,
  minReadings: 1,
  maxReadings: 6,
};

type PaperKind = 'arxiv' | 'doi' | 'url';

/** Paper number k → a stable identity; classics take the first numbers, then papers in first-use order. */
interface PaperIdentity {
  number: number;
  kind: PaperKind;
}

/** New-scheme arXiv months with five-digit numbers (1501 on), so every number maps to a valid id. */
const ARXIV_MONTHS = Array.from(
  { length: 144 },
  (_, i) => `${15 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`,
);
const DOI_PREFIXES = [
  '10.1038/s41586-',
  '10.1145/3600006.',
  '10.1109/tpami.',
  '10.1016/j.artint.',
  '10.1126/science.',
];
const URL_BASES = [
  'lilianweng.github.io/posts/',
  'openai.com/research/',
  'distill.pub/2024/',
  'blog.research.google/',
  'raw.githubusercontent.com/lab/papers/main/',
  'www.anthropic.com/research/',
];

function arxivId(number: number): string {
  return `${ARXIV_MONTHS[number % ARXIV_MONTHS.length]}.${String(Math.floor(number / ARXIV_MONTHS.length)).padStart(5, '0')}`;
}

/** One identifier form of the paper, drawn at every mention: the same paper is written many ways. */
function linkFor(paper: PaperIdentity, random: Random): string {
  const r = random.next();
  if (paper.kind === 'arxiv') {
    const id = arxivId(paper.number);
    if (r < 0.6) return `https://arxiv.org/abs/${id}`;
    if (r < 0.7) return `https://arxiv.org/abs/${id}v${random.int(1, 4)}`;
    if (r < 0.8) return `https://arxiv.org/pdf/${id}`;
    if (r < 0.85) return `https://arxiv.org/pdf/${id}v${random.int(1, 3)}.pdf`;
    if (r < 0.9) return `http://www.arxiv.org/abs/${id}`;
    if (r < 0.95) return `https://doi.org/10.48550/arXiv.${id}`;
    return `arXiv:${id}`;
  }
  if (paper.kind === 'doi') {
    const doi = `${DOI_PREFIXES[paper.number % DOI_PREFIXES.length]}${paper.number}`;
    if (r < 0.7) return `https://doi.org/${doi}`;
    if (r < 0.85) return `https://dx.doi.org/${doi.toUpperCase()}`;
    return `doi:${doi}`;
  }
  const path = `${URL_BASES[paper.number % URL_BASES.length]}note-${paper.number}`;
  if (r < 0.7) return `https://${path}`;
  if (r < 0.9) return `https://${path.startsWith('www.') ? path : `www.${path}`}/`;
  return `https://${path}#overview`;
}

function kindOf(random: Random, arxivShare: number, doiShare: number): PaperKind {
  const r = random.next();
  return r < arxivShare ? 'arxiv' : r < arxivShare + doiShare ? 'doi' : 'url';
}

/** A paper's title depends only on its number, so every mention of it carries the same title. */
function titleFor(paper: PaperIdentity, seed: number): string {
  const random = seededRandom(seed * 7919 + paper.number * 104_729 + 1);
  const prose = proseWriter(random);
  const main = prose.titleCase(4, 10);
  return random.chance(0.25) ? `${prose.name()}: ${main}` : main;
}

function isoDay(dayIndex: number): string {
  return new Date(Date.UTC(2019, 0, 1) + dayIndex * 86_400_000).toISOString().slice(0, 10);
}

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${String(m).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Episodes 0..count-1 in order. Deterministic in (count, seed): episode i is the same whatever part of
 * the feed it lands in, so the generator can stream parts without holding the whole feed.
 */
export function* syntheticEpisodes(
  count: number,
  seed: number,
  shape: CorpusShape = FEED_SHAPE,
): Generator<SyntheticEpisode> {
  const random = seededRandom(seed);
  const prose = proseWriter(random);
  const classicRank = zipfSampler(shape.classics, shape.classicExponent);
  const classics: PaperIdentity[] = Array.from({ length: shape.classics }, (_, number) => ({
    number,
    kind: kindOf(seededRandom(seed + number), 0.7, 0.2),
  }));
  const sources: PaperIdentity[] = [];
  let nextNumber = shape.classics;
  const fresh = (kind: PaperKind): PaperIdentity => ({ number: nextNumber++, kind });
  const days = Math.max(1, Math.min(count, 2_700));

  for (let index = 0; index < count; index += 1) {
    const source = fresh(kindOf(random, 0.85, 0.05));
    const readings: SyntheticReading[] = [];
    const cited = new Set<number>([source.number]);
    const wanted = random.int(shape.minReadings, shape.maxReadings);
    while (readings.length < wanted) {
      const r = random.next();
      let paper: PaperIdentity;
      if (r < shape.classicShare) paper = classics[classicRank(random)]!;
      else if (r < shape.classicShare + shape.earlierSourceShare && sources.length > 0)
        paper = random.pick(sources);
      else paper = fresh(kindOf(random, 0.8, 0.1));
      if (cited.has(paper.number)) continue;
      cited.add(paper.number);
      readings.push({
        title: titleFor(paper, seed),
        note: prose.sentence(20, 30),
        link: linkFor(paper, random),
      });
    }
    sources.push(source);

    const day = Math.floor((index * days) / count);
    const durationMinutes = random.int(15, 45);
    const chapterCount = random.int(8, 10);
    let at = random.int(30, 120);
    const chapters: SyntheticChapter[] = [];
    for (let c = 0; c < chapterCount; c += 1) {
      chapters.push({
        start: clock(at),
        title: prose.heading(4, 8),
        summary: prose.sentence(18, 28),
      });
      at += random.int(
        40,
        Math.max(41, Math.floor((durationMinutes * 60 - at) / (chapterCount - c))),
      );
    }
    yield {
      index,
      title: prose.heading(7, 12),
      sourceLink: linkFor(source, random),
      publishedAt: isoDay(day),
      paperPublishedAt: isoDay(Math.max(0, day - random.int(0, 30))),
      durationMinutes,
      summary: [
        prose.sentence(14, 22),
        prose.sentence(14, 22),
        prose.sentence(14, 22),
        prose.sentence(10, 18),
      ].join(' '),
      takeaways: Array.from({ length: 6 }, () => prose.sentence(18, 28).slice(0, -1)),
      chapters,
      readings,
    };
  }
}
