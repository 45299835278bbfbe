import { describe, expect, it } from 'vitest';

import {
  EPISODE_SEARCH_FIELDS,
  PAPER_SEARCH_FIELDS,
  toLuceneQuery,
} from '../../server/src/store/neo4j/luceneQuery.ts';

const only = { title: 1 };

describe('toLuceneQuery', () => {
  it('requires every word, a plain word also as a prefix, lowercased', () => {
    expect(toLuceneQuery('Reward Model', only)).toBe(
      '(title:("reward" OR reward*)^1) AND (title:("model" OR model*)^1)',
    );
  });

  it('keeps a word with punctuation as one phrase, so identifiers stay whole', () => {
    expect(toLuceneQuery('2305.18290', only)).toBe('(title:"2305.18290"^1)');
    expect(toLuceneQuery('GPT-4', only)).toBe('(title:"gpt-4"^1)');
  });

  it('turns Lucene syntax in user input into plain text', () => {
    for (const input of [
      'title:x',
      'a OR b',
      '*',
      'x~2',
      'x^9',
      '(x)',
      '[a TO z]',
      'x"y',
      'x\\y',
      '"(* AND NOT',
    ]) {
      const query = toLuceneQuery(input, only);
      if (query === null) continue;
      // Outside the quoted phrases only our own syntax remains: field names, OR/AND, boosts, prefix stars.
      const outside = query.replace(/"[^"\\]*"/g, '""');
      expect(outside, input).toMatch(
        /^(\(title:(""|\(""( OR [\p{L}\p{N}]+\*)?\))\^1\)( AND )?)+$/u,
      );
    }
  });

  it('is null when nothing searchable is left', () => {
    expect(toLuceneQuery('', only)).toBeNull();
    expect(toLuceneQuery('  -- ** ', only)).toBeNull();
    expect(toLuceneQuery('the AND NOT', only)).toBeNull();
  });

  it('drops stop words the English analyzer never indexes, keeps the rest', () => {
    expect(toLuceneQuery('all you need is attention', only)).toBe(
      ['all', 'you', 'need', 'attention'].map((w) => `(title:("${w}" OR ${w}*)^1)`).join(' AND '),
    );
  });

  it('weights fields like the embedded store (title first)', () => {
    expect(toLuceneQuery('verify', EPISODE_SEARCH_FIELDS)).toBe(
      '(title:("verify" OR verify*)^10 OR summary:("verify" OR verify*)^2 OR searchDetails:("verify" OR verify*)^2 OR searchNotes:("verify" OR verify*)^1)',
    );
    expect(toLuceneQuery('verify', PAPER_SEARCH_FIELDS)).toContain('searchIdentifiers:');
  });

  it('caps the number of words', () => {
    const query = toLuceneQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '), only);
    expect(query?.split(' AND ')).toHaveLength(32);
  });
});
