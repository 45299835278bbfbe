import { describe, expect, it } from 'vitest';

import { parseApiPort, parseApiUrl, resolveApiEndpoint } from '../../web/src/lib/apiEndpoint.ts';
import { formatDuration } from '../../web/src/lib/format.ts';
import {
  episodeHref,
  isEpisodeId,
  looksLikePaperRef,
  paperHref,
  paperRefUrl,
  safeExternalUrl,
} from '../../web/src/lib/links.ts';

describe('links', () => {
  it('encodes every paper id into a single path segment that decodes back', () => {
    for (const id of [
      'arxiv:2305.18290',
      'doi:10.1038/nature16961',
      'url:https://example.org/a/b?x=1&y=2#frag',
      'arxiv:hep-th/9901001',
    ]) {
      const href = paperHref(id);
      const segment = href.slice('/paper/'.length);
      expect(segment).not.toContain('/');
      expect(segment).not.toContain('?');
      expect(segment).not.toContain('#');
      expect(decodeURIComponent(segment)).toBe(id);
    }
    expect(episodeHref('ep_0123456789ab')).toBe('/episode/ep_0123456789ab');
  });

  it('recognises episode ids by shape', () => {
    expect(isEpisodeId('ep_0123456789ab')).toBe(true);
    expect(isEpisodeId('ep_0123')).toBe(false);
    expect(isEpisodeId('arxiv:2305.18290')).toBe(false);
  });

  it.each([
    'https://arxiv.org/abs/2305.18290',
    'https://arxiv.org/pdf/2305.18290v2',
    'https://doi.org/10.1038/nature16961',
    '10.1038/nature16961',
    'doi:10.1038/nature16961',
    'arxiv:2305.18290',
    '2305.18290',
    '2305.18290v3',
    'hep-th/9901001',
  ])('treats %s as a paper reference', (text) => {
    expect(looksLikePaperRef(text)).toBe(true);
  });

  it.each([
    'DPO',
    'direct preference optimization',
    'reward model 2305',
    '',
    'http://',
    'step-level grader',
  ])('treats %j as search words', (text) => {
    expect(looksLikePaperRef(text)).toBe(false);
  });

  it('only lets http(s) URLs become external links', () => {
    expect(safeExternalUrl('https://arxiv.org/abs/1')).toBe('https://arxiv.org/abs/1');
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeExternalUrl('not a url')).toBeNull();
  });
});

describe('API endpoint configuration', () => {
  it('uses API_URL, else the local API on API_PORT, else port 4000', () => {
    expect(resolveApiEndpoint('http://api.internal:9000/graphql', 4100)).toBe(
      'http://api.internal:9000/graphql',
    );
    expect(resolveApiEndpoint(undefined, 4100)).toBe('http://127.0.0.1:4100/graphql');
    expect(resolveApiEndpoint(undefined, undefined)).toBe('http://127.0.0.1:4000/graphql');
  });

  it('validates the variables with messages naming them', () => {
    expect(parseApiUrl(undefined)).toBeUndefined();
    expect(parseApiUrl('')).toBeUndefined();
    expect(parseApiUrl('http://127.0.0.1:4000/graphql')).toBe('http://127.0.0.1:4000/graphql');
    expect(() => parseApiUrl('127.0.0.1:4000')).toThrow(/API_URL/);
    expect(() => parseApiUrl('ftp://x/graphql')).toThrow(/API_URL/);
    expect(parseApiPort('4100')).toBe(4100);
    expect(parseApiPort(undefined)).toBeUndefined();
    expect(() => parseApiPort('70000')).toThrow(/API_PORT/);
    expect(() => parseApiPort('12ab')).toThrow(/API_PORT/);
  });
});

describe('formatting', () => {
  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(65)).toBe('1 h 05 min');
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(0)).toBeNull();
  });
});

describe('where an uncited paper can be read', () => {
  it('links arXiv ids to the abstract, DOIs to doi.org and URLs to themselves', () => {
    expect(paperRefUrl('arXiv:1901.00001')).toBe('https://arxiv.org/abs/1901.00001');
    expect(paperRefUrl('1901.00001v2')).toBe('https://arxiv.org/abs/1901.00001v2');
    expect(paperRefUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(paperRefUrl('doi:10.1038/nature16961')).toBe('https://doi.org/10.1038/nature16961');
    expect(paperRefUrl('url:https://example.org/paper')).toBe('https://example.org/paper');
    expect(paperRefUrl('javascript:alert(1)')).toBeNull();
  });
});
