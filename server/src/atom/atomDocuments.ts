// Feeds out (RFC 4287 Atom): one per paper — the episodes citing it, newest first, with kind and note —
// and one for the whole graph — its newest episodes. Links point at the web app (`site`), which serves
// these documents at /paper/<ref>/feed.atom and /feed.atom. Text is escaped by the XML builder.
import { XMLBuilder } from 'fast-xml-parser';

import { citedPaperIds } from '../domain/model.ts';
import { paperLabel } from '../ids/paperId.ts';
import { newestEpisodes, paperCiters } from '../queries/atomFeeds.ts';
import type { GraphStore } from '../store/store.ts';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
/** Entries per document: a feed reader wants the recent ones, not the archive. */
const ATOM_ENTRIES = 50;
/** A fixed instant for graphs without any dated episode, so documents stay byte-stable. */
const EPOCH = '1970-01-01T00:00:00Z';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
});

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string | null;
  category: string | null;
}

interface AtomDocument {
  id: string;
  title: string;
  subtitle: string;
  self: string;
  alternate: string;
  entries: AtomEntry[];
  /** When the feed last changed; the newest entry's time when not given. */
  updated?: string | null;
}

/** A YYYY-MM-DD publication date as an Atom instant. */
const instant = (date: string | null): string => (date === null ? EPOCH : `${date}T00:00:00Z`);

const episodeUrl = (site: string, id: string) => `${site}/episode/${encodeURIComponent(id)}`;
const paperUrl = (site: string, id: string) => `${site}/paper/${encodeURIComponent(id)}`;

function render(doc: AtomDocument): string {
  const updated =
    doc.updated ??
    doc.entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), EPOCH);
  const feed = {
    '@_xmlns': ATOM_NS,
    id: doc.id,
    title: doc.title,
    subtitle: doc.subtitle,
    updated,
    author: { name: 'papergraph' },
    generator: 'papergraph',
    link: [
      { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': doc.self },
      { '@_rel': 'alternate', '@_type': 'text/html', '@_href': doc.alternate },
    ],
    entry: doc.entries.map((e) => ({
      id: e.id,
      title: e.title,
      updated: e.updated,
      link: { '@_rel': 'alternate', '@_type': 'text/html', '@_href': e.link },
      ...(e.category === null ? {} : { category: { '@_term': e.category } }),
      ...(e.summary === null ? {} : { summary: e.summary }),
    })),
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ feed })}`;
}

/** The Atom document for one paper; null when no episode cites it. */
export async function paperAtomFeed(
  store: GraphStore,
  ref: string,
  site: string,
): Promise<string | null> {
  const found = await paperCiters(store, ref, ATOM_ENTRIES);
  if (found === null) return null;
  const { paper, citing } = found;
  const label = paperLabel(paper);
  return render({
    id: `urn:papergraph:paper:${paper.id}`,
    title: `Episodes citing ${label}`,
    subtitle: `Every episode of the podcast that cites ${label}, newest first.`,
    self: `${paperUrl(site, paper.id)}/feed.atom`,
    alternate: paperUrl(site, paper.id),
    entries: citing.map(({ citation, episode }) => ({
      id: `urn:papergraph:citation:${episode.id}:${citation.position}`,
      title: episode.title,
      updated: instant(episode.publishedAt),
      link: episodeUrl(site, episode.id),
      category: citation.kind.toLowerCase(),
      summary:
        citation.kind === 'SOURCE'
          ? `The episode is about ${label}.`
          : `${citation.kind === 'MENTIONS' ? 'Mentioned' : 'Recommended reading'}${citation.note === null ? '' : `: ${citation.note}`}`,
    })),
  });
}

/** The whole graph's changes as a feed reader sees them: its newest episodes, updated when the graph last changed. */
export async function graphAtomFeed(store: GraphStore, site: string): Promise<string> {
  const { episodes, changedAt } = await newestEpisodes(store, ATOM_ENTRIES);
  return render({
    updated: changedAt,
    id: 'urn:papergraph:episodes',
    title: 'papergraph: new episodes',
    subtitle: 'The newest episodes in the graph, with the papers they cite.',
    self: `${site}/feed.atom`,
    alternate: `${site}/episodes`,
    entries: episodes.map((episode) => ({
      id: `urn:papergraph:episode:${episode.id}`,
      title: episode.title,
      updated: instant(episode.publishedAt),
      link: episodeUrl(site, episode.id),
      category: null,
      summary: `Cites ${citedPaperIds(episode).length} paper${citedPaperIds(episode).length === 1 ? '' : 's'}${episode.summary === null ? '.' : `: ${episode.summary}`}`,
    })),
  });
}
