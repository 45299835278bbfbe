// One table of identifier forms, read by the API's identifier module and by the web app's functions
// built on it: the canonical key each form reaches is asserted through both, so they cannot drift.
import { describe, expect, it } from 'vitest';

import { normalisePaperRef } from '../../server/src/ids/paperId.ts';
import {
  looksLikePaperRef,
  paperRefKey,
  paperRefTarget,
  paperRefUrl,
} from '../../web/src/lib/links.ts';
import { parseRefList } from '../../web/src/lib/refList.ts';

const DPO = 'arxiv:2305.18290';
const HEP_TH = 'arxiv:hep-th/9901001';
const MATH_GT = 'arxiv:math/0309136';
const ALPHAGO = 'doi:10.1038/nature16961';
const SUB_REGISTRANT = 'doi:10.1000.10/abc';
const AGENTIC = 'url:https://anthropic.com/research/agentic-misalignment';
const OUTLIER_EXPOSURE = 'url:https://openreview.net/forum?id=HyxCxhRcY7';

const FORMS: [form: string, key: string][] = [
  // new-style arXiv ids, with and without prefix and version
  ['2305.18290', DPO],
  ['2305.18290v3', DPO],
  ['arXiv:2305.18290v2', DPO],
  ['ARXIV:2305.18290', DPO],
  [DPO, DPO],
  // old-style arXiv ids: the subject class is decoration
  ['hep-th/9901001', HEP_TH],
  ['arXiv:hep-th/9901001v3', HEP_TH],
  ['https://arxiv.org/abs/hep-th/9901001', HEP_TH],
  ['https://arxiv.org/pdf/hep-th/9901001v2.pdf', HEP_TH],
  ['math.GT/0309136', MATH_GT],
  ['math.GT-x/0309136', MATH_GT],
  ['math/0309136', MATH_GT],
  ['https://doi.org/10.48550/arXiv.math/0309136', MATH_GT],
  // arXiv pages, typed with or without a scheme
  ['https://arxiv.org/abs/2305.18290', DPO],
  ['https://arxiv.org/pdf/2305.18290v2', DPO],
  ['arxiv.org/pdf/2305.18290v3.pdf', DPO],
  ['https://arxiv.org/html/2305.18290v2', DPO],
  ['http://export.arxiv.org/abs/2305.18290', DPO],
  ['http://xxx.lanl.gov/abs/2305.18290v1', DPO],
  // arXiv mirrors and aggregators
  ['https://huggingface.co/papers/2305.18290', DPO],
  ['https://www.alphaxiv.org/overview/2305.18290v3', DPO],
  ['https://www.semanticscholar.org/arxiv/2305.18290', DPO],
  ['https://api.semanticscholar.org/arXiv:2305.18290', DPO],
  ['https://ar5iv.labs.arxiv.org/html/2305.18290', DPO],
  ['https://www.arxiv-vanity.com/papers/2305.18290/', DPO],
  ['https://scirate.com/arxiv/2305.18290', DPO],
  ['https://papers.cool/arxiv/2305.18290', DPO],
  ['papers.cool/arxiv/hep-th/9901001', HEP_TH],
  ['https://paperswithcode.co/paper/2305.18290', DPO],
  // aggregator pages that name no arXiv paper stay links: a summary, a listing, a slug, a number
  [
    'https://papers.cool/arxiv/kimi?paper=2305.18290',
    'url:https://papers.cool/arxiv/kimi?paper=2305.18290',
  ],
  ['https://papers.cool/arxiv/cs.AI', 'url:https://papers.cool/arxiv/cs.AI'],
  [
    'https://paperswithcode.com/paper/direct-preference-optimization-your-language',
    'url:https://paperswithcode.com/paper/direct-preference-optimization-your-language',
  ],
  ['https://paperswithcode.co/paper/102599', 'url:https://paperswithcode.co/paper/102599'],
  // OpenReview: the forum is the paper; its PDF, a reply's link and papers.cool's copy are that forum
  [OUTLIER_EXPOSURE, OUTLIER_EXPOSURE],
  ['https://openreview.net/pdf?id=HyxCxhRcY7', OUTLIER_EXPOSURE],
  ['openreview.net/forum?id=HyxCxhRcY7&noteId=SJxMnvV6h7', OUTLIER_EXPOSURE],
  ['http://www.openreview.net/forum?id=HyxCxhRcY7&referrer=%5BTasks%5D', OUTLIER_EXPOSURE],
  ['https://papers.cool/venue/HyxCxhRcY7@OpenReview', OUTLIER_EXPOSURE],
  ['https://openreview.net/forum?id=HyxCxhRcY7', OUTLIER_EXPOSURE],
  [
    'https://papers.cool/venue/xu-haichuan@usenixsecurity24@USENIX',
    'url:https://papers.cool/venue/xu-haichuan@usenixsecurity24@USENIX',
  ],
  // arXiv's DataCite DOI is the arXiv paper
  ['https://doi.org/10.48550/arXiv.2305.18290', DPO],
  ['DOI:10.48550/ARXIV.2305.18290', DPO],
  // DOIs, bare, prefixed and as resolver URLs
  ['10.1038/nature16961', ALPHAGO],
  ['doi:10.1038/NATURE16961', ALPHAGO],
  ['https://doi.org/10.1038/nature16961', ALPHAGO],
  ['http://dx.doi.org/10.1038/nature16961', ALPHAGO],
  ['https://www.doi.org/10.1038%2Fnature16961', ALPHAGO],
  ['doi.org/10.1038/nature16961', ALPHAGO],
  ['10.1000.10/abc', SUB_REGISTRANT],
  ['https://doi.org/10.1000.10/abc', SUB_REGISTRANT],
  // pasted with the sentence around it
  ['<https://arxiv.org/abs/2305.18290>', DPO],
  ['(arXiv:2305.18290).', DPO],
  ['(doi:10.1038/nature16961)', ALPHAGO],
  // plain links: scheme, www, tracking parameters and a trailing slash do not matter
  ['https://www.anthropic.com/research/agentic-misalignment?utm_source=newsletter', AGENTIC],
  ['http://anthropic.com/research/agentic-misalignment/', AGENTIC],
  ['anthropic.com/research/agentic-misalignment', AGENTIC],
  [AGENTIC, AGENTIC],
];

