// The Neo4j side of MetadataStore: each method one statement of statements/metadata.ts (a save is one
// write transaction of three), reads routed to readers.
import { z } from 'zod';

import {
  type EnrichmentCandidate,
  type EnrichmentCounts,
  type MetadataEntry,
  type StoredMetadata,
  urlOfPaperKey,
} from '../../domain/metadata.ts';
import type {
  EnrichmentQuery,
  MetadataFilter,
  MetadataHit,
  MetadataPageQuery,
  MetadataStore,
} from '../metadataStore.ts';
import { pageWindow } from '../shared/pageWindow.ts';
import type { Page } from '../store.ts';
import type { CypherParams, StatementName } from './cypher.ts';
import type { CypherTransaction, Row } from './driver.ts';
import { toLuceneQuery } from './luceneQuery.ts';
import { asInteger, asString, unique } from './records.ts';
import { METADATA_SEARCH_FIELDS } from './statements/metadata.ts';

type Read = <K extends StatementName>(statement: K, params: CypherParams[K]) => Promise<Row[]>;
/** A managed write transaction of a save of these entries. */
type Write = (
  entries: readonly MetadataEntry[],
  work: (tx: CypherTransaction) => Promise<void>,
) => Promise<void>;

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const storedSchema = z.object({
  paperId: z.string(),
  url: z.string(),
  found: z.boolean(),
  fetchedAt: nullableString,
  title: nullableString,
  authors: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  year: z.unknown().transform((v) => (v === null || v === undefined ? null : asInteger(v))),
  venue: nullableString,
  abstract: nullableString,
  topics: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  arxivId: nullableString,
  doi: nullableString,
  publishedAt: nullableString,
});

function listsById(ids: readonly string[], rows: readonly Row[]): string[][] {
  const found = new Map(
    rows.map((row) => [asString(row.id), (row.ids as unknown[]).map(asString)]),
  );
  return ids.map((id) => found.get(id) ?? []);
}

export class Neo4jMetadata implements MetadataStore {
  readonly #read: Read;
  readonly #write: Write;

  /** The store's own read and managed write transaction (closed check, error mapping). */
  constructor(read: Read, write: Write) {
    this.#read = read;
    this.#write = write;
  }

