// Topics in view (metadata's arXiv categories or fields of study), for the topic filter and colours.
import type { GraphData } from '../api.ts';
import { OKABE_ITO } from './palette.ts';

export type PaperTopics = Readonly<Record<string, readonly string[]>>;

/** Colours of the most frequent topics in view (Okabe–Ito, told apart with most colour blindness). */
export const TOPIC_COLOURS = [...OKABE_ITO, '#f0e442', '#000000'] as const;
/** A paper whose topics are all outside the coloured ones, and one metadata gave no topic. */
export const OTHER_TOPIC_COLOUR = '#94a3b8';
export const NO_TOPIC_COLOUR = '#e2e8f0';
export const OTHER_TOPIC = TOPIC_COLOURS.length;
export const NO_TOPIC = TOPIC_COLOURS.length + 1;

export interface TopicCount {
  topic: string;
  papers: number;
}

const same = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;

export function hasTopic(topics: readonly string[] | undefined, topic: string): boolean {
  return topics?.some((t) => same(t, topic)) ?? false;
}

/** Every topic of the papers in view, most papers first (ties A–Z). */
export function topicsInView(graph: GraphData, topics: PaperTopics): TopicCount[] {
  const counts = new Map<string, number>();
  for (const node of graph.nodes) {
    if (node.kind !== 'PAPER') continue;
    for (const topic of new Set(topics[node.id] ?? []))
      counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return [...counts]
    .map(([topic, papers]) => ({ topic, papers }))
    .sort((a, b) => b.papers - a.papers || a.topic.localeCompare(b.topic));
}

/**
 * Each paper's colour index: the most frequent in `graph` (the legend's order) of its topics among the
 * TOPIC_COLOURS.length most frequent, else OTHER_TOPIC, or NO_TOPIC when metadata gave it none.
 */
export function topicColourIndex(graph: GraphData, topics: PaperTopics): Map<string, number> {
  const coloured = topicsInView(graph, topics)
    .slice(0, TOPIC_COLOURS.length)
    .map((t) => t.topic);
  const indices = new Map<string, number>();
  for (const node of graph.nodes) {
    if (node.kind !== 'PAPER') continue;
    const own = topics[node.id] ?? [];
    const first = own.map((t) => coloured.indexOf(t)).filter((i) => i >= 0);
    indices.set(
      node.id,
      own.length === 0 ? NO_TOPIC : first.length > 0 ? Math.min(...first) : OTHER_TOPIC,
    );
  }
  return indices;
}
