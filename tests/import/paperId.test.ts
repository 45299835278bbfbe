import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { webUrlSchema } from '../../server/src/domain/model.ts';
import { normalisePaperRef, paperLabel, parsePaperRef } from '../../server/src/ids/paperId.ts';

const idOf = (raw: string): string | undefined => normalisePaperRef(raw)?.id;

describe('normalisePaperRef', () => {
  it('reaches the DPO paper through five different spellings as one key', () => {
    const forms = [
      'https://arxiv.org/abs/2305.18290',
      'arxiv.org/pdf/2305.18290v3.pdf',
      'arXiv:2305.18290v2',
      'https://doi.org/10.48550/arXiv.2305.18290',
      'DOI:10.48550/ARXIV.2305.18290',
    ];
    expect(forms.map(idOf)).toEqual(Array(5).fill('arxiv:2305.18290'));
    expect(normalisePaperRef(forms[1] ?? '')).toEqual({
      id: 'arxiv:2305.18290',
      kind: 'arxiv',
      arxivId: '2305.18290',
      doi: null,
      url: 'https://arxiv.org/abs/2305.18290',
    });
  });

  it('understands every arXiv page URL form', () => {
    for (const form of [
      'http://arxiv.org/abs/2401.15077v1',
      'https://www.arxiv.org/abs/2401.15077',
      'https://export.arxiv.org/abs/2401.15077v2',
      'https://arxiv.org/pdf/2401.15077',
      'https://arxiv.org/html/2401.15077v1',
      'https://arxiv.org/html/2401.15077v1/#S3',
      'https://arxiv.org/abs/2401.15077/?context=cs',
      '2401.15077',
      'arxiv: 2401.15077',
    ]) {
      expect(idOf(form), form).toBe('arxiv:2401.15077');
    }
  });

  it('handles old-style arXiv ids; the subject class is not part of the identity', () => {
    expect(idOf('hep-th/9901001')).toBe('arxiv:hep-th/9901001');
    expect(idOf('arXiv:hep-th/9901001v3')).toBe('arxiv:hep-th/9901001');
    expect(idOf('https://arxiv.org/abs/hep-th/9901001')).toBe('arxiv:hep-th/9901001');
    expect(idOf('https://arxiv.org/pdf/hep-th/9901001v2.pdf')).toBe('arxiv:hep-th/9901001');
    expect(idOf('math.GT/0309136')).toBe('arxiv:math/0309136');
    expect(idOf('https://doi.org/10.48550/arXiv.math/0309136')).toBe('arxiv:math/0309136');
    expect(normalisePaperRef('math.GT/0309136')?.url).toBe('https://arxiv.org/abs/math/0309136');
  });

  it('refuses arXiv-looking strings that are not real ids', () => {
    expect(parsePaperRef('arXiv:2313.00001').ok).toBe(false); // month 13
    expect(parsePaperRef('arXiv:2305.1829').ok).toBe(false); // 2023 ids have five digits
    expect(parsePaperRef('arXiv:1312.12345').ok).toBe(false); // 2013 ids have four
  });

  it('lower-cases DOIs whatever their spelling, percent-encoded or not', () => {
    for (const form of [
      '10.1038/nature16961',
      'doi:10.1038/NATURE16961',
      'DOI: 10.1038/Nature16961',
      'https://doi.org/10.1038/nature16961',
      'http://dx.doi.org/10.1038/nature16961',
      'https://www.doi.org/10.1038%2Fnature16961#top',
      'doi.org/10.1038/nature16961',
    ]) {
      expect(idOf(form), form).toBe('doi:10.1038/nature16961');
    }
    expect(normalisePaperRef('https://doi.org/10.1038/nature16961')).toMatchObject({
      kind: 'doi',
      doi: '10.1038/nature16961',
      arxivId: null,
      url: 'https://doi.org/10.1038/nature16961',
    });
  });

  it('keeps a DOI with URL-hostile characters intact in its link', () => {
    const sici = '10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O';
    const key = normalisePaperRef(`doi:${sici}`);
    expect(key?.id).toBe(`doi:${sici.toLowerCase()}`);
    expect(webUrlSchema.safeParse(key?.url).success).toBe(true);
    expect(idOf(key?.url ?? '')).toBe(key?.id);
  });

  it('normalises other links: host case, www, default port, fragment, trailing slash; keeps path case and query', () => {
    expect(idOf('HTTPS://WWW.Anthropic.COM:443/research/Agentic-Misalignment/#intro')).toBe(
      'url:https://anthropic.com/research/Agentic-Misalignment',
    );
    expect(idOf('https://example.org/paper?id=7&b=2')).toBe(
      'url:https://example.org/paper?id=7&b=2',
    );
    expect(idOf('https://example.org/paper?b=2&id=7')).toBe(
      'url:https://example.org/paper?b=2&id=7',
    );
    expect(idOf('http://example.org:8080/x/')).toBe('url:https://example.org:8080/x');
    expect(idOf('http://example.org/')).toBe('url:https://example.org');
  });

  it('makes the http and https forms of a link one paper, served over https', () => {
    expect(idOf('http://anthropic.com/research/agentic-misalignment')).toBe(
      'url:https://anthropic.com/research/agentic-misalignment',
    );
    expect(normalisePaperRef('http://www.anthropic.com/research/agentic-misalignment')?.url).toBe(
      'https://anthropic.com/research/agentic-misalignment',
    );
    expect(idOf('http://example.org:443/x')).toBe('url:https://example.org/x'); // 443 is https's default port
    expect(idOf('http://example.org:80/x')).toBe('url:https://example.org/x');
  });

  it('ignores tracking parameters and keeps the others as given', () => {
    for (const form of [
      'https://example.org/paper?utm_source=twitter&utm_medium=social&utm_campaign=launch',
      'https://example.org/paper?fbclid=IwAR0abc',
      'https://example.org/paper?gclid=xyz&ref=hn',
      'https://example.org/paper?UTM_Source=x&mc_cid=1&mc_eid=2&_hsenc=p&si=abc',
      'https://example.org/paper?&&',
    ]) {
      expect(idOf(form), form).toBe('url:https://example.org/paper');
    }
    expect(idOf('https://example.org/paper?id=7&utm_source=x&b=a%20b')).toBe(
      'url:https://example.org/paper?id=7&b=a%20b',
    );
    expect(idOf('https://example.org/paper?reference=7')).toBe(
      'url:https://example.org/paper?reference=7',
    );
  });

  it('strips <…> wrappers, quotes, brackets and the sentence punctuation around a pasted link', () => {
    const anthropic = 'url:https://anthropic.com/research/agentic-misalignment';
    for (const form of [
      '<https://www.anthropic.com/research/agentic-misalignment>',
      '<URL:https://www.anthropic.com/research/agentic-misalignment>',
      'https://www.anthropic.com/research/agentic-misalignment.',
      'https://www.anthropic.com/research/agentic-misalignment),',
      '(https://www.anthropic.com/research/agentic-misalignment)',
      '"https://www.anthropic.com/research/agentic-misalignment";',
      '“https://www.anthropic.com/research/agentic-misalignment”!',
      '[https://www.anthropic.com/research/agentic-misalignment]:',
    ]) {
      expect(idOf(form), form).toBe(anthropic);
    }
    expect(idOf('<arXiv:2305.18290v2>.')).toBe('arxiv:2305.18290');
    expect(idOf('(doi:10.1038/nature16961)')).toBe('doi:10.1038/nature16961');
    // Brackets that belong to the link stay.
    expect(idOf('https://en.wikipedia.org/wiki/Go_(game).')).toBe(
      'url:https://en.wikipedia.org/wiki/Go_(game)',
    );
    expect(idOf('doi:10.1016/S0140-6736(20)30183-5')).toBe('doi:10.1016/s0140-6736(20)30183-5');
  });

  it('makes a folder and its index.html one paper', () => {
    for (const form of [
      'https://transformer-circuits.pub/2022/toy_model/index.html',
      'https://transformer-circuits.pub/2022/toy_model/',
      'https://transformer-circuits.pub/2022/toy_model',
      'http://transformer-circuits.pub/2022/toy_model/index.htm',
      'url:https://transformer-circuits.pub/2022/toy_model/index.html',
    ]) {
      expect(idOf(form), form).toBe('url:https://transformer-circuits.pub/2022/toy_model');
    }
    expect(idOf('https://example.org/index.html')).toBe('url:https://example.org');
    expect(idOf('https://example.org/index.html.bak')).toBe(
      'url:https://example.org/index.html.bak',
    );
  });

  it('resolves arXiv papers on mirrors and aggregators to the arXiv paper', () => {
    for (const form of [
      'https://huggingface.co/papers/2305.18290',
      'huggingface.co/papers/2305.18290#community',
      'https://www.alphaxiv.org/abs/2305.18290',
      'https://www.alphaxiv.org/overview/2305.18290v3',
      'https://alphaxiv.org/pdf/2305.18290v2.pdf',
      'https://www.semanticscholar.org/arxiv/2305.18290',
      'https://api.semanticscholar.org/arXiv:2305.18290',
      'https://ar5iv.org/abs/2305.18290',
      'https://ar5iv.labs.arxiv.org/html/2305.18290',
      'https://www.arxiv-vanity.com/papers/2305.18290/',
      'https://scirate.com/arxiv/2305.18290',
      'https://arxiv.org/format/2305.18290',
      'https://arxiv.org/abs/2305.18290?utm_source=x',
      'http://xxx.lanl.gov/abs/2305.18290v1',
    ]) {
      expect(idOf(form), form).toBe('arxiv:2305.18290');
    }
    // Other pages of those sites are not papers of arXiv.
    expect(idOf('https://huggingface.co/papers')).toBe('url:https://huggingface.co/papers');
    expect(idOf('https://huggingface.co/meta-llama/Llama-2-7b')).toBe(
      'url:https://huggingface.co/meta-llama/Llama-2-7b',
    );
  });

  it('rejects non-web schemes and junk, with a reason', () => {
    expect(parsePaperRef('javascript:alert(1)')).toEqual({
      ok: false,
      reason: 'unsupported link scheme "javascript:" (only http and https)',
    });
    for (const bad of [
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.org/paper.pdf',
      'file:///etc/passwd',
      'url:javascript:alert(1)',
      'java\nscript:alert(1)',
      'https://user:secret@example.org/x',
      'http://localhost:8080/x',
      'http://127.0.0.1/x',
      'doi:not-a-doi',
      'doi:10.1000/.', // a dot segment would vanish from its doi.org link
      'just some words',
      '',
      `https://example.org/${'a'.repeat(2100)}`,
    ]) {
      const result = parsePaperRef(bad);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    }
  });
});