  async papersToEnrich(query: EnrichmentQuery): Promise<EnrichmentCandidate[]> {
    const rows = await this.#read('metadataToEnrich', {
      afterId: query.afterId ?? '',
      staleBefore: query.staleBefore,
      limit: Math.max(0, Math.trunc(query.limit)),
    });
    return rows.map((row) => ({
      id: asString(row.id),
      arxivId: row.arxivId === null ? null : asString(row.arxivId),
      doi: row.doi === null ? null : asString(row.doi),
    }));
  }

  async enrichmentCounts(staleBefore: string): Promise<EnrichmentCounts> {
    const [row] = await this.#read('metadataCounts', { staleBefore });
    const papers = asInteger(row?.papers ?? 0);
    const done = asInteger(row?.done ?? 0);
    return { pending: papers - done, done };
  }

  async saveMetadata(entries: readonly MetadataEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const targets = new Map(entries.flatMap((e) => e.references.map((t) => [t.id, t] as const)));
    const references = entries.flatMap((e) =>
      e.references.map((t, position) => ({ citingId: e.paperId, citedId: t.id, position })),
    );
    const rows = entries.map((entry) => {
      const m = entry.metadata;
      return {
        paperId: entry.paperId,
        fallbackUrl: urlOfPaperKey(entry.paperId),
        fields: {
          found: m !== null,
          fetchedAt: entry.fetchedAt,
          title: m?.title ?? null,
          authors: (m?.authors ?? []).map((a) => a.name),
          authorsText: (m?.authors ?? []).map((a) => a.name).join(', '),
          year: m?.year ?? null,
          venue: m?.venue ?? null,
          abstract: m?.abstract ?? null,
          topics: m?.topics ?? [],
          arxivId: m?.arxivId ?? null,
          doi: m?.doi ?? null,
          publishedAt: m?.publishedAt ?? null,
        },
      };
    });
    await this.#write(entries, async (tx) => {
      await tx.run('metadataSaveEntries', { entries: rows });
      await tx.run('metadataSaveReferenceTargets', { targets: [...targets.values()] });
      await tx.run('metadataSaveReferences', { references });
    });
  }

  async metadataByPaperIds(ids: readonly string[]): Promise<(StoredMetadata | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.#read('metadataByIds', { ids: unique(ids) });
    const found = new Map(
      rows.map((row) => {
        const m = storedSchema.parse(row.metadata);
        return [m.paperId, { ...m, authors: m.authors.map((name) => ({ name })) }] as const;
      }),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  async referencesByPaperIds(ids: readonly string[], limitPerPaper: number): Promise<string[][]> {
    if (ids.length === 0) return [];
    return listsById(
      ids,
      await this.#read('referencesByIds', {
        ids: unique(ids),
        limit: Math.max(0, Math.trunc(limitPerPaper)),
      }),
    );
  }

  async referencedByPaperIds(ids: readonly string[], limitPerPaper: number): Promise<string[][]> {
    if (ids.length === 0) return [];
    return listsById(
      ids,
      await this.#read('referencedByIds', {
        ids: unique(ids),
        limit: Math.max(0, Math.trunc(limitPerPaper)),
      }),
    );
  }

  async searchPaperMetadata(filter: MetadataFilter, limit: number): Promise<MetadataHit[]> {
    const bounds = {
      author: filter.author ?? null,
      topic: filter.topic ?? null,
      limit: Math.max(0, Math.trunc(limit)),
    };
    let rows: Row[];
    if (filter.text === undefined) {
      rows = await this.#read('metadataFiltered', bounds);
    } else {
      const query = toLuceneQuery(filter.text, METADATA_SEARCH_FIELDS);
      if (query === null) return [];
      rows = await this.#read('metadataSearch', { query, ...bounds });
    }
    return rows.map((row) => ({ paperId: asString(row.paperId), score: Number(row.score) }));
  }

  async pagePaperMetadata(query: MetadataPageQuery): Promise<Page<MetadataHit>> {
    const params = {
      author: query.author ?? null,
      topic: query.topic ?? null,
      minCitations: Math.max(0, Math.trunc(query.minCitations ?? 0)),
      ...pageWindow(query),
    };
    let row: Row | undefined;
    if (query.text === undefined) {
      [row] = await this.#read('metadataFilteredPage', params);
    } else {
      const search = toLuceneQuery(query.text, METADATA_SEARCH_FIELDS);
      if (search === null) return { items: [], totalCount: 0 };
      [row] = await this.#read('metadataSearchPage', { ...params, query: search });
    }
    if (row === undefined) return { items: [], totalCount: 0 };
    return {
      items: (row.items as { paperId: unknown; score: unknown }[]).map((hit) => ({
        paperId: asString(hit.paperId),
        score: Number(hit.score),
      })),
      totalCount: asInteger(row.totalCount),
    };
  }

  /** Episodes whose source paper matches `filter`, newest first: one page, whole records or listings. */
  async sourcedEpisodes(
    filter: MetadataFilter,
    window: { offset: number; limit: number },
    whole: boolean,
  ): Promise<Row | undefined> {
    const params = {
      author: filter.author ?? null,
      topic: filter.topic ?? null,
      ...pageWindow(window),
      whole,
    };
    if (filter.text === undefined) return (await this.#read('metadataSourcedEpisodes', params))[0];
    const search = toLuceneQuery(filter.text, METADATA_SEARCH_FIELDS);
    if (search === null) return undefined;
    return (await this.#read('metadataSourcedEpisodesSearch', { ...params, query: search }))[0];
  }
}
