import { describe, expect, it } from 'vitest';

import { coverageCsv } from '../../web/src/lib/export.ts';
import { MAX_REFS, parseRefList } from '../../web/src/lib/refList.ts';

describe('pasted reference lists', () => {
  it('takes one reference per line or several per line, in order, without repeats, and names what it skipped', () => {
    const { refs, problems } = parseRefList(
      '2305.18290, 10.1038/nature16961\n\nhttps://arxiv.org/abs/1706.03762; 2305.18290\nhello world',
    );
    expect(refs).toEqual(['2305.18290', '10.1038/nature16961', 'https://arxiv.org/abs/1706.03762']);
    expect(problems).toEqual([
      'line 4: "hello" is not an arXiv id, DOI or URL',
      'line 4: "world" is not an arXiv id, DOI or URL',
    ]);
  });

  it('reads BibTeX entries by their doi, else eprint, else url', () => {
    const bib = `@article{a, title = {A}, doi = {10.1038/nature16961}, url = {https://x.org/a}}
@misc{b, title = {B}, eprint = {2305.18290}, archiveprefix = {arXiv}}
@misc{c, title = {C}, url = "https://example.org/c"}
@misc{d, title = {No identifier}}`;
    expect(parseRefList(bib)).toEqual({
      refs: ['10.1038/nature16961', '2305.18290', 'https://example.org/c'],
      problems: [],
    });
  });

  it(`keeps the first ${MAX_REFS} references of a longer list and says so`, () => {
    const text = Array.from({ length: MAX_REFS + 5 }, (_, i) => `10.1000/${i}`).join('\n');
    const { refs, problems } = parseRefList(text);
    expect(refs).toHaveLength(MAX_REFS);
    expect(problems).toEqual([
      `${MAX_REFS + 5} references given; one lookup takes at most ${MAX_REFS}, the rest were left out`,
    ]);
  });
});

describe('batch lookup CSV', () => {
  it('has one line per citing episode, and a line with empty paper columns per miss', () => {
    const csv = coverageCsv([
      {
        ref: '2305.18290',
        paper: {
          id: 'arxiv:2305.18290',
          label: 'DPO, the paper',
          citedBy: [
            { kind: 'RECOMMENDED', episode: { id: 'ep_1', title: 'One' } },
            { kind: 'SOURCE', episode: { id: 'ep_2', title: '=Two' } },
          ],
        },
      },
      { ref: '10.9/none', paper: null },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'reference,paper_id,paper,episode_id,episode,kind',
      '2305.18290,arxiv:2305.18290,"DPO, the paper",ep_1,One,recommended',
      '2305.18290,arxiv:2305.18290,"DPO, the paper",ep_2,\'=Two,source',
      '10.9/none,,,,,',
      '',
    ]);
  });
});
