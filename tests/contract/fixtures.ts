// A small, realistic slice of the podcast: five episodes around RL-for-reasoning papers, sharing papers
// the way the real feed does (one cited by every episode, some by two, some by one).
import type { PaperRecord } from '../../server/src/domain/model.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';

export const papers = {
  instructGpt: arxivPaper(
    '2203.02155',
    'Training language models to follow instructions with human feedback',
  ),
  ppo: arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms'),
  verify: arxivPaper('2305.20050', "Let's Verify Step by Step", ['arXiv:2305.20050']),
  dpo: arxivPaper(
    '2305.18290',
    'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
    ['https://arxiv.org/pdf/2305.18290v2'],
  ),
  deepseekMath: arxivPaper(
    '2402.03300',
    'DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models',
  ),
  processOutcome: arxivPaper(
    '2211.14275',
    'Solving math word problems with process- and outcome-based feedback',
  ),
  /** Source papers never recommended elsewhere: the page gives them no title. */
  r1: arxivPaper('2501.12948', null),
  untitled: arxivPaper('2606.26453', null),
  alphaGo: {
    id: 'doi:10.1038/nature16961',
    title: 'Mastering the game of Go with deep neural networks and tree search',
    url: 'https://doi.org/10.1038/nature16961',
    arxivId: null,
    doi: '10.1038/nature16961',
    aliases: ['https://doi.org/10.1038/nature16961', '10.1038/NATURE16961'],
  },
  rewardHacking: {
    id: 'url:https://lilianweng.github.io/posts/2024-11-28-reward-hacking',
    title: 'Reward Hacking in Reinforcement Learning',
    url: 'https://lilianweng.github.io/posts/2024-11-28-reward-hacking/',
    arxivId: null,
    doi: null,
    aliases: ['https://lilianweng.github.io/posts/2024-11-28-reward-hacking/'],
  },
  attention: arxivPaper('1706.03762', 'Attention Is All You Need'),
} satisfies Record<string, PaperRecord>;

const p = papers;

export const episodes = {
  grpo: episode({
    title: 'GRPO: Group Relative Policy Optimization for Math',
    source: p.deepseekMath,
    recommends: [
      p.ppo,
      p.instructGpt,
      { paper: p.verify, note: 'Process supervision beats outcome supervision.' },
    ],
    publishedAt: '2026-05-02',
    summary:
      'How a critic-free RL objective teaches a model to verify and refine its own math answers.',
    takeaways: ['Group baselines replace the value network.'],
  }),
  r1: episode({
    title: 'DeepSeek-R1: Reasoning Through Pure Reinforcement Learning',
    source: p.r1,
    recommends: [
      p.deepseekMath,
      p.ppo,
      p.instructGpt,
      p.verify,
      { paper: p.rewardHacking, note: 'Why learned rewards get gamed.' },
    ],
    publishedAt: '2026-05-20',
    summary: 'Long chains of thought emerge from rule-based rewards alone.',
    takeaways: [
      'Cold-start data fixes readability.',
      'Distillation carries reasoning to small models.',
    ],
  }),
  dpo: episode({
    title: 'Direct Preference Optimization Without the Reward Model',
    source: p.dpo,
    recommends: [
      p.instructGpt,
      p.ppo,
      { paper: p.alphaGo, note: 'Self-play and search, the other road to superhuman play.' },
    ],
    publishedAt: '2026-04-11',
    summary: 'A classification loss on preference pairs replaces the RLHF pipeline.',
  }),
  prm: episode({
    title: "Let's Verify Step by Step: Process Reward Models",
    source: p.verify,
    recommends: [
      { paper: p.processOutcome, note: 'The earlier process-versus-outcome comparison.' },
      p.instructGpt,
    ],
    publishedAt: null,
    summary: 'Step-level human labels train a reward model that catches reasoning errors.',
    takeaways: ['PRM800K has 800k step labels.'],
  }),
  fresh: episode({
    title: 'Self-Checking Reward Models',
    source: p.untitled,
    recommends: [
      p.dpo,
      p.processOutcome,
      p.instructGpt,
      { paper: p.alphaGo, note: 'Tree search as a checker.' },
    ],
    publishedAt: '2026-06-30',
    summary: 'Reward models that audit their own judgements before scoring.',
  }),
};

const allPapers = Object.values(papers);

/** The five connected episodes. */
export const podcastBatch = batchOf(Object.values(episodes), allPapers);

/** A second component nobody else links to. */
export const lonelyEpisode = episode({
  title: 'Transformers, Ten Years On',
  source: p.attention,
  publishedAt: '2026-01-15',
  summary: 'A retrospective on the architecture.',
});
export const lonelyBatch = batchOf([lonelyEpisode], allPapers);

export function batchWith(...list: Parameters<typeof batchOf>[0]) {
  return batchOf(list, allPapers);
}
