// Rows shaped like what Neo4j returns for the registry statements, for a tiny graph: two episodes
// sharing one paper. Built from domain records so the mapping back can be compared with the input.
import type { EpisodeRecord, PaperRecord } from '../../server/src/domain/model.ts';
import type { Row } from '../../server/src/store/neo4j/driver.ts';
import type { CannedAnswers } from './fakeDriver.ts';

export const paperA: PaperRecord = {
  id: 'arxiv:2305.18290',
  title: 'Direct Preference Optimization',
  url: 'https://arxiv.org/abs/2305.18290',
  arxivId: '2305.18290',
  doi: null,
  aliases: ['https://arxiv.org/abs/2305.18290', 'https://arxiv.org/pdf/2305.18290v2'],
};
export const paperB: PaperRecord = {
  id: 'arxiv:2203.02155',
  title: null,
  url: 'https://arxiv.org/abs/2203.02155',
  arxivId: '2203.02155',
  doi: null,
  aliases: ['https://arxiv.org/abs/2203.02155'],
};
export const paperC: PaperRecord = {
  id: 'arxiv:1707.06347',
  title: 'Proximal Policy Optimization Algorithms',
  url: 'https://arxiv.org/abs/1707.06347',
  arxivId: '1707.06347',
  doi: null,
  aliases: ['https://arxiv.org/abs/1707.06347'],
};

export const episodeOne: EpisodeRecord = {
  id: 'ep_aaaaaaaaaaaa',
  title: 'DPO, explained',
  publishedAt: '2026-05-02',
  paperPublishedAt: '2023-05-29',
  durationMinutes: 14,
  summary: 'Preference optimisation without a reward model.',
  takeaways: ['No reward model needed.'],
  chapters: [{ start: '00:00', startSeconds: 0, title: 'Intro', summary: null }],
  sourcePaperId: paperA.id,
  recommendations: [
    { paperId: paperB.id, note: 'Where RLHF started.' },
    { paperId: paperC.id, note: null },
  ],
};

export const episodeTwo: EpisodeRecord = {
  id: 'ep_bbbbbbbbbbbb',
  title: 'InstructGPT',
  publishedAt: null,
  paperPublishedAt: null,
  durationMinutes: null,
  summary: null,
  takeaways: [],
  chapters: [],
  sourcePaperId: paperB.id,
  recommendations: [{ paperId: paperC.id, note: 'The optimiser.' }],
};

function episodeProjection(episode: EpisodeRecord): Row {
  return {
    id: episode.id,
    title: episode.title,
    publishedAt: episode.publishedAt,
    paperPublishedAt: episode.paperPublishedAt,
    durationMinutes: episode.durationMinutes,
    summary: episode.summary,
    takeaways: episode.takeaways,
    chaptersJson: JSON.stringify(episode.chapters),
    sourcePaperId: episode.sourcePaperId,
  };
}

/** Citations as the pattern comprehension gives them: in no particular order. */
function citationProjection(episode: EpisodeRecord): Row[] {
  const listed = [
    { paperId: episode.sourcePaperId, kind: 'SOURCE', note: null, position: 0 },
    ...episode.recommendations.map((r, i) => ({
      paperId: r.paperId,
      kind: 'RECOMMENDED',
      note: r.note,
      position: i + 1,
    })),
  ];
  return listed.reverse();
}

function paperProjection(paper: PaperRecord, citationCount: number): Row {
  return { ...paper, citationCount };
}

const citationCounts = new Map([
  [paperA.id, 1],
  [paperB.id, 2],
  [paperC.id, 2],
]);

