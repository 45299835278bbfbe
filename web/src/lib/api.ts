// Every GraphQL call the web app makes, typed from schema.graphql and checked at the boundary.
// Server-side load functions point it at the API directly; the browser points it at /graphql on
// its own origin (proxied to the API), so this module never decides where it runs.
import { type DocumentNode, Kind, print } from '@0no-co/graphql.web';
import type { ResultOf, TadaDocumentNode, VariablesOf } from 'gql.tada';
import { z } from 'zod';

import {
  EnrichmentQuery,
  EpisodeLinkFragment,
  EpisodeQuery,
  EpisodesQuery,
  GraphChangedQuery,
  GraphFragment,
  GraphQuery,
  NodeFactsQuery,
  PageInfoFragment,
  PaperCoverageQuery,
  PaperExportsQuery,
  PaperLinkFragment,
  PaperPageQuery,
  PaperQuery,
  PaperReferenceIdsQuery,
  PapersQuery,
  PathsQuery,
  SearchQuery,
  ShowQuery,
  StatsQuery,
} from './graphql/documents.ts';
import type { graphql } from './graphql/graphql.ts';
import {
  EpisodeMapEdgesQuery,
  EpisodeMapEpisodesQuery,
  LocalMapQuery,
  RelationReasonsQuery,
} from './graphql/mapDocuments.ts';
import { type DataPath, findMismatch } from './graphql/resultCheck.ts';
import {
  ExplorerShowsQuery,
  SearchResultsQuery,
  ShowChoicesQuery,
  type ShowLinkFragment,
} from './graphql/showDocuments.ts';

// zod probes `new Function` to decide whether to compile validators; the page's CSP forbids eval,
// so skip the probe (and the CSP report it triggers) and use the interpreted validators.
z.config({ jitless: true });

export type ApiErrorKind = 'unreachable' | 'http' | 'graphql' | 'invalid';

/** One failure of an API call, with a message meant for people. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;

  constructor(kind: ApiErrorKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
  }
}

/** Code the /graphql proxy puts in `extensions.code` when it cannot reach the API. */
export const API_UNREACHABLE_CODE = 'API_UNREACHABLE';

export type CitationKind = ReturnType<typeof graphql.scalar<'CitationKind'>>;
export type NodeKind = ReturnType<typeof graphql.scalar<'NodeKind'>>;

export type PaperLink = ResultOf<typeof PaperLinkFragment>;
export type EpisodeLink = ResultOf<typeof EpisodeLinkFragment>;
export type PaperExportRow = NonNullable<
  ResultOf<typeof PaperExportsQuery>['papersByRefs'][number]
>;
export type PaperCoverage = NonNullable<
  ResultOf<typeof PaperCoverageQuery>['papersByRefs'][number]
>;
export type PaperDetail = NonNullable<ResultOf<typeof PaperQuery>['paper']>;
export type PaperPage = NonNullable<ResultOf<typeof PaperPageQuery>['paper']>;
/** What the paper page adds to a paper's detail: the providers' metadata and reference edges. */
export type PaperAbout = Omit<PaperPage, keyof PaperDetail>;
export type MetadataStatus = PaperPage['metadataStatus'];
export type EnrichmentHealth = NonNullable<ResultOf<typeof EnrichmentQuery>['enrichment']>;
export type EpisodeDetail = NonNullable<ResultOf<typeof EpisodeQuery>['episode']>;
export type ReferenceEdge = ResultOf<typeof GraphQuery>['graph']['referenceEdges'][number];
/** A drawing; `referenceEdges` (paper → paper) only from a `graph` call that asked for them. */
export type GraphData = ResultOf<typeof GraphFragment> & {
  referenceEdges?: readonly ReferenceEdge[];
};
export type GraphNode = GraphData['nodes'][number];
export type GraphEdge = GraphData['edges'][number];
export type ShortestPaths = ResultOf<typeof PathsQuery>['paths'];
export type SearchHit = ResultOf<typeof SearchQuery>['search'][number];
type PageInfo = ResultOf<typeof PageInfoFragment>;
type ShowAnswer = NonNullable<ResultOf<typeof ShowQuery>['show']>;
/** A show's page: the show, and one page of its episodes. */
export type ShowPage = Omit<ShowAnswer, 'episodes'> & { episodes: Connection<EpisodeLink> };
export type ShowLink = ResultOf<typeof ShowLinkFragment>;
export type ShowChoices = ResultOf<typeof ShowChoicesQuery>['shows'];
/** A listed episode and its show (null: imported without one). */
export type EpisodeRow = EpisodeLink & { show: ShowLink | null };
export type SearchResult = ResultOf<typeof SearchResultsQuery>['search'][number];
export type Stats = ResultOf<typeof StatsQuery>['stats'];