/** Words a person searches for, which neither side takes for a paper. */
const WORDS = ['DPO', 'direct preference optimization', 'reward model 2305', '', 'http://'];

describe('the identifier table, read by the API and by the web app', () => {
  it.each(FORMS)('%s is %s on both sides', (form, key) => {
    expect(normalisePaperRef(form)?.id).toBe(key);
    expect(paperRefKey(form)?.id).toBe(key);
    expect(looksLikePaperRef(form)).toBe(true);
    // Searching for it lands on its page, whether or not an episode cites it.
    expect(paperRefTarget(form)?.href).toBe(`/paper/${encodeURIComponent(key)}`);
  });

  it.each(WORDS)('%j is no paper on either side', (text) => {
    expect(normalisePaperRef(text)).toBeNull();
    expect(paperRefKey(text)).toBeNull();
    expect(looksLikePaperRef(text)).toBe(false);
    expect(paperRefTarget(text)).toBeNull();
  });

  it("links each form where the API's key says it is read", () => {
    for (const [form] of FORMS.filter(([form]) => !/v\d+(?:\.pdf)?$/i.test(form))) {
      expect(paperRefUrl(form), form).toBe(normalisePaperRef(form)?.url);
    }
  });

  it('keeps the version an arXiv reference names in its link', () => {
    expect(paperRefUrl('2305.18290v3')).toBe('https://arxiv.org/abs/2305.18290v3');
    expect(paperRefUrl('https://arxiv.org/pdf/hep-th/9901001v2.pdf')).toBe(
      'https://arxiv.org/abs/hep-th/9901001v2',
    );
  });

  it('looks each paper up once in a pasted list, under the first spelling given', () => {
    const firstSpelling = new Map<string, string>();
    for (const [form, key] of FORMS) if (!firstSpelling.has(key)) firstSpelling.set(key, form);
    expect(parseRefList(FORMS.map(([form]) => form).join('\n'))).toEqual({
      refs: [...firstSpelling.values()],
      problems: [],
    });
  });
});

describe('what the web app takes for words although the API would read a link', () => {
  it.each(['llama.cpp', 'node.js', 'openai.com'])('%s is searched for', (text) => {
    expect(normalisePaperRef(text)?.kind).toBe('url');
    expect(looksLikePaperRef(text)).toBe(false);
  });
});
