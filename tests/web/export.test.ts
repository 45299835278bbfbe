import { describe, expect, it } from 'vitest';
import {
  bibtexKey,
  bibtexVerbatim,
  csvField,
  escapeBibtex,
  toBibtex,
  toCsv,
  type ExportPaper,
} from '../../web/src/lib/export.ts';

const dpo: ExportPaper = {
  id: 'arxiv:2305.18290',
  title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
  label: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
  url: 'https://arxiv.org/abs/2305.18290',
  arxivId: '2305.18290',
  doi: null,
  citationCount: 2,
};

describe('BibTeX export', () => {
  it('escapes every LaTeX special character and collapses whitespace', () => {
    expect(escapeBibtex('50% of {R&D} costs $5 #1 a_b ~x^2 \\o')).toBe(
      '50\\% of \\{R\\&D\\} costs \\$5 \\#1 a\\_b \\textasciitilde{}x\\textasciicircum{}2 \\textbackslash{}o',
    );
    expect(escapeBibtex('  line one\n\tline two  ')).toBe('line one line two');
  });

  it('keeps braces balanced inside verbatim URL fields', () => {
    expect(bibtexVerbatim('https://example.org/a b/{c}\\d')).toBe('https://example.org/a%20b/%7Bc%7D%5Cd');
  });

  it('writes one @misc entry per paper with arXiv, DOI and URL fields', () => {
    const untitled: ExportPaper = {
      id: 'doi:10.1038/nature16961',
      title: null,
      label: 'doi:10.1038/nature16961',
      url: 'https://doi.org/10.1038/nature16961',
      arxivId: null,
      doi: '10.1038/nature16961',
      citationCount: 1,
    };
    const bib = toBibtex([dpo, untitled]);
    expect(bib).toContain('@misc{arxiv_2305.18290,\n  title = {Direct Preference Optimization: Your Language Model is Secretly a Reward Model},');
    expect(bib).toContain('  eprint = {2305.18290},\n  archiveprefix = {arXiv},');
    expect(bib).toContain('  url = {https://arxiv.org/abs/2305.18290},');
    expect(bib).toContain('note = {Cited by 2 episodes of AI Papers: A Deep Dive}');
    // Untitled papers fall back to their label; the DOI gets its own field.
    expect(bib).toContain('@misc{doi_10.1038_nature16961,\n  title = {doi:10.1038/nature16961},\n  doi = {10.1038/nature16961},');
    expect(bib).toContain('note = {Cited by 1 episode of');
    expect(bib.match(/^@misc\{/gm)).toHaveLength(2);
  });

  it('keeps citation keys unique and ASCII', () => {
    const used = new Set<string>();
    expect(bibtexKey({ id: 'url:https://example.org/päper?x=1' }, used)).toBe('url_example.org_p_per_x_1');
    expect(bibtexKey({ id: 'url:https://example.org/päper?x=1' }, used)).toBe('url_example.org_p_per_x_1_2');
    expect(bibtexKey({ id: '' }, used)).toBe('paper');
  });

  it('puts a hostile title inside balanced braces', () => {
    const bib = toBibtex([{ ...dpo, title: '}, evil = {x' }]);
    const title = bib.split('\n')[1]!;
    expect(title).toBe('  title = {\\}, evil = \\{x},');
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

  it('writes a header and one CRLF-terminated row per paper', () => {
    const csv = toCsv([dpo, { ...dpo, id: 'url:https://x.org/a,b', title: 'Tricky, "quoted"\ntitle', arxivId: null }]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,title,label,url,arxiv_id,doi,citation_count');
    expect(lines[1]).toBe(
      'arxiv:2305.18290,Direct Preference Optimization: Your Language Model is Secretly a Reward Model,' +
        'Direct Preference Optimization: Your Language Model is Secretly a Reward Model,https://arxiv.org/abs/2305.18290,2305.18290,,2',
    );
    expect(lines[2]).toBe('"url:https://x.org/a,b","Tricky, ""quoted""\ntitle",Direct Preference Optimization: Your Language Model is Secretly a Reward Model,https://arxiv.org/abs/2305.18290,,,2');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