export interface Connection<T> {
  items: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** Citing episodes an exported paper lists (BibTeX note counts them all; CSV names these). */
const EXPORT_CITED_BY = 20;
/** Episodes listed per paper in a batch lookup (the paper's page lists them all). */
export const LOOKUP_CITED_BY = 20;

/** Citing episodes listed on a paper's page. */
const PAPER_PAGE_CITED_BY = 100;
/** References and referenced-by listed on a paper's page: the API's longest reference list. */
export const PAPER_PAGE_REFERENCES = 200;

/** Ids or references one batch lookup takes: the API's `maxLookupIds` (server/src/graphql/limits.ts). */
export const LOOKUP_BATCH = 500;

/** Lookups in flight at once while exporting a large view. */
const PARALLEL_LOOKUPS = 4;
/** References and citers asked for per paper: the API's most (`references(first:)`). */
const REFERENCE_IDS = 200;
/** Papers per reference lookup: each costs about 2 × REFERENCE_IDS, within the complexity budget. */
const REFERENCE_LOOKUP_BATCH = 100;

// The GraphQL-over-HTTP envelope, and lastChangedAt: a date-time the schema can only call a String.
const envelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() }),
    )
    .optional(),
});
const isoDateTimeSchema = z.iso.datetime().nullable();

export interface ApiClientOptions {
  /** Absolute URL server-side, `/graphql` in the browser. */
  endpoint: string;
  /** SvelteKit's `fetch` in load functions; the global one otherwise. */
  fetch?: typeof fetch;
}

/** The Graph query's variables; `references` (the paper → paper edges) defaults to off. */
export type GraphArgs = Omit<VariablesOf<typeof GraphQuery>, 'references'> & {
  references?: boolean;
};
export type ListArgs = VariablesOf<typeof EpisodesQuery>;

export type Api = ReturnType<typeof createApi>;