describe('paperLabel', () => {
  it('uses the title when there is one, else a short readable identifier', () => {
    expect(paperLabel({ id: 'arxiv:2606.26453', title: null })).toBe('arXiv:2606.26453');
    expect(paperLabel({ id: 'doi:10.1038/nature16961', title: null })).toBe(
      'doi:10.1038/nature16961',
    );
    expect(
      paperLabel({
        id: 'url:https://raw.githubusercontent.com/deepseek-ai/DeepSpec/main/DSpark_paper.pdf',
        title: null,
      }),
    ).toBe('raw.githubusercontent.com/…/DSpark_paper.pdf');
    expect(
      paperLabel({
        id: 'url:https://transformer-circuits.pub/2022/toy_model/index.html',
        title: null,
      }),
    ).toBe('transformer-circuits.pub/2022/toy_model');
    expect(paperLabel({ id: 'arxiv:2305.18290', title: 'Direct Preference Optimization' })).toBe(
      'Direct Preference Optimization',
    );
  });
});

// ---- properties ----

const newStyleArxivId = fc
  .record({
    year: fc.integer({ min: 7, max: 29 }),
    month: fc.integer({ min: 1, max: 12 }),
    seq: fc.integer({ min: 1, max: 99_999 }),
  })
  .filter(({ year, month }) => year * 100 + month >= 704)
  .map(({ year, month, seq }) => {
    const yymm = `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}`;
    const digits = Number(yymm) >= 1501 ? 5 : 4;
    return `${yymm}.${String(seq % 10 ** digits).padStart(digits, '0')}`;
  });

