import { describe, expect, it } from 'vitest';

import {
  bibtexEntryType,
  bibtexKey,
  bibtexVerbatim,
  csvField,
  escapeBibtex,
  type ExportPaper,
  papersFile,
  toBibtex,
  toCsv,
} from '../../web/src/lib/export.ts';

const dpo: ExportPaper = {
  id: 'arxiv:2305.18290',
  title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
  label: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
  url: 'https://arxiv.org/abs/2305.18290',
  arxivId: '2305.18290',
  doi: null,
  citationCount: 2,
  authors: [{ name: 'Rafael Rafailov' }, { name: 'Archit Sharma' }, { name: 'Chelsea Finn' }],
  year: 2023,
  venue: 'Neural Information Processing Systems',
  citedBy: [
    { episode: { title: 'The Free Step-Level Grader Hiding in Every RL Training Run' } },
    { episode: { title: "One Bad Token Can Sink a Model's Math, And You Can Delete It" } },
  ],
};

describe('BibTeX export', () => {
  it('escapes every LaTeX special character and collapses whitespace', () => {
    expect(escapeBibtex('50% of {R&D} costs $5 #1 a_b ~x^2 \\o')).toBe(
      '50\\% of \\{R\\&D\\} costs \\$5 \\#1 a\\_b \\textasciitilde{}x\\textasciicircum{}2 \\textbackslash{}o',
    );
    expect(escapeBibtex('  line one\n\tline two  ')).toBe('line one line two');
  });

  it('keeps braces balanced inside verbatim URL fields', () => {
    expect(bibtexVerbatim('https://example.org/a b/{c}\\d')).toBe(
      'https://example.org/a%20b/%7Bc%7D%5Cd',
    );
  });

  it('writes the right entry type with authors, year, venue, arXiv, DOI and URL fields, titles brace-protected', () => {
    const untitled: ExportPaper = {
      id: 'doi:10.1038/nature16961',
      title: null,
      label: 'doi:10.1038/nature16961',
      url: 'https://doi.org/10.1038/nature16961',
      arxivId: null,
      doi: '10.1038/nature16961',
      citationCount: 1,
      authors: [{ name: 'David Silver' }],
      year: 2016,
      venue: 'Nature',
      citedBy: [],
    };
    const preprint: ExportPaper = {
      ...dpo,
      id: 'arxiv:2606.26080',
      arxivId: '2606.26080',
      authors: [],
      year: null,
      venue: null,
      title: 'A New Preprint',
    };
    const bib = toBibtex([dpo, untitled, preprint]);
    expect(bib).toContain(
      '@inproceedings{arxiv_2305.18290,\n  title = {{Direct Preference Optimization: Your Language Model is Secretly a Reward Model}},\n' +
        '  author = {Rafael Rafailov and Archit Sharma and Chelsea Finn},\n  year = {2023},\n  booktitle = {Neural Information Processing Systems},',
    );
    expect(bib).toContain('  eprint = {2305.18290},\n  archiveprefix = {arXiv},');
    expect(bib).toContain('  url = {https://arxiv.org/abs/2305.18290},');
    expect(bib).toContain('note = {Cited by 2 episodes of AI Papers: A Deep Dive}');
    // A journal paper is an @article; untitled papers fall back to their label; the DOI gets its own field.
    expect(bib).toContain(
      '@article{doi_10.1038_nature16961,\n  title = {{doi:10.1038/nature16961}},\n  author = {David Silver},\n  year = {2016},\n  journal = {Nature},\n  doi = {10.1038/nature16961},',
    );
    expect(bib).toContain('note = {Cited by 1 episode of');
    // A preprint without metadata stays @misc with its eprint, and has no empty author or year.
    expect(bib).toContain(
      '@misc{arxiv_2606.26080,\n  title = {{A New Preprint}},\n  eprint = {2606.26080},',
    );
    expect(bib.match(/^@\w+\{/gm)).toHaveLength(3);
  });

  it('tells conferences from journals and preprints by the venue name', () => {
    expect(
      bibtexEntryType({ venue: 'International Conference on Learning Representations' }).type,
    ).toBe('inproceedings');
    expect(bibtexEntryType({ venue: 'ICML' }).type).toBe('inproceedings');
    expect(bibtexEntryType({ venue: 'Journal of Machine Learning Research' })).toEqual({
      type: 'article',
      venueField: 'journal',
    });
    expect(bibtexEntryType({ venue: 'arXiv.org' }).type).toBe('misc');
    expect(bibtexEntryType({ venue: null }).type).toBe('misc');
  });

  it('keeps citation keys unique and ASCII', () => {
    const used = new Set<string>();
    expect(bibtexKey({ id: 'url:https://example.org/päper?x=1' }, used)).toBe(
      'url_example.org_p_per_x_1',
    );
    expect(bibtexKey({ id: 'url:https://example.org/päper?x=1' }, used)).toBe(
      'url_example.org_p_per_x_1_2',
    );
    expect(bibtexKey({ id: '' }, used)).toBe('paper');
  });

  it('puts a hostile title inside balanced braces', () => {
    const bib = toBibtex([{ ...dpo, title: '}, evil = {x' }]);
    const title = bib.split('\n')[1]!;
    expect(title).toBe('  title = {{\\}, evil = \\{x}},');
  });
});

describe('CSV export', () => {
  it('quotes fields with commas, quotes, CR or LF and doubles the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@cmd')).toBe("'@cmd");
  });

  it('starts with a byte-order mark, then a header and one CRLF-terminated row per paper with authors, year and citing episodes', () => {
    const csv = toCsv([
      dpo,
      {
        ...dpo,
        id: 'url:https://x.org/a,b',
        title: 'Tricky, "quoted"\ntitle',
        arxivId: null,
        authors: [],
        year: null,
        venue: null,
        citedBy: [],
      },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'id,title,label,authors,year,venue,url,arxiv_id,doi,citation_count,citing_episodes',
    );
    expect(lines[1]).toBe(
      'arxiv:2305.18290,Direct Preference Optimization: Your Language Model is Secretly a Reward Model,' +
        'Direct Preference Optimization: Your Language Model is Secretly a Reward Model,Rafael Rafailov; Archit Sharma; Chelsea Finn,2023,' +
        'Neural Information Processing Systems,https://arxiv.org/abs/2305.18290,2305.18290,,2,' +
        // The joined titles hold a comma, so the cell is quoted.
        `"The Free Step-Level Grader Hiding in Every RL Training Run; One Bad Token Can Sink a Model's Math, And You Can Delete It"`,
    );
    expect(lines[2]).toBe(
      '"url:https://x.org/a,b","Tricky, ""quoted""\ntitle",Direct Preference Optimization: Your Language Model is Secretly a Reward Model,,,,https://arxiv.org/abs/2305.18290,,,2,',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe("the explorer's paper files", () => {
  it("names each format's file and media type, with the builder's text", () => {
    expect(papersFile('bibtex', [dpo])).toEqual({
      text: toBibtex([dpo]),
      filename: 'papergraph-papers.bib',
      type: 'application/x-bibtex',
    });
    expect(papersFile('csv', [dpo])).toEqual({
      text: toCsv([dpo]),
      filename: 'papergraph-papers.csv',
      type: 'text/csv',
    });
  });
});
