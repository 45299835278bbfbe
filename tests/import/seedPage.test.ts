// The shipped seed page, parsed: values picked by hand from seed/ai-papers-deep-dive.txt.
import { describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import type { EpisodeRecord, ImportBatch, PaperRecord } from '../../server/src/domain/model.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { SEED_PAGE } from './seedFiles.ts';

const batch: ImportBatch = importFeedContent(SEED_PAGE, { file: 'ai-papers-deep-dive.txt' });

function episode(position: number): EpisodeRecord {
  const found = batch.episodes[position - 1];
  if (!found) throw new Error(`no episode ${position}`);
  return found;
}

function paper(id: string): PaperRecord {
  const found = batch.papers.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no paper ${id}`);
  return found;
}

const titleOf = (id: string): string | null => paper(id).title;

describe('seed page', () => {
  it('has the 8 episodes in page order, titled as on the page', () => {
    expect(batch.episodes.map((e) => e.title)).toEqual([
      'How DeepSeek Made One User Faster Without Slowing Down the Crowd',
      'Why Raw Profiler Data Made an AI Worse at Writing GPU Code',
      'How an AI Reviewer Learned to Stop Going Easy on AI Writing',
      'An AI Designed Its Own Psychology Studies, Then Confirmed What It Found',
      'One Crosscoder Feature Flips a Stalling Chatbot Into a Working Agent',
      'The Free Step-Level Grader Hiding in Every RL Training Run',
      "When the AI 'Schemes,' It's Usually Just Lazy or Confused",
      "One Bad Token Can Sink a Model's Math, And You Can Delete It",
    ]);
  });

  it('reads durations, episode dates (not the "9 hr ago" labels) and paper dates in both page formats', () => {
    expect(batch.episodes.map((e) => e.durationMinutes)).toEqual([23, 25, 23, 31, 26, 22, 28, 22]);
    expect(batch.episodes.map((e) => e.publishedAt)).toEqual([
      '2026-06-27',
      '2026-06-26',
      '2026-06-26',
      '2026-06-26',
      '2026-06-26',
      '2026-06-25',
      '2026-06-25',
      '2026-06-25',
    ]);
    expect(episode(1).paperPublishedAt).toBe('2026-06-27'); // "Paper was published on 2026-06-27"
    expect(episode(2).paperPublishedAt).toBe('2026-06-24'); // "Paper was published on June 24, 2026"
    expect(episode(5).paperPublishedAt).toBe('2026-06-25');
  });

  it('episode 1: summary without the disclaimers, 6 takeaways, 10 chapters, 4 readings', () => {
    const first = episode(1);
    expect(first.summary).toMatch(/^DeepSeek tore out the fast-text part of its flagship model/);
    expect(first.summary).toMatch(
      /the two moves that break a trade-off everyone assumed was iron\.$/,
    );
    expect(first.summary).not.toMatch(/AI-generated|script was written|not affiliated|Source:/);
    expect(first.takeaways).toHaveLength(6);
    expect(first.takeaways[0]).toBe(
      "Why position-one accuracy carries enormous leverage in speculative decoding — and how a 'tall cliff' parallel drafter beats a flat-but-coherent autoregressive one",
    );
    expect(first.takeaways[5]).toBe(
      "Why the headline isn't one magic multiplier but a better Pareto frontier — more speed and more users on the same hardware",
    );
    expect(first.chapters).toHaveLength(10);
    expect(first.chapters[0]).toEqual({
      start: '01:30',
      startSeconds: 90,
      title: 'Why the slow part is the bottleneck',
      summary:
        'Explains why one-token-at-a-time generation wastes a parallel GPU and turns a math monster into a typewriter.',
    });
    expect(first.chapters[8]?.title).toBe('Does the whole machine actually hold up?');
    expect(first.chapters[9]).toMatchObject({
      start: '19:17',
      startSeconds: 1157,
      title: 'The catch the paper sometimes blurs',
    });
    expect(first.chapters[9]?.summary).toMatch(
      /dropped RNN head — then names the durable ideas\.$/,
    );
    expect(first.recommendations.map((r) => r.paperId)).toEqual([
      'arxiv:2211.17192',
      'arxiv:2401.15077',
      'arxiv:2401.10774',
      'arxiv:1706.04599',
    ]);
    expect(first.recommendations[1]?.note).toBe(
      "The autoregressive drafter lineage (Eagle3) that DSpark benchmarks its accepted-length gains against, representing the 'coherent but sequential' camp the episode contrasts with parallel drafters.",
    );
  });

  it('every episode has its takeaways, chapters and readings', () => {
    expect(batch.episodes.map((e) => e.takeaways.length)).toEqual([6, 6, 6, 6, 6, 6, 6, 6]);
    expect(batch.episodes.map((e) => e.chapters.length)).toEqual([10, 9, 10, 9, 10, 8, 9, 9]);
    expect(batch.episodes.map((e) => e.recommendations.length)).toEqual([4, 2, 4, 1, 3, 4, 4, 4]);
  });

  it('splits titles that contain colons from their notes', () => {
    expect(titleOf('arxiv:2401.15077')).toBe(
      'EAGLE: Speculative Sampling Requires Rethinking Feature Uncertainty',
    );
    expect(titleOf('arxiv:2410.20268')).toBe('Centaur: a foundation model of human cognition');
    expect(episode(4).recommendations[0]?.note).toMatch(/^The Helmholtz Munich line of work/);
    expect(titleOf('arxiv:2502.10517')).toBe('KernelBench: Can LLMs Write Efficient GPU Kernels?');
    expect(titleOf('arxiv:2410.04444')).toBe(
      'Gödel Agent: A Self-Referential Framework for Agents Recursively Self-Improvement',
    );
    expect(titleOf('arxiv:2305.18290')).toBe(
      'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
    );
    expect(titleOf('arxiv:2312.08935')).toBe(
      'Math-Shepherd: Verify and Reinforce LLMs Step-by-step without Human Annotations',
    );
    expect(titleOf('url:https://anthropic.com/research/agentic-misalignment')).toBe(
      'Agentic Misalignment: How LLMs Could Be Insider Threats',
    );
    // Chapter titles follow the same rule.
    expect(episode(5).chapters[2]?.title).toBe('Bolting down the shelves: the DFC');
    expect(episode(5).chapters[6]).toMatchObject({ title: 'A frozen model catches the trick' });
    expect(episode(5).chapters[6]?.summary).toMatch(
      /^Capability spillover: the untrained base model/,
    );
    expect(episode(3).chapters[8]).toMatchObject({
      start: '17:13',
      title: 'Where the skeptic wins',
    });
    expect(episode(3).chapters[8]?.summary).toMatch(
      /^The honest limits: everything rides on imperfect anchors/,
    );
  });

  it('gives all 26 readings a title and a note', () => {
    // 26 readings; DPO and "Let's Verify Step by Step" are recommended twice.
    expect(batch.papers.filter((p) => p.title !== null).map((p) => p.title)).toEqual([
      'Fast Inference from Transformers via Speculative Decoding',
      'EAGLE: Speculative Sampling Requires Rethinking Feature Uncertainty',
      'Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads',
      'On Calibration of Modern Neural Networks',
      'KernelBench: Can LLMs Write Efficient GPU Kernels?',
      'Mastering the Game of Go with Deep Neural Networks and Tree Search',
      'Gödel Agent: A Self-Referential Framework for Agents Recursively Self-Improvement',
      'Darwin Gödel Machine: Open-Ended Evolution of Self-Improving Agents',
      'LLM Evaluators Recognize and Favor Their Own Generations',
      'Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena',
      'Centaur: a foundation model of human cognition',
      'Towards Monosemanticity: Decomposing Language Models With Dictionary Learning',
      'Sparse Crosscoders for Cross-Layer Features and Model Diffing',
      'Toy Models of Superposition',
      'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
      "Let's Verify Step by Step",
      'Math-Shepherd: Verify and Reinforce LLMs Step-by-step without Human Annotations',
      'Proximal Policy Optimization Algorithms',
      'Agentic Misalignment: How LLMs Could Be Insider Threats',
      'Measuring Faithfulness in Chain-of-Thought Reasoning',
      'Frontier Models are Capable of In-context Scheming',
      'Alignment Faking in Large Language Models',
      'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models',
      'Self-Consistency Improves Chain of Thought Reasoning in Language Models',
    ]);
    const notes = batch.episodes.flatMap((e) => e.recommendations.map((r) => r.note));
    expect(notes).toHaveLength(26);
    // Each note is the sentence after the title: capitalised, ending in a full stop (maybe inside a quote).
    for (const note of notes) expect(note).toMatch(/^\p{Lu}.*\.'?$/u);
  });

  it('identifies papers by canonical key: arXiv, DOI and plain links', () => {
    expect(paper('doi:10.1038/nature16961')).toEqual({
      id: 'doi:10.1038/nature16961',
      title: 'Mastering the Game of Go with Deep Neural Networks and Tree Search',
      url: 'https://doi.org/10.1038/nature16961',
      arxivId: null,
      doi: '10.1038/nature16961',
      aliases: ['https://doi.org/10.1038/nature16961'],
    });
    expect(episode(5).recommendations.map((r) => r.paperId)).toEqual([
      'url:https://transformer-circuits.pub/2023/monosemantic-features',
      'url:https://transformer-circuits.pub/2024/crosscoders',
      'url:https://transformer-circuits.pub/2022/toy_model',
    ]);
    expect(paper('url:https://anthropic.com/research/agentic-misalignment')).toMatchObject({
      url: 'https://anthropic.com/research/agentic-misalignment',
      aliases: ['https://www.anthropic.com/research/agentic-misalignment'],
    });
    expect(paper('arxiv:2606.26453')).toEqual({
      id: 'arxiv:2606.26453',
      title: null, // source papers have no title on the page
      url: 'https://arxiv.org/abs/2606.26453',
      arxivId: '2606.26453',
      doi: null,
      aliases: ['https://arxiv.org/abs/2606.26453'],
    });
  });

  it('keys each episode by its source paper, and shares papers cited by several episodes', () => {
    expect(episode(1).sourcePaperId).toBe(
      'url:https://raw.githubusercontent.com/deepseek-ai/DeepSpec/main/DSpark_paper.pdf',
    );
    expect(episode(2).sourcePaperId).toBe('arxiv:2606.26453');
    for (const e of batch.episodes) expect(e.id).toBe(episodeIdFor(e.sourcePaperId!));
    expect(batch.papers).toHaveLength(32); // 8 sources + 24 distinct readings
    const citingDpo = batch.episodes.filter((e) =>
      e.recommendations.some((r) => r.paperId === 'arxiv:2305.18290'),
    );
    expect(citingDpo.map((e) => e.title)).toEqual([
      'The Free Step-Level Grader Hiding in Every RL Training Run',
      "One Bad Token Can Sink a Model's Math, And You Can Delete It",
    ]);
  });
});
