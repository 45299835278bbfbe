// Documents counted into one vocabulary, so a text index built from some can take the others: what
// the text-index tests build and update indexes from.
import { TermNumbering } from '../../server/src/relations/termNumbering.ts';
import { type TextTerms, Vocabulary } from '../../server/src/relations/terms.ts';
import type { CountedDocument } from '../../server/src/relations/textIndex.ts';

export class CountingCorpus {
  private readonly tokenizer = new Vocabulary();
  readonly numbering = new TermNumbering(this.tokenizer);

  counted(id: string, terms: TextTerms): CountedDocument {
    const entries = [...terms];
    return {
      id,
      terms: this.numbering.adopt({
        terms: Int32Array.from(entries, ([term]) => this.tokenizer.termId(term)),
        counts: Uint32Array.from(entries, ([, { count }]) => count),
        forms: Int32Array.from(entries, ([, { surface }]) => this.tokenizer.formId(surface)),
        nouns: new Uint8Array(entries.length),
      }),
    };
  }
}