/** Canned answers for every read statement over the sample graph. */
export function sampleAnswers(): CannedAnswers {
  const episodes = [episodeOne, episodeTwo];
  const papers = [paperA, paperB, paperC];
  return {
    episodesByIds: ({ ids }) =>
      episodes
        .filter((e) => ids.includes(e.id))
        .map((e) => ({ episode: { ...episodeProjection(e), citations: citationProjection(e) } })),
    episodeSummariesByIds: ({ ids }) =>
      episodes
        .filter((e) => ids.includes(e.id))
        .map((e) => ({
          episode: {
            id: e.id,
            title: e.title,
            publishedAt: e.publishedAt,
            sourcePaperId: e.sourcePaperId,
          },
        })),
    papersByIds: ({ ids }) =>
      papers
        .filter((p) => ids.includes(p.id))
        .map((p) => ({ paper: paperProjection(p, citationCounts.get(p.id)!) })),
    resolvePaperKeys: ({ keys }) =>
      keys.map((key) => ({
        key,
        paperId: papers.find((p) => p.id === key || p.aliases.includes(key))?.id ?? null,
      })),
    citationsByPaperIds: ({ paperIds }) =>
      paperIds.includes(paperC.id)
        ? [
            {
              paperId: paperC.id,
              episodeId: episodeOne.id,
              kind: 'RECOMMENDED',
              note: null,
              position: 2,
            },
            {
              paperId: paperC.id,
              episodeId: episodeTwo.id,
              kind: 'RECOMMENDED',
              note: 'The optimiser.',
              position: 1,
            },
          ]
        : [],
    paperCitedBy: ({ keys }) =>
      keys.some((key) => key === paperC.id || paperC.aliases.includes(key))
        ? [
            {
              paper: paperProjection(paperC, citationCounts.get(paperC.id)!),
              citations: [episodeOne, episodeTwo].map((e) => [
                'RECOMMENDED',
                null,
                1,
                null,
                e.id,
                e.title,
                e.publishedAt,
                e.sourcePaperId,
              ]),
            },
          ]
        : [],
    listEpisodes: [
      {
        totalCount: 2,
        items: episodes.map((e) => ({ ...episodeProjection(e), citations: citationProjection(e) })),
      },
    ],
    listEpisodesSearch: [
      {
        totalCount: 1,
        items: [{ ...episodeProjection(episodeOne), citations: citationProjection(episodeOne) }],
      },
    ],
    listPapers: [
      { totalCount: 3, items: papers.map((p) => paperProjection(p, citationCounts.get(p.id)!)) },
    ],
    listPapersSearch: [{ totalCount: 1, items: [paperProjection(paperC, 2)] }],
    search: [
      { kind: 'EPISODE', id: episodeOne.id, score: 2.5 },
      { kind: 'PAPER', id: paperC.id, score: 1.25 },
    ],
    relationsOfEpisodes: [
      {
        episodeId: episodeOne.id,
        relatedId: episodeTwo.id,
        score: 2 / Math.log(2),
        reasons: JSON.stringify([
          {
            kind: 'SHARED_PAPER',
            weight: 2 / Math.log(2),
            label: 'both cite two papers',
            paperIds: [paperB.id, paperC.id],
            terms: [],
          },
        ]),
      },
    ],
    graphNeighbourhood: [
      {
        id: episodeOne.id,
        kind: 'EPISODE',
        title: episodeOne.title,
        weight: 3,
        citations: citationProjection(episodeOne),
      },
      { id: paperB.id, kind: 'PAPER', title: null, weight: 2, citations: [] },
      { id: paperC.id, kind: 'PAPER', title: paperC.title, weight: 2, citations: [] },
    ],
    graphOverview: [
      {
        id: episodeOne.id,
        kind: 'EPISODE',
        title: episodeOne.title,
        weight: 3,
        citations: citationProjection(episodeOne),
      },
      { id: paperB.id, kind: 'PAPER', title: null, weight: 2, citations: [] },
    ],
    path: [
      {
        nodes: [
          { id: episodeOne.id, kind: 'EPISODE', title: episodeOne.title, weight: 3 },
          { id: paperC.id, kind: 'PAPER', title: paperC.title, weight: 2 },
          { id: episodeTwo.id, kind: 'EPISODE', title: episodeTwo.title, weight: 2 },
        ],
        edges: [
          { source: episodeOne.id, target: paperC.id, kind: 'RECOMMENDED' },
          { source: episodeTwo.id, target: paperC.id, kind: 'RECOMMENDED' },
        ],
      },
    ],
    stats: [{ episodes: 2, papers: 3, citations: 5 }],
    exportEpisodes: episodes.map((e) => ({
      episode: { ...episodeProjection(e), citations: citationProjection(e) },
      passages: [],
      people: [],
    })),
    exportPapers: papers.map((p) => ({ paper: paperProjection(p, citationCounts.get(p.id)!) })),
    importStoredHashes: [],
    importWriteCitations: ({ citations }) => [{ citations: citations.length }],
  };
}
