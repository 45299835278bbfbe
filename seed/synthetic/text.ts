// Prose for the synthetic feed, built from the words of the real seed page so word lengths, word
// frequencies and therefore tokenizer and full-text-index work look like the real thing.
import { readFileSync } from 'node:fs';

import type { Random } from './random.ts';

const SEED_PAGE = new URL('../ai-papers-deep-dive.txt', import.meta.url);

/**
 * Words that would turn prose into markup the episode parser looks for ("Source:", "Key Takeaways:",
 * "Recommended Reading:", "Chapters:"), so generated text can never be misread.
 */
const RESERVED = new Set([
  'source',
  'key',
  'takeaways',
  'recommended',
  'reading',
  'readings',
  'chapters',
  'timestamps',
]);

let cachedWords: string[] | null = null;

function loadWords(): string[] {
  if (cachedWords) return cachedWords;
  const text = readFileSync(SEED_PAGE, 'utf8');
  // Repeats kept on purpose: drawing from this list reproduces the page's word frequencies.
  // Links are not prose: their pieces ("https", "org", "abs") would read oddly and skew the index.
  const prose = text.replace(/\S+:\/\/\S+/g, ' ');
  const words = (prose.match(/[A-Za-z]{2,}/g) ?? [])
    .map((w) => w.toLowerCase())
    .filter((w) => !RESERVED.has(w));
  if (words.length < 1000)
    throw new Error(`${SEED_PAGE.pathname} has too few words to build a vocabulary`);
  cachedWords = words;
  return words;
}

export interface ProseWriter {
  /** A sentence of `min`–`max` words, capitalised, ending in a full stop; no colons, dashes or brackets. */
  sentence(min: number, max: number): string;
  /** Every word of four letters or more capitalised, as paper titles are. */
  titleCase(min: number, max: number): string;
  /** Sentence case without the full stop, as chapter and episode titles are. */
  heading(min: number, max: number): string;
  /** A made-up model or method name, e.g. "DeepTrace". */
  name(): string;
}

export function proseWriter(random: Random): ProseWriter {
  const words = loadWords();
  const word = () => random.pick(words);
  const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const run = (min: number, max: number) => {
    const count = random.int(min, max);
    const out: string[] = [];
    for (let i = 0; i < count; i += 1) out.push(word());
    return out;
  };
  return {
    sentence(min, max) {
      const out = run(min, max);
      out[0] = capitalise(out[0]!);
      // A comma now and then, as in real prose.
      if (out.length > 8) out[random.int(3, out.length - 3)] += ',';
      return `${out.join(' ')}.`;
    },
    titleCase(min, max) {
      return run(min, max)
        .map((w, i) => (i === 0 || w.length >= 4 ? capitalise(w) : w))
        .join(' ');
    },
    heading(min, max) {
      const out = run(min, max);
      out[0] = capitalise(out[0]!);
      return out.join(' ');
    },
    name() {
      return capitalise(word()) + capitalise(word()).slice(0, random.int(3, 6));
    },
  };
}
