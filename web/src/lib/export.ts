// Client-side exports of the papers in view: BibTeX entries and a CSV table.
// Both are plain string builders so they can be tested without a browser.

export interface ExportPaper {
  id: string;
  title: string | null;
  label: string;
  url: string;
  arxivId: string | null;
  doi: string | null;
  citationCount: number;
  /** From the paper's metadata when papergraph has fetched it; empty or null otherwise. */
  authors: { name: string }[];
  year: number | null;
  venue: string | null;
  /** Titles of the episodes that cite the paper (the first page of them). */
  citedBy: { episode: { title: string } }[];
}

// ---------------- BibTeX ----------------

const BIBTEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text safe inside a braced BibTeX field: LaTeX specials escaped, whitespace collapsed. */
export function escapeBibtex(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}&%$#_~^]/g, (ch) => BIBTEX_SPECIALS[ch] ?? ch);
}

/** URLs go verbatim into `url`/`doi` fields; only characters that would break the braces are encoded. */
export function bibtexVerbatim(value: string): string {
  return value.replace(
    /[{}\\\s]/g,
    (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
}

/** Citation key from the paper id: ASCII letters, digits and a few separators, unique within `used`. */
export function bibtexKey(paper: Pick<ExportPaper, 'id'>, used: Set<string>): string {
  const base =
    paper.id
      .replace(/^(arxiv|doi|url):/i, (_, scheme: string) => `${scheme.toLowerCase()}_`)
      .replace(/^url_https?:\/\//i, 'url_')
      .replace(/[^A-Za-z0-9_:.-]+/g, '_')
      .replace(/_+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 60) || 'paper';
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}_${n}`;
  used.add(key);
  return key;
}

// Semantic Scholar gives a venue name but not its kind; these words mark a conference or workshop.
const PROCEEDINGS =
  /\b(conference|proceedings|symposium|workshop|meeting|congress|Neural Information Processing Systems|NeurIPS|NIPS|ICML|ICLR|AAAI|IJCAI|ACL|EMNLP|NAACL|COLING|CVPR|ICCV|ECCV|KDD|SIGIR|WWW|CHI|COLT|UAI|AISTATS|CoRL|RSS|ICRA|IROS|INTERSPEECH|ICASSP)\b/i;
const PREPRINT_VENUES = /^(arxiv(\.org)?|corr|biorxiv|medrxiv|ssrn)$/i;

/** `@inproceedings` for a conference, `@article` for a journal, `@misc` for preprints and unknown venues. */
export function bibtexEntryType(paper: Pick<ExportPaper, 'venue'>): {
  type: 'inproceedings' | 'article' | 'misc';
  venueField?: string;
} {
  const venue = paper.venue?.trim();
  if (!venue || PREPRINT_VENUES.test(venue)) return { type: 'misc' };
  return PROCEEDINGS.test(venue)
    ? { type: 'inproceedings', venueField: 'booktitle' }
    : { type: 'article', venueField: 'journal' };
}

export function toBibtex(papers: readonly ExportPaper[]): string {
  const used = new Set<string>();
  return papers
    .map((paper) => {
      const { type, venueField } = bibtexEntryType(paper);
      // Double braces keep the title's capitalisation (BibTeX styles lower-case it otherwise).
      const fields: [string, string][] = [
        ['title', `{{${escapeBibtex(paper.title ?? paper.label)}}}`],
      ];
      if (paper.authors.length > 0)
        fields.push([
          'author',
          `{${paper.authors.map((a) => escapeBibtex(a.name)).join(' and ')}}`,
        ]);
      if (paper.year !== null) fields.push(['year', `{${paper.year}}`]);
      if (venueField && paper.venue) fields.push([venueField, `{${escapeBibtex(paper.venue)}}`]);
      if (paper.arxivId) {
        fields.push(['eprint', `{${escapeBibtex(paper.arxivId)}}`], ['archiveprefix', '{arXiv}']);
      }
      if (paper.doi) fields.push(['doi', `{${bibtexVerbatim(paper.doi)}}`]);
      fields.push(['url', `{${bibtexVerbatim(paper.url)}}`]);
      const episodes = paper.citationCount === 1 ? 'episode' : 'episodes';
      fields.push([
        'note',
        `{Cited by ${paper.citationCount} ${episodes} of AI Papers: A Deep Dive}`,
      ]);
      const body = fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n');
      return `@${type}{${bibtexKey(paper, used)},\n${body}\n}\n`;
    })
    .join('\n');
}

// ---------------- CSV ----------------

const CSV_COLUMNS = [
  'id',
  'title',
  'label',
  'authors',
  'year',
  'venue',
  'url',
  'arxiv_id',
  'doi',
  'citation_count',
  'citing_episodes',
] as const;

/** Spreadsheets read a CSV as UTF-8 only when it starts with a byte-order mark. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled).
 * Cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading `'`.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(papers: readonly ExportPaper[]): string {
  const rows = papers.map((p) =>
    [
      p.id,
      p.title,
      p.label,
      p.authors.map((a) => a.name).join('; ') || null,
      p.year,
      p.venue,
      p.url,
      p.arxivId,
      p.doi,
      p.citationCount,
      p.citedBy.map((c) => c.episode.title).join('; ') || null,
    ]
      .map(csvField)
      .join(','),
  );
  return BYTE_ORDER_MARK + [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export type PapersFormat = 'bibtex' | 'csv';

export interface TextFile {
  text: string;
  filename: string;
  /** Media type, without the charset. */
  type: string;
}

/** The papers in view as the file the explorer saves. */
export function papersFile(format: PapersFormat, papers: readonly ExportPaper[]): TextFile {
  return format === 'bibtex'
    ? { text: toBibtex(papers), filename: 'papergraph-papers.bib', type: 'application/x-bibtex' }
    : { text: toCsv(papers), filename: 'papergraph-papers.csv', type: 'text/csv' };
}

const COVERAGE_COLUMNS = [
  'reference',
  'paper_id',
  'paper',
  'episode_id',
  'episode',
  'kind',
] as const;

export interface CoverageRow {
  ref: string;
  paper: {
    id: string;
    label: string;
    citedBy: { kind: string; episode: { id: string; title: string } }[];
  } | null;
}

/** A batch lookup as CSV: one line per (reference, citing episode); a miss is one line with empty paper columns. */
export function coverageCsv(rows: readonly CoverageRow[]): string {
  const lines = rows.flatMap(({ ref, paper }) => {
    if (!paper) return [[ref, null, null, null, null, null]];
    if (paper.citedBy.length === 0) return [[ref, paper.id, paper.label, null, null, null]];
    return paper.citedBy.map((c) => [
      ref,
      paper.id,
      paper.label,
      c.episode.id,
      c.episode.title,
      c.kind.toLowerCase(),
    ]);
  });
  return (
    BYTE_ORDER_MARK +
    [COVERAGE_COLUMNS.join(','), ...lines.map((cells) => cells.map(csvField).join(','))].join(
      '\r\n',
    ) +
    '\r\n'
  );
}
