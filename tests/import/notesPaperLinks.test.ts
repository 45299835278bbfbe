// Paper links in any show notes: what each fixture feed's episodes link to, with the sentence each
// paper is linked from, and what is not a paper (sponsors, social, podcast apps, the show's own site).
import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { episodeLabel } from '../../server/src/import/errors.ts';
import { notesOfEpisode } from '../../server/src/import/notes/episodeNotes.ts';
import { type NoteSource, paperLinksInNotes } from '../../server/src/import/notes/paperLinks.ts';
import { parseChapters } from '../../server/src/import/podcasting20/chapters.ts';
import { readPodcastFeed } from '../../server/src/import/podcasting20/podcastFeed.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const RESEARCH_FEED = 'research-podcast/feed.xml';

function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** Each episode's paper links as [key, field, note] rows, and its problems. */
function linksOfFeed(file: string) {
  const feed = readPodcastFeed(fixture(file), file);
  return feed.episodes.map((episode) => {
    const found = paperLinksInNotes(notesOfEpisode(episode), {
      file,
      episode: episodeLabel(episode.raw.position, episode.raw.title),
    });
    return {
      title: episode.raw.title,
      papers: found.papers.map(({ key, field, note }) => [key.id, field, note]),
      problems: found.problems,
    };
  });
}

const PLACE = { episode: '#1 "Test"' };

function keysIn(html: string): string[] {
  return paperLinksInNotes([{ field: 'description', html }], PLACE).papers.map((p) => p.key.id);
}

