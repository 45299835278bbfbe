// What importRecountPapers will find for a paper an import creates, worked out from the import's own
// episodes: such a paper is cited only by them. It is created with these values, so the recount at
// the end writes nothing new for it (Neo4j skips a property set to the value it has) and the full-text
// and citation-count indexes take each new paper once instead of twice. The recount stays the
// authority: another writer citing the paper meanwhile, or an episode the import did not write,
// only makes it set what it counts.
import { citationsOfEpisode, type ImportBatch } from '../../domain/model.ts';
import { PAPER_SEARCH_NOTES } from '../shared/searchNotes.ts';

export interface ExpectedCount {
  citationCount: number;
  /** As importRecountPapers joins them: the first notes by episode id, then position. */
  searchNotes: string;
}

interface Note {
  episodeId: string;
  position: number;
  note: string;
}

/** Each cited paper's expected count and search notes, from the last copy of each episode. */
export function expectedCounts(batches: readonly ImportBatch[]): Map<string, ExpectedCount> {
  const latest = new Map(batches.flatMap((batch) => batch.episodes).map((e) => [e.id, e]));
  const citers = new Map<string, { episodes: Set<string>; notes: Note[] }>();
  for (const episode of latest.values()) {
    for (const { paperId, position, note } of citationsOfEpisode(episode)) {
      let paper = citers.get(paperId);
      if (paper === undefined) citers.set(paperId, (paper = { episodes: new Set(), notes: [] }));
      paper.episodes.add(episode.id);
      if (note !== null) paper.notes.push({ episodeId: episode.id, position, note });
    }
  }
  const expected = new Map<string, ExpectedCount>();
  for (const [paperId, { episodes, notes }] of citers) {
    const first = notes
      .sort((a, b) =>
        a.episodeId === b.episodeId ? a.position - b.position : a.episodeId < b.episodeId ? -1 : 1,
      )
      .slice(0, PAPER_SEARCH_NOTES);
    expected.set(paperId, {
      citationCount: episodes.size,
      searchNotes: first.map(({ note }) => `${note} `).join(''),
    });
  }
  return expected;
}