const oldStyleArxivId = fc
  .record({
    archive: fc.constantFrom(
      'hep-th',
      'hep-ph',
      'math',
      'cs',
      'astro-ph',
      'cond-mat',
      'quant-ph',
      'gr-qc',
    ),
    year: fc.constantFrom(91, 95, 99, 0, 3, 7),
    month: fc.integer({ min: 1, max: 12 }),
    seq: fc.integer({ min: 1, max: 999 }),
  })
  .map(
    ({ archive, year, month, seq }) =>
      `${archive}/${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}${String(seq).padStart(3, '0')}`,
  );

const arxivId = fc.oneof(newStyleArxivId, oldStyleArxivId);
const version = fc.option(
  fc.integer({ min: 1, max: 12 }).map((v) => `v${v}`),
  { nil: '' },
);

/** Every spelling of one arXiv paper the normaliser promises to understand. */
const arxivSpellings = (id: string, v: string): string[] => [
  id,
  `${id}${v}`,
  `arXiv:${id}${v}`,
  `ARXIV:${id}`,
  `https://arxiv.org/abs/${id}${v}`,
  `http://www.arxiv.org/abs/${id}${v}/`,
  `https://export.arxiv.org/abs/${id}${v}`,
  `arxiv.org/pdf/${id}${v}.pdf`,
  `https://arxiv.org/pdf/${id}${v}`,
  `https://arxiv.org/html/${id}${v}#section`,
  `https://doi.org/10.48550/arXiv.${id}`,
  `doi:10.48550/ARXIV.${id}`,
  `https://huggingface.co/papers/${id}`,
  `https://www.alphaxiv.org/abs/${id}${v}`,
  `https://www.semanticscholar.org/arxiv/${id}`,
  `https://ar5iv.labs.arxiv.org/html/${id}${v}`,
  `<https://arxiv.org/abs/${id}${v}>.`,
  `(arXiv:${id}${v}),`,
];