describe('the research-podcast fixture', () => {
  const [dpo, german, lora, mailbag] = linksOfFeed(RESEARCH_FEED);

  it('links each paper of an HTML list once, under its canonical key, with its list item as the note', () => {
    expect(dpo?.papers).toEqual([
      [
        'arxiv:2305.18290',
        'content:encoded',
        'Direct Preference Optimization: Your Language Model is Secretly a Reward Model (Rafailov et al. 2023)',
      ],
      [
        'arxiv:1707.06347',
        'content:encoded',
        'The PPO paper, Proximal Policy Optimization Algorithms.',
      ],
      [
        'arxiv:2203.02155',
        'content:encoded',
        'Ouyang et al., InstructGPT: https://arxiv.org/pdf/2203.02155',
      ],
      [
        'doi:10.1145/3442188.3445922',
        'content:encoded',
        'A critique from FAccT (10.1145/3442188.3445922), which Ben keeps quoting.',
      ],
      [
        'url:https://proceedings.neurips.cc/paper_files/paper/2017/hash/d5e2c0adad503c91f91df240d0cd4e49-Abstract.html',
        'content:encoded',
        'RLHF’s ancestor: Christiano et al. 2017 (also doi:10.48550/arXiv.1706.03741).',
      ],
      [
        'arxiv:1706.03741',
        'content:encoded',
        'RLHF’s ancestor: Christiano et al. 2017 (also doi:10.48550/arXiv.1706.03741).',
      ],
      [
        'url:https://openreview.net/forum?id=iUwHnoENnl',
        'content:encoded',
        'Reviews of KTO on OpenReview.',
      ],
      [
        'url:https://aclanthology.org/2024.acl-long.662',
        'content:encoded',
        'An ACL paper on preference data: aclanthology.org/2024.acl-long.662',
      ],
      [
        'url:https://semanticscholar.org/paper/1a0e4f3eae4c6a4cb0ef8fc9c5be4bb0ae73ff1c',
        'content:encoded',
        'Semantic Scholar’s page for IPO: A General Theoretical Paradigm',
      ],
      ['arxiv:2402.01306', 'content:encoded', 'Hugging Face’s daily papers thread: KTO'],
    ]);
    expect(dpo?.problems).toEqual([]);
  });

  it('finds bare ids, schemeless links and DOIs in parentheses in a German and Chinese episode', () => {
    expect(german?.papers).toEqual([
      [
        'arxiv:1706.03762',
        'description',
        'Wir lesen „Attention Is All You Need“ (arXiv 1706.03762) noch einmal, z. B. die Positionskodierung.',
      ],
      [
        'arxiv:hep-th/9711200',
        'description',
        'Dazu das ältere hep-th/9711200 als Exkurs über Skalen, und die Arbeit von Kaplan u. a. zu Skalierungsgesetzen: arxiv.org/abs/2001.08361v1.',
      ],
      [
        'arxiv:2001.08361',
        'description',
        'Dazu das ältere hep-th/9711200 als Exkurs über Skalen, und die Arbeit von Kaplan u. a. zu Skalierungsgesetzen: arxiv.org/abs/2001.08361v1.',
      ],
      [
        'arxiv:2005.14165',
        'description',
        '中文摘要：我们讨论了论文https://arxiv.org/abs/2005.14165。',
      ],
      [
        'doi:10.1038/nature16961',
        'description',
        'Die DOI des Nature-Artikels zu AlphaGo lautet (https://doi.org/10.1038/nature16961).',
      ],
    ]);
  });

  it('reads a long tracking link to arXiv, and says which identifiers it could not read and where', () => {
    expect(lora?.papers.map(([key]) => key)).toEqual(['arxiv:2106.09685']);
    expect(lora?.papers[0]?.[2]).toMatch(
      /^LoRA, from the newsletter link: https:\/\/arxiv\.org\/abs\/2106\.09685v2\?utm_source=newsletter&utm_medium=email&utm_campaign=(?:lowrank)+&mc_cid=(?:0f)+ — and the QLoRA follow-up, arXiv:2305\.1431 \(as written in last week's notes\)\.$/,
    );
    expect(lora?.problems).toEqual([
      {
        file: RESEARCH_FEED,
        episode: '#3 "Ep. 40 — LoRA, and a link that never ends"',
        field: 'description',
        message: '"arXiv:2305.1431" is not read as a paper: "2305.1431" is not an arXiv identifier',
      },
      {
        file: RESEARCH_FEED,
        episode: '#3 "Ep. 40 — LoRA, and a link that never ends"',
        field: 'description',
        message: expect.stringMatching(
          /^"https:\/\/track\.sponsor-example\.com\/c\/a1B2c3D4e5.*…" is not read as a paper: identifier longer than 2100 characters$/,
        ),
      },
    ]);
  });

  it('finds no paper in an episode that links only mail, chat, merch and a sponsor', () => {
    expect(mailbag).toEqual({ title: 'Ep. 39 — Listener mailbag', papers: [], problems: [] });
  });

  it('reads chapter titles and links as notes', () => {
    const { chapters } = parseChapters(fixture('research-podcast/41-chapters.json'));
    const found = paperLinksInNotes([{ field: 'podcast:chapters', chapters }], PLACE);
    expect(found.papers.map(({ key, field, note }) => [key.id, field, note])).toEqual([
      ['arxiv:1707.06347', 'podcast:chapters', 'PPO, the baseline'],
      [
        'arxiv:2402.01306',
        'podcast:chapters',
        'KTO: Model Alignment as Prospect Theoretic Optimization',
      ],
    ]);
  });
});

describe("podcast-feed-parser's test feeds (non-research shows)", () => {
  const dir = new URL('podcast-feed-parser/', FIXTURES);
  const files = readdirSync(dir).filter(
    (name) => name.endsWith('.xml') && name !== 'bc-sample-bad.xml',
  );

  it.each(files)('%s: every episode is found, none links a paper', (name) => {
    const episodes = linksOfFeed(`podcast-feed-parser/${name}`);
    expect(episodes.length).toBe(name.startsWith('replyall') ? 3 : 4);
    for (const episode of episodes) expect(episode).toMatchObject({ papers: [], problems: [] });
  });
});

describe('what a note is', () => {
  it('is the sentence as written: entities decoded, tags dropped, whitespace as HTML shows it', () => {
    const found = paperLinksInNotes(
      [
        {
          field: 'content:encoded',
          html: '<p>First point.   We read <em>Ben&#8217;s</em>\n  pick &amp; <a href="https://arxiv.org/abs/2305.18290">DPO</a>. Then more.</p>',
        },
      ],
      PLACE,
    );
    expect(found.papers[0]?.note).toBe('We read Ben’s pick & DPO.');
    expect(found.papers[0]?.written).toBe('https://arxiv.org/abs/2305.18290');
  });

  it('keeps "et al." and initials inside their sentence', () => {
    const found = paperLinksInNotes(
      [{ field: 'description', html: 'As J. Smith et al. showed (arXiv:2305.18290). Next.' }],
      PLACE,
    );
    expect(found.papers[0]?.note).toBe('As J. Smith et al. showed (arXiv:2305.18290).');
  });

  it('is the first place a paper is linked, in the order the fields are given', () => {
    const sources: NoteSource[] = [
      { field: 'content:encoded', html: '<li>The full entry, arxiv.org/pdf/2305.18290v3.pdf</li>' },
      { field: 'description', html: 'Short: 2305.18290' },
    ];
    const [paper] = paperLinksInNotes(sources, PLACE).papers;
    expect([paper?.field, paper?.note]).toEqual([
      'content:encoded',
      'The full entry, arxiv.org/pdf/2305.18290v3.pdf',
    ]);
  });
});

describe('the words a link is written under', () => {
  it('are every anchor text and chapter title a paper is linked under, never a link or a bare identifier', () => {
    const found = paperLinksInNotes(
      [
        {
          field: 'content:encoded',
          html: '<a href="https://arxiv.org/abs/2305.18290">Direct Preference\n Optimization</a> <a href="https://arxiv.org/abs/1707.06347">arxiv.org/abs/1707.06347</a> <a href="https://arxiv.org/abs/2203.02155"><img src="x.png"></a> and 1706.03762',
        },
        {
          field: 'podcast:chapters',
          chapters: [
            { title: 'KTO', url: 'https://arxiv.org/abs/2402.01306' },
            { title: 'DPO', url: 'https://arxiv.org/pdf/2305.18290v3' },
            { title: 'DPO', url: 'https://arxiv.org/abs/2305.18290' },
          ],
        },
      ],
      PLACE,
    );
    expect(found.papers.map(({ key, linkTexts }) => [key.id, linkTexts])).toEqual([
      ['arxiv:2305.18290', ['Direct Preference Optimization', 'DPO']],
      ['arxiv:1707.06347', []],
      ['arxiv:2203.02155', []],
      ['arxiv:1706.03762', []],
      ['arxiv:2402.01306', ['KTO']],
    ]);
  });
});

describe('which links are papers', () => {
  it('reads every arXiv, DOI and OpenReview form', () => {
    expect(
      keysIn(
        'See https://arxiv.org/html/2305.18290v2, https://export.arxiv.org/abs/hep-th/9901001v3 and math.GT/0309136; doi.org/10.1000/xyz123 and doi:10.5555/ABC.def. Also https://openreview.net/forum?id=HyxCxhRcY7&noteId=SJxMnvV6h7.',
      ),
    ).toEqual([
      'arxiv:2305.18290',
      'arxiv:hep-th/9901001',
      'arxiv:math/0309136',
      'doi:10.1000/xyz123',
      'doi:10.5555/abc.def',
      'url:https://openreview.net/forum?id=HyxCxhRcY7',
    ]);
  });

  it('trims the sentence’s punctuation and brackets, keeping a DOI’s own parentheses', () => {
    expect(keysIn('(10.1016/0370-2693(93)90046-X).')).toEqual(['doi:10.1016/0370-2693(93)90046-x']);
    expect(keysIn('[paper](https://arxiv.org/abs/2305.18290v1)')).toEqual(['arxiv:2305.18290']);
  });

  it('takes an anchor’s target, not its text, and reads both when both name papers', () => {
    expect(keysIn('<a href="https://arxiv.org/abs/1706.03762">the paper</a>')).toEqual([
      'arxiv:1706.03762',
    ]);
    expect(keysIn('<a href="https://sponsor-example.com/x">arXiv:2305.18290</a>')).toEqual([
      'arxiv:2305.18290',
    ]);
  });

  it('leaves sponsors, social profiles, apps, listings and plain numbers out, and says nothing of them', () => {
    const found = paperLinksInNotes(
      [
        {
          field: 'description',
          html: '<a href="https://www.squarespace.com/pod?utm_source=x">Sponsor</a> <a href="https://x.com/show">X</a> <a href="mailto:a@b.org">mail</a> <a href="/about">about</a> https://arxiv.org/list/cs.LG/recent Version 2023.1 costs $1299.99, call 1234.5678.',
        },
      ],
      PLACE,
    );
    expect(found).toEqual({ papers: [], problems: [] });
  });

  it('does not read HTML a note only shows as code', () => {
    expect(keysIn('<script>var u = "https://arxiv.org/abs/2305.18290";</script>')).toEqual([]);
  });
});

describe('notes of any size', () => {
  it('reads thousands of links in one paragraph without going through the paragraph per link', () => {
    const sentences = Array.from(
      { length: 3000 },
      (_, i) =>
        `Paper ${i} is at https://arxiv.org/abs/2305.${10000 + i} and https://s.example.com/${i}.`,
    );
    const started = performance.now();
    const found = paperLinksInNotes([{ field: 'description', html: sentences.join(' ') }], PLACE);
    // Once per link, the same reading took over ten seconds here; linear, it takes well under one.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(found.papers).toHaveLength(3000);
    expect(found.papers[2999]?.note).toBe(sentences[2999]);
  });
});