export function createApi(options: ApiClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const { endpoint } = options;

  async function request<Result, Variables>(
    document: TadaDocumentNode<Result, Variables>,
    variables: Variables,
    signal?: AbortSignal,
  ): Promise<Result> {
    const operation = operationName(document);
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
        },
        body: JSON.stringify({ operationName: operation, query: print(document), variables }),
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError(
        'unreachable',
        `The papergraph API at ${endpoint} is not reachable (${describe(cause)}).`,
      );
    }

    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(
        response.ok ? 'invalid' : 'http',
        `The papergraph API answered ${operation} with HTTP ${response.status} and a body that is not JSON.`,
        response.status,
      );
    }
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new ApiError(
        'invalid',
        `The papergraph API answered ${operation} with an unexpected shape.`,
        response.status,
      );
    }
    const { data, errors } = envelope.data;
    if (errors && errors.length > 0) {
      const unreachable = errors.some((e) => e.extensions?.['code'] === API_UNREACHABLE_CODE);
      const message = errors.map((e) => e.message).join('; ');
      throw new ApiError(unreachable ? 'unreachable' : 'graphql', message, response.status);
    }
    if (!response.ok) {
      throw new ApiError(
        'http',
        `The papergraph API answered ${operation} with HTTP ${response.status}.`,
        response.status,
      );
    }
    const mismatch = findMismatch(document, data);
    if (mismatch) throw unexpectedData(operation, mismatch);
    // Checked just above against the same document the type derives from.
    return data as Result;
  }

  /** One batch field per chunk of ids (the list passed as a variable), a few chunks at a time. */
  async function lookUp<Result, Variables, Row>(
    document: TadaDocumentNode<Result, Variables>,
    ids: readonly string[],
    variablesFor: (chunk: string[]) => Variables,
    rowsOf: (data: Result) => readonly (Row | null)[],
    signal?: AbortSignal,
    batch = LOOKUP_BATCH,
  ): Promise<(Row | null)[]> {
    const chunks: string[][] = [];
    for (let start = 0; start < ids.length; start += batch)
      chunks.push(ids.slice(start, start + batch));
    const lookUpChunk = async (chunk: string[]) => {
      const rows = rowsOf(await request(document, variablesFor(chunk), signal));
      if (rows.length !== chunk.length) {
        throw new ApiError(
          'invalid',
          `The papergraph API answered ${operationName(document)} with ${rows.length} entries for ${chunk.length} ids.`,
        );
      }
      return rows;
    };
    const rows: (Row | null)[] = [];
    for (let start = 0; start < chunks.length; start += PARALLEL_LOOKUPS) {
      const answers = await Promise.all(
        chunks.slice(start, start + PARALLEL_LOOKUPS).map(lookUpChunk),
      );
      for (const answer of answers) rows.push(...answer);
    }
    return rows;
  }

  /** The nodes of many ids with the facts the explorer reads (NodeFactsQuery), null for unknown ids. */
  function nodeFacts(ids: readonly string[], signal?: AbortSignal) {
    return lookUp(
      NodeFactsQuery,
      ids,
      (chunk) => ({ ids: chunk }),
      (data) => data.nodes,
      signal,
    );
  }

  return {
    async graph(args: GraphArgs = {}, signal?: AbortSignal): Promise<GraphData> {
      return (await request(GraphQuery, { ...args, references: args.references ?? false }, signal))
        .graph;
    },

    /** Every shortest path between two nodes, at most `limit` (`truncated` when more exist); none when unconnected. */
    async paths(
      from: string,
      to: string,
      limit: number,
      signal?: AbortSignal,
    ): Promise<ShortestPaths> {
      return (await request(PathsQuery, { from, to, limit }, signal)).paths;
    },

    async episode(id: string, related = 5, signal?: AbortSignal): Promise<EpisodeDetail | null> {
      return (await request(EpisodeQuery, { id, related }, signal)).episode;
    },

    async paper(ref: string, citedBy = 100, signal?: AbortSignal): Promise<PaperDetail | null> {
      return (await request(PaperQuery, { ref, citedBy }, signal)).paper;
    },

    /** A paper with everything its page shows. */
    async paperPage(ref: string, signal?: AbortSignal): Promise<PaperPage | null> {
      const variables = { ref, citedBy: PAPER_PAGE_CITED_BY, references: PAPER_PAGE_REFERENCES };
      return (await request(PaperPageQuery, variables, signal)).paper;
    },

    /** How background metadata fetching fares; null when it is off (ENRICH=false). */
    async enrichment(signal?: AbortSignal): Promise<EnrichmentHealth | null> {
      return (await request(EnrichmentQuery, {}, signal)).enrichment;
    },

    async search(query: string, first = 10, signal?: AbortSignal): Promise<SearchHit[]> {
      return (await request(SearchQuery, { query, first }, signal)).search;
    },

    /** A page of episodes with their shows, and how many shows there are. */
    async episodes(
      args: ListArgs = {},
      signal?: AbortSignal,
    ): Promise<Connection<EpisodeRow> & { showCount: number }> {
      const answer = await request(EpisodesQuery, { ...args }, signal);
      return { ...unwrap(answer.episodes), showCount: answer.shows.totalCount };
    },

    /** The search page's hits, episodes with their shows, and how many shows there are. */
    async searchResults(query: string, first: number, signal?: AbortSignal) {
      const answer = await request(SearchResultsQuery, { query, first }, signal);
      return { hits: answer.search, showCount: answer.shows.totalCount };
    },

    async papers(
      args: VariablesOf<typeof PapersQuery> = {},
      signal?: AbortSignal,
    ): Promise<Connection<PaperLink>> {
      return unwrap((await request(PapersQuery, { ...args }, signal)).papers);
    },

    /** A show with one page of its episodes, newest first; null when no show has the id. */
    async show(
      id: string,
      page: { first: number; after: string | null },
      signal?: AbortSignal,
    ): Promise<ShowPage | null> {
      const { show } = await request(ShowQuery, { id, ...page }, signal);
      return show && { ...show, episodes: unwrap(show.episodes) };
    },

    /** The first `first` shows by title (whose title contains `query`, when given), and how many there are. */
    async showChoices(
      query: string | null,
      first: number,
      signal?: AbortSignal,
    ): Promise<ShowChoices> {
      return (await request(ShowChoicesQuery, { query, first }, signal)).shows;
    },

    /**
     * The explorer's show filter: how many shows there are, the first `first` by title (whose title
     * contains `query`, when given) with how many match, and the chosen show (null: none or unknown).
     */
    async explorerShows(
      first: number,
      query: string | null,
      chosen: string | null,
      signal?: AbortSignal,
    ) {
      const variables = { first, query, chosen: chosen ?? '' };
      const answer = await request(ExplorerShowsQuery, variables, signal);
      return {
        total: answer.every.totalCount,
        matching: answer.shows.totalCount,
        listed: answer.shows.nodes,
        chosen: answer.chosen,
      };
    },

    async stats(signal?: AbortSignal): Promise<Stats> {
      return (await request(StatsQuery, {}, signal)).stats;
    },

    /** When an import or removal last changed the graph (ISO-8601); null before any recorded change. */
    async graphChangedAt(signal?: AbortSignal): Promise<string | null> {
      const { lastChangedAt } = (await request(GraphChangedQuery, {}, signal)).stats;
      if (!isoDateTimeSchema.safeParse(lastChangedAt).success) {
        throw unexpectedData(operationName(GraphChangedQuery), ['stats', 'lastChangedAt']);
      }
      return lastChangedAt;
    },

    /** Export rows for many papers, in the order asked, null for unknown ids. */
    papersByIds(ids: readonly string[], signal?: AbortSignal): Promise<(PaperExportRow | null)[]> {
      return lookUp(
        PaperExportsQuery,
        ids,
        (refs) => ({ refs, citedBy: EXPORT_CITED_BY }),
        (data) => data.papersByRefs,
        signal,
      );
    },

    /** For each reference (any identifier form), its paper and the episodes citing it; null when none does. */
    coverage(refs: readonly string[], signal?: AbortSignal): Promise<(PaperCoverage | null)[]> {
      return lookUp(
        PaperCoverageQuery,
        refs,
        (chunk) => ({ refs: chunk, citedBy: LOOKUP_CITED_BY }),
        (data) => data.papersByRefs,
        signal,
      );
    },

    /**
     * The reference edges (paper → paper) between each of `papers` and the papers of `among`, in
     * either direction; a paper citing or cited by more than REFERENCE_IDS others may miss some.
     */
    async referencesBetween(
      papers: readonly string[],
      among: ReadonlySet<string>,
      signal?: AbortSignal,
    ): Promise<ReferenceEdge[]> {
      const rows = await lookUp(
        PaperReferenceIdsQuery,
        papers,
        (refs) => ({ refs, first: REFERENCE_IDS }),
        (data) => data.papersByRefs,
        signal,
        REFERENCE_LOOKUP_BATCH,
      );
      const edges = new Map<string, ReferenceEdge>();
      const add = (source: string, target: string) => {
        if (source !== target && among.has(source) && among.has(target))
          edges.set(`${source}>${target}`, { source, target });
      };
      for (const paper of rows) {
        if (!paper) continue;
        for (const cited of paper.references) add(paper.id, cited.id);
        for (const citing of paper.referencedBy) add(citing.id, paper.id);
      }
      return [...edges.values()];
    },

    /**
     * The episode map of every cluster or of one, of every show or of one: its episodes and clusters,
     * and its edges without reasons.
     */
    async episodeMap(
      { cluster, show, limit }: { cluster: string | null; show: string | null; limit: number },
      signal?: AbortSignal,
    ) {
      const [episodes, edges] = await Promise.all([
        request(EpisodeMapEpisodesQuery, { cluster, show, limit }, signal),
        request(EpisodeMapEdgesQuery, { cluster, show, limit }, signal),
      ]);
      return { ...episodes.episodeMap, edges: edges.episodeMap.edges };
    },

    /** Why episodes `a` and `b` are related, strongest first; empty when neither lists the other among its `first` relations. */
    async relationReasons(a: string, b: string, first: number, signal?: AbortSignal) {
      const answer = await request(RelationReasonsQuery, { a, b, first }, signal);
      const fromA = answer.a?.related.find((relation) => relation.episode.id === b);
      const fromB = answer.b?.related.find((relation) => relation.episode.id === a);
      return (fromA ?? fromB)?.reasons ?? [];
    },

    /** An episode, its nearest episodes and theirs; null for an unknown episode. */
    async localMap(id: string, first: number, signal?: AbortSignal) {
      return (await request(LocalMapQuery, { id, first }, signal)).episode;
    },

    /** Publication date (YYYY-MM-DD or null) of each episode id; unknown ids are left out. */
    async episodeDates(
      ids: readonly string[],
      signal?: AbortSignal,
    ): Promise<Record<string, string | null>> {
      const nodes = await nodeFacts(ids, signal);
      return Object.fromEntries(
        nodes.flatMap((n) => (n?.__typename === 'Episode' ? [[n.id, n.publishedAt]] : [])),
      );
    },

    /** Metadata topics of each paper id (empty when metadata gave none); unknown ids are left out. */
    async paperTopics(
      ids: readonly string[],
      signal?: AbortSignal,
    ): Promise<Record<string, string[]>> {
      const nodes = await nodeFacts(ids, signal);
      return Object.fromEntries(
        nodes.flatMap((n) => (n?.__typename === 'Paper' ? [[n.id, n.topics]] : [])),
      );
    },
  };
}

/** The name the API logs and answers an operation under; every document here has one. */
function operationName(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) {
      return definition.name.value;
    }
  }
  throw new Error('A document the web sends has no named operation.');
}

function unexpectedData(operation: string, path: DataPath): ApiError {
  return new ApiError(
    'invalid',
    `The papergraph API answered ${operation} with unexpected data at ${path.join('.')}.`,
  );
}

function unwrap<T>(connection: {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { node: T }[];
}): Connection<T> {
  return {
    items: connection.edges.map((e) => e.node),
    totalCount: connection.totalCount,
    pageInfo: connection.pageInfo,
  };
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    const code = inner && typeof inner === 'object' && 'code' in inner ? String(inner.code) : null;
    return code ? `${cause.message}: ${code}` : cause.message;
  }
  return String(cause);
}