/** Links spelled the awkward ways people paste them: case, www, ports, dot segments, slashes, escapes. */
const messyUrl = fc
  .record({
    scheme: fc.constantFrom('http', 'https', 'HTTPS'),
    www: fc.boolean(),
    host: fc.domain(),
    port: fc.constantFrom('', ':80', ':443', ':8080'),
    segments: fc.array(
      fc.constantFrom(
        'a',
        'B',
        '.',
        '..',
        '',
        'x%2Fy',
        'x%2fy',
        '%7E',
        'back\\slash',
        'index.html',
        'ü',
      ),
      { maxLength: 5 },
    ),
    trailing: fc.constantFrom('', '/', '//'),
    query: fc.constantFrom(
      '',
      '?',
      '?b=2&a=1',
      '?q=a%20b',
      "?q='x'",
      '?utm_source=x',
      '?a=1.&fbclid=2',
      '?ref=hn&id=3',
      '?x=(1)',
    ),
    fragment: fc.constantFrom('', '#', '#top'),
    wrapper: fc.constantFrom(
      ['', ''],
      ['<', '>'],
      ['(', ').'],
      ['"', '",'],
      ['', '.'],
      ['', ')'],
      ['“', '”'],
    ),
  })
  .map(
    ({ scheme, www, host, port, segments, trailing, query, fragment, wrapper: [open, close] }) =>
      `${open}${scheme}://${www ? 'www.' : ''}${host}${port}/${segments.join('/')}${trailing}${query}${fragment}${close}`,
  );

const anyRef = fc.oneof(
  messyUrl,
  arxivId.chain((id) => version.chain((v) => fc.constantFrom(...arxivSpellings(id, v)))),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webUrl().map((url) => url.toUpperCase()),
  fc
    .tuple(fc.integer({ min: 1000, max: 99999 }), fc.string({ minLength: 1, maxLength: 20 }))
    .map(([registrant, suffix]) => `doi:10.${registrant}/${suffix}`),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

describe('normalisation properties', () => {
  it('is idempotent: a key normalises to itself, and its link leads back to it', () => {
    fc.assert(
      fc.property(anyRef, (raw) => {
        const key = normalisePaperRef(raw);
        if (key === null) return;
        expect(normalisePaperRef(key.id)).toEqual(key);
        expect(normalisePaperRef(key.url)?.id).toBe(key.id);
        expect(webUrlSchema.safeParse(key.url).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the http and https, www and bare, tracked and untracked, wrapped and bare forms of a link one key', () => {
    fc.assert(
      fc.property(
        fc.domain(),
        fc.array(fc.constantFrom('a', 'B', 'paper', 'x%2Fy', 'index.html'), { maxLength: 4 }),
        (host, segments) => {
          const path = segments.join('/');
          const forms = [
            `https://${host}/${path}`,
            `http://www.${host}/${path}/`,
            `https://${host}/${path}?utm_source=feed&fbclid=1`,
            `<http://${host}/${path}#top>.`,
          ];
          const ids = new Set(forms.map(idOf));
          expect(ids.size, forms.join(' ')).toBe(1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('maps every spelling of an arXiv paper to one key', () => {
    fc.assert(
      fc.property(arxivId, version, (id, v) => {
        const ids = new Set(arxivSpellings(id, v).map(idOf));
        expect([...ids]).toEqual([`arxiv:${id}`]);
      }),
      { numRuns: 500 },
    );
  });
});
