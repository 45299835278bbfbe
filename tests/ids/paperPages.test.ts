// Venue and index pages that name one paper, and the free-text rule built on them: which keys name a
// paper by themselves. Also CJK sentence punctuation around a pasted identifier.
import { describe, expect, it } from 'vitest';

import { namesAPaper, normalisePaperRef, parsePaperRef } from '../../server/src/ids/paperId.ts';
import { unwrapPasted } from '../../server/src/ids/pasted.ts';

const S2_ID = '1a0e4f3eae4c6a4cb0ef8fc9c5be4bb0ae73ff1c';
const NEURIPS_2017 =
  'https://proceedings.neurips.cc/paper_files/paper/2017/hash/d5e2c0adad503c91f91df240d0cd4e49-Abstract.html';
const PMLR_CLIP = 'https://proceedings.mlr.press/v139/radford21a.html';

describe('venue and index pages reduce to the paper’s landing page', () => {
  it.each([
    [
      'https://aclanthology.org/2024.acl-long.662.pdf',
      'url:https://aclanthology.org/2024.acl-long.662',
    ],
    [
      'https://aclanthology.org/2024.acl-long.662/',
      'url:https://aclanthology.org/2024.acl-long.662',
    ],
    [
      'aclanthology.org/2020.findings-emnlp.139',
      'url:https://aclanthology.org/2020.findings-emnlp.139',
    ],
    ['https://aclanthology.org/P19-1001.pdf', 'url:https://aclanthology.org/P19-1001'],
    ['https://www.aclweb.org/anthology/P19-1001.pdf', 'url:https://aclanthology.org/P19-1001'],
    [
      `https://www.semanticscholar.org/paper/A-General-Theoretical-Paradigm/${S2_ID}`,
      `url:https://semanticscholar.org/paper/${S2_ID}`,
    ],
    [
      `https://www.semanticscholar.org/paper/${S2_ID.toUpperCase()}`,
      `url:https://semanticscholar.org/paper/${S2_ID}`,
    ],
    [
      'https://proceedings.neurips.cc/paper/2017/hash/d5e2c0adad503c91f91df240d0cd4e49-Abstract.html',
      `url:${NEURIPS_2017}`,
    ],
    [
      'https://papers.nips.cc/paper_files/paper/2017/file/d5e2c0adad503c91f91df240d0cd4e49-Paper.pdf',
      `url:${NEURIPS_2017}`,
    ],
    [
      'https://proceedings.neurips.cc/paper_files/paper/2023/file/a85b405ed65c6477a4fe8302b5e06ce7-Paper-Conference.pdf',
      'url:https://proceedings.neurips.cc/paper_files/paper/2023/hash/a85b405ed65c6477a4fe8302b5e06ce7-Abstract-Conference.html',
    ],
    ['http://proceedings.mlr.press/v139/radford21a.html', `url:${PMLR_CLIP}`],
    ['https://proceedings.mlr.press/v139/radford21a/radford21a.pdf', `url:${PMLR_CLIP}`],
  ])('%s → %s', (form, key) => {
    expect(normalisePaperRef(form)?.id).toBe(key);
  });

  it.each([
    'https://proceedings.neurips.cc/paper_files/paper/2023',
    'https://proceedings.mlr.press/v139',
    'https://aclanthology.org/volumes/2024.acl-long',
    'https://aclanthology.org/events/acl-2024',
    'https://aclanthology.org/people/a/ada-reviewer',
    'https://www.semanticscholar.org/author/Ada-Reviewer/123456',
  ])('leaves %s as the link it is', (form) => {
    const key = normalisePaperRef(form);
    expect(key?.kind).toBe('url');
    expect(key && namesAPaper(key)).toBe(false);
  });
});

