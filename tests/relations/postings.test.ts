// The text index's flat per-term tables: posting lists that outgrow their room move without losing
// a posting, and the way a term is shown is the way most texts wrote it.
import { describe, expect, it } from 'vitest';

import { Postings } from '../../server/src/relations/postings.ts';
import { TermForms } from '../../server/src/relations/termForms.ts';

function listOf(postings: Postings, term: number): [number, number][] {
  const from = postings.start[term]!;
  return Array.from({ length: postings.length[term]! }, (_, i) => [
    postings.slots[from + i]!,
    postings.weights[from + i]!,
  ]);
}

describe('flat posting lists', () => {
  it('keeps every list whole when updates add beyond the room a build laid out', () => {
    const postings = Postings.laidOut(Int32Array.from([2, 0, 1]));
    postings.add(0, 7, 0.5);
    postings.add(0, 8, 0.25);
    postings.add(2, 3, 1);
    for (let slot = 0; slot < 20; slot += 1) postings.add(1, slot, slot / 10);
    postings.add(0, 9, 0.125);
    postings.add(2, 4, 2);
    expect(listOf(postings, 0)).toEqual([
      [7, 0.5],
      [8, 0.25],
      [9, 0.125],
    ]);
    expect(listOf(postings, 1)).toEqual(Array.from({ length: 20 }, (_, s) => [s, s / 10]));
    expect(listOf(postings, 2)).toEqual([
      [3, 1],
      [4, 2],
    ]);
  });

  it('takes a posting out by moving the last one into its place', () => {
    const postings = Postings.laidOut(Int32Array.from([3]));
    postings.add(0, 1, 0.1);
    postings.add(0, 2, 0.2);
    postings.add(0, 3, 0.3);
    postings.remove(0, 1);
    postings.remove(0, 42);
    expect(listOf(postings, 0)).toEqual([
      [3, 0.3],
      [2, 0.2],
    ]);
  });
});

describe('the ways a term is written', () => {
  const spelled = ['decoding', 'Decoding', 'decode'];
  const spell = (form: number) => spelled[form]!;

  it('shows the most common way, ties going to the first string in order', () => {
    const forms = new TermForms();
    forms.fit(2);
    for (const form of [0, 2, 2, 1, 1, 0]) forms.count(0, form);
    forms.count(1, 2);
    forms.count(1, 0);
    forms.count(1, 0);
    expect(forms.shown(0, spell)).toBe('Decoding');
    expect(forms.shown(1, spell)).toBe('decoding');
  });
});