describe('publisher pages that carry a DOI are that DOI', () => {
  it.each([
    ['https://dl.acm.org/doi/10.1145/3442188.3445922', 'doi:10.1145/3442188.3445922'],
    [
      'https://dl.acm.org/doi/pdf/10.1145/3442188.3445922?casa_token=x',
      'doi:10.1145/3442188.3445922',
    ],
    ['https://www.science.org/doi/full/10.1126/science.aar6404', 'doi:10.1126/science.aar6404'],
    ['https://www.pnas.org/doi/10.1073/pnas.1611835114', 'doi:10.1073/pnas.1611835114'],
    [
      'https://onlinelibrary.wiley.com/doi/epdf/10.1002/anie.201915678',
      'doi:10.1002/anie.201915678',
    ],
    [
      'https://link.springer.com/article/10.1007/s11263-015-0816-y',
      'doi:10.1007/s11263-015-0816-y',
    ],
    [
      'https://link.springer.com/content/pdf/10.1007/978-3-319-24574-4_28.pdf',
      'doi:10.1007/978-3-319-24574-4_28',
    ],
    ['https://www.nature.com/articles/nature16961', 'doi:10.1038/nature16961'],
    ['https://www.nature.com/articles/s41586-021-03819-2.pdf', 'doi:10.1038/s41586-021-03819-2'],
    [
      'https://www.biorxiv.org/content/10.1101/2020.12.01.406538v1.full.pdf',
      'doi:10.1101/2020.12.01.406538',
    ],
    [
      'https://www.medrxiv.org/content/10.1101/2020.04.14.20062463v2',
      'doi:10.1101/2020.04.14.20062463',
    ],
  ])('%s → %s', (form, key) => {
    expect(normalisePaperRef(form)?.id).toBe(key);
  });

  it.each([
    'https://dl.acm.org/doi/proceedings/10.1145/3442188',
    'https://www.nature.com/nature/volumes/529',
    'https://link.springer.com/journal/11263',
    'https://www.biorxiv.org/collection/neuroscience',
  ])('leaves %s, which is no article, a plain link', (form) => {
    expect(normalisePaperRef(form)?.kind).toBe('url');
  });
});

describe('what names a paper by itself', () => {
  it.each([
    '2305.18290',
    'doi:10.1038/nature16961',
    'https://openreview.net/pdf?id=HyxCxhRcY7',
    'https://aclanthology.org/2024.acl-long.662.pdf',
    `https://www.semanticscholar.org/paper/${S2_ID}`,
    'https://paperswithcode.com/paper/direct-preference-optimization-your-language',
    'https://paperswithcode.co/paper/102599',
    'https://huggingface.co/papers/2305.18290',
    NEURIPS_2017,
    PMLR_CLIP,
  ])('%s names a paper', (form) => {
    const key = normalisePaperRef(form);
    expect(key && namesAPaper(key)).toBe(true);
  });

  it.each([
    'https://sponsor-example.com/gradient',
    'https://x.com/gradientfriends',
    'https://podcasts.apple.com/us/podcast/gradient-descent-friends/id1234567890',
    'https://open.spotify.com/show/4rOoJ6Egrf8K2IrywzwOMk',
    'https://arxiv.org/list/cs.LG/recent',
    'https://papers.cool/arxiv/cs.AI',
    'https://paperswithcode.com/task/language-modelling',
    'https://huggingface.co/papers',
    'https://openreview.net/group?id=ICLR.cc/2024/Conference',
  ])('%s does not', (form) => {
    const key = normalisePaperRef(form);
    expect(key).not.toBeNull();
    expect(key && namesAPaper(key)).toBe(false);
  });
});

describe('CJK sentence punctuation around a pasted identifier', () => {
  it.each([
    ['https://arxiv.org/abs/2305.18290。', 'https://arxiv.org/abs/2305.18290'],
    ['（arXiv:2305.18290）', 'arXiv:2305.18290'],
    ['「10.1038/nature16961」、', '10.1038/nature16961'],
    ['【https://doi.org/10.1038/nature16961】', 'https://doi.org/10.1038/nature16961'],
  ])('%s → %s', (pasted, unwrapped) => {
    expect(unwrapPasted(pasted)).toBe(unwrapped);
    expect(parsePaperRef(pasted).ok).toBe(true);
  });
});
