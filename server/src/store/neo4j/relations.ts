// The Neo4j side of relations and clusters (statements/relations.ts): loads the relation keeper's
// corpus as last committed, writes the rows it hands back in the write's own transaction, and
// answers related, cluster and map reads from what was persisted. Integers become numbers here.
import type { MetadataEntry } from '../../domain/metadata.ts';
import type { EpisodeRecord, PaperRecord } from '../../domain/model.ts';
import {
  type EpisodeMap,
  type EpisodeMapRequest,
  MAP_CANDIDATE_RELATIONS,
  mapRequestKey,
  type MapSource,
  selectEpisodeMap,
} from '../../relations/episodeMap.ts';
import type { PaperFacts } from '../../relations/paperLinks.ts';
import {
  type EpisodeRelation,
  explainedRelation,
  type RelationReason,
} from '../../relations/relatedness.ts';
import type {
  Cluster,
  EpisodeSummary,
  RelationChange,
  ScoredRelation,
} from '../../relations/relationIndex.ts';
import {
  CLUSTER_GRAPH_DEGREE,
  RelationKeeper,
  type RelationRows,
  RELATIONS_KEPT,
  type StoredRelationCorpus,
} from '../shared/relationKeeper.ts';
import type {
  ClusterSummary,
  EpisodeSummary as StoredEpisodeSummary,
  EpisodeWithRelated,
  RelatedEpisodes,
} from '../store.ts';
import type { CypherParams, StatementName } from './cypher.ts';
import type { CypherDriver, CypherTransaction, Row } from './driver.ts';
import { mappingStoreErrors } from './errors.ts';
import {
  asInteger,
  asList,
  asMap,
  asString,
  toEpisodeRecord,
  toEpisodeSummary,
  unique,
} from './records.ts';
import type { ClusterParam, RelationParam } from './statements/relations.ts';

type Read = <K extends StatementName>(statement: K, params: CypherParams[K]) => Promise<Row[]>;

const RELATION_KINDS = [
  'SHARED_PAPER',
  'SHARED_REFERENCE',
  'CO_CITED',
  'SIMILAR_TEXT',
  'SHARED_TOPIC',
] as const satisfies readonly RelationReason['kind'][];

const RELATION_KIND_SET: ReadonlySet<string> = new Set(RELATION_KINDS);

/** The stored JSON of RelationReason[] (writeRows wrote it), checked by shape, not parsed by a schema. */
function toReasons(text: unknown): RelationReason[] {
  const reasons: unknown = JSON.parse(asString(text));
  if (!Array.isArray(reasons))
    throw new TypeError(`Neo4j row: reasons are not a list: ${asString(text)}`);
  return reasons.map((value: unknown) => {
    const reason = value as Row;
    const kind = asString(reason.kind);
    if (!RELATION_KIND_SET.has(kind) || typeof reason.weight !== 'number')
      throw new TypeError(`Neo4j row: not a relation reason: ${JSON.stringify(value)}`);
    return {
      kind: kind as RelationReason['kind'],
      weight: reason.weight,
      label: asString(reason.label),
      paperIds: strings(reason.paperIds),
      terms: strings(reason.terms),
    };
  });
}

const strings = (value: unknown): string[] => {
  if (!Array.isArray(value))
    throw new TypeError(`Neo4j row: expected a list, got ${String(value)}`);
  return value.map(asString);
};

/** Relations per statement of a write: a first import of thousands of episodes is a few statements, not one huge parameter. */
const RELATION_ROWS_PER_STATEMENT = 20_000;

/** What a journaled run's change brings that its corpus need not read: it replaces them anyway. */
interface RunWritten {
  episodeIds: readonly string[];
  createdPaperIds: readonly string[];
}

const NOTHING_WRITTEN: RunWritten = { episodeIds: [], createdPaperIds: [] };

/**
 * What the keeper builds its index from: the graph as last committed, read outside any write, less
 * what a run already wrote (the corpus before the run, as a one-transaction import reads it).
 */
async function loadCorpus(read: Read, written: RunWritten): Promise<StoredRelationCorpus> {
  const episodes: EpisodeRecord[] = [];
  const strongest = new Map<string, ScoredRelation[]>();
  for (const row of await read('relationsCorpusEpisodes', {
    limit: CLUSTER_GRAPH_DEGREE,
    excludedIds: [...written.episodeIds],
  })) {
    const episode = toEpisodeRecord(row.episode, row.citations);
    episodes.push(episode);
    const relations = (row.strongest as Row[]).map((relation) => ({
      episodeId: asString(relation.episodeId),
      score: Number(relation.score),
    }));
    if (relations.length > 0) strongest.set(episode.id, relations);
  }
  const paperTitles = new Map<string, string | null>();
  const paperFacts = new Map<string, PaperFacts>();
  for (const row of await read('relationsCorpusPapers', {
    excludedIds: [...written.createdPaperIds],
  })) {
    const paperId = asString(row.paperId);
    paperTitles.set(paperId, nullableString(row.title));
    const facts = toFacts(row);
    if (facts !== null) paperFacts.set(paperId, facts);
  }
  const clusters = (await read('relationsCorpusClusters', {})).map((row) => ({
    id: asString(row.id),
    episodeIds: strings(row.episodeIds),
  }));
  return { episodes, paperTitles, paperFacts, clusters, strongest };
}

/** A paper's references and topics; null when metadata says neither. */
function toFacts(row: Row): PaperFacts | null {
  const references = strings(row.references);
  const topics = strings(row.topics);
  return references.length === 0 && topics.length === 0 ? null : { references, topics };
}

function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : asString(value);
}

/** What an import changed, for the keeper: its added and updated episodes and the titles it gave. */
export function importChange(
  episodes: readonly EpisodeRecord[],
  papers: readonly PaperRecord[],
): RelationChange {
  const paperTitles = new Map<string, string | null>();
  // An import keeps a stored title when it brings none (statements/import.ts), so only given ones count.
  for (const paper of papers) if (paper.title !== null) paperTitles.set(paper.id, paper.title);
  // Batches imported together may carry one episode twice: the last one is what was written.
  const latest = new Map(episodes.map((episode) => [episode.id, episode]));
  return { episodes: [...latest.values()], removedEpisodeIds: [], paperTitles };
}

/** What removing an episode changed, for the keeper. */
export function removalChange(episodeId: string): RelationChange {
  return { episodes: [], removedEpisodeIds: [episodeId], paperTitles: new Map() };
}

/**
 * Keeps the relations and clusters of one open store: runs its writes so that each persists the
 * keeper's rows in its own transaction, and answers the reads from the persisted rows.
 */
export class Neo4jRelations {
  readonly #read: Read;
  readonly #keeper: RelationKeeper;
  /** The maps being selected, by request. */
  readonly #selecting = new Map<string, Promise<EpisodeMap>>();

  /** What the run being kept wrote, while its rows are computed. */
  #runWritten: RunWritten = NOTHING_WRITTEN;

  /** `read` is the store's auto-commit read: the keeper loads only what is committed. */
  constructor(read: Read) {
    this.#read = read;
    this.#keeper = new RelationKeeper(() => loadCorpus(read, this.#runWritten));
  }

  /**
   * Runs `work` in `executeWrite`. A managed transaction may run its work again after a transient
   * error and may fail to commit after the work succeeded; either way the keeper's index would be
   * ahead of the store, so it is forgotten and rebuilt from what committed.
   */
  async writing<T>(
    executeWrite: (work: (tx: CypherTransaction) => Promise<T>) => Promise<T>,
    work: (tx: CypherTransaction) => Promise<T>,
  ): Promise<T> {
    let attempts = 0;
    try {
      return await executeWrite((tx) => {
        attempts += 1;
        if (attempts > 1) this.#keeper.reset();
        return work(tx);
      });
    } catch (error) {
      this.#keeper.reset();
      throw error;
    }
  }

  /**
   * Applies a journaled run's change, once its episodes and papers are committed, and returns the
   * rows to persist in the run's next transactions; reset() when they are not all committed.
   */
  async rowsForRun(
    change: RelationChange,
    createdPaperIds: readonly string[],
  ): Promise<RelationRows> {
    this.#runWritten = {
      episodeIds: change.episodes.map((episode) => episode.id),
      createdPaperIds,
    };
    try {
      return await this.#keeper.rowsFor(change);
    } finally {
      this.#runWritten = NOTHING_WRITTEN;
    }
  }

  /** In a write's transaction (run through `writing`): applies the change and persists its rows. */
  async persist(tx: CypherTransaction, change: RelationChange): Promise<void> {
    await writeRows(tx, await this.#keeper.rowsFor(change));
  }

  /** In a metadata save's transaction, after it: the saved papers' facts and the titles now stored. */
  async persistMetadata(tx: CypherTransaction, entries: readonly MetadataEntry[]): Promise<void> {
    const saved = new Set(entries.map((entry) => entry.paperId));
    const named = entries.flatMap((entry) => entry.references.map((reference) => reference.id));
    const rows = await tx.run('relationsPapersByIds', { paperIds: unique([...saved, ...named]) });
    const paperTitles = new Map<string, string | null>();
    const paperFacts = new Map<string, PaperFacts | null>();
    for (const row of rows) {
      const paperId = asString(row.paperId);
      paperTitles.set(paperId, nullableString(row.title));
      if (saved.has(paperId)) paperFacts.set(paperId, toFacts(row));
    }
    await this.persist(tx, { episodes: [], removedEpisodeIds: [], paperTitles, paperFacts });
  }

  /** Counted texts an import's parse workers offer go to the keeper as they arrive, until stopped. */
  adoptCountedTexts(): () => void {
    return this.#keeper.adoptCountedTexts();
  }

  /** Forgets the keeper's index (the store closes). */
  reset(): void {
    this.#keeper.reset();
  }

  async related(episodeIds: readonly string[], limit: number): Promise<EpisodeRelation[][]> {
    const wanted = Math.trunc(limit);
    if (episodeIds.length === 0 || wanted <= 0) return episodeIds.map(() => []);
    const rows = await this.#read('relationsOfEpisodes', {
      episodeIds: unique(episodeIds),
      limit: wanted,
    });
    return relatedLists(episodeIds, rows);
  }

  /** `related` with the related episodes' summaries, from the same statement. */
  async relatedWithSummaries(
    episodeIds: readonly string[],
    limit: number,
  ): Promise<RelatedEpisodes> {
    const wanted = Math.trunc(limit);
    if (episodeIds.length === 0 || wanted <= 0)
      return { related: episodeIds.map(() => []), episodes: [] };
    const rows = await this.#read('relationsWithSummaries', {
      episodeIds: unique(episodeIds),
      limit: wanted,
    });
    const summaries = new Map<string, StoredEpisodeSummary>();
    for (const row of rows) {
      const summary = toEpisodeSummary(row.episode);
      summaries.set(summary.id, summary);
    }
    const related = relatedLists(episodeIds, rows);
    // The rows come sorted by episode id; the contract's order is the lists' (first mention).
    const episodes = unique(related.flat().map((relation) => relation.episodeId)).map((id) =>
      summaries.get(id)!,
    );
    return { related, episodes };
  }

  /** The episode's summary with relatedWithSummaries of it, from one statement; null when none has the id. */
  async episodeWithRelated(episodeId: string, limit: number): Promise<EpisodeWithRelated | null> {
    const [row] = await this.#read('episodeWithRelated', {
      episodeId,
      limit: Math.max(0, Math.trunc(limit)),
    });
    if (row === undefined) return null;
    const relations = asList(row.relations).map(asMap);
    return {
      episode: toEpisodeSummary(row.episode),
      related: relations.map(toRelation),
      episodes: relations.map((relation) => toEpisodeSummary(relation.episode)),
    };
  }

  async clustersOf(episodeIds: readonly string[]): Promise<(ClusterSummary | null)[]> {
    if (episodeIds.length === 0) return [];
    const rows = await this.#read('relationsClustersOfEpisodes', {
      episodeIds: unique(episodeIds),
    });
    const found = new Map(
      rows.map((row) => [
        asString(row.episodeId),
        { id: asString(row.id), label: asString(row.label), size: asInteger(row.size) },
      ]),
    );
    return episodeIds.map((id) => found.get(id) ?? null);
  }

  async clusters(limit: number): Promise<Cluster[]> {
    const wanted = Math.trunc(limit);
    if (wanted <= 0) return [];
    const rows = await this.#read('relationsClusters', { limit: wanted });
    return rows.map((row) => toCluster(row.cluster, row.episodeIds));
  }

  /**
   * The selection of relations/episodeMap.ts over the persisted rows. It reads the relations only of
   * the episodes it picks, and which ones it picks depends on those relations, so it runs in rounds:
   * each run notes the episodes it asked for and did not have, one statement reads them all, and the
   * next run goes further; a run that missed nothing is the answer. The most connected members are
   * read first, and they are what a cluster grows from: one or two rounds on the test feeds.
   * Requests for a map that is being selected share that selection: the explorer sends its two
   * requests for one map together. (No version changes with every write here, so nothing is kept
   * past the selection.)
   */
  episodeMap(request: EpisodeMapRequest): Promise<EpisodeMap> {
    const key = mapRequestKey(request);
    let selecting = this.#selecting.get(key);
    if (selecting === undefined) {
      selecting = this.#selectMap(request).finally(() => this.#selecting.delete(key));
      this.#selecting.set(key, selecting);
    }
    return selecting;
  }

  async #selectMap(request: EpisodeMapRequest): Promise<EpisodeMap> {
    // Episodes in no cluster are not drawn (relations/episodeMap.ts): only clusters are read.
    const [first] = await this.#read('relationsMapClusters', {
      clusterId: request.clusterId ?? null,
      showId: request.showId ?? null,
    });
    const clusters = ((first?.clusters as unknown[] | undefined) ?? []).map((cluster) =>
      toCluster(cluster, (cluster as { episodeIds: unknown }).episodeIds),
    );
    const summaries = new Map<string, EpisodeSummary>();
    const relations = new Map<string, EpisodeRelation[]>();
    const missing = new Set<string>();
    const source: MapSource = {
      clusters: () => clusters,
      episode: (id) => {
        const summary = summaries.get(id);
        if (summary === undefined) missing.add(id);
        // Only an episode removed between this map's reads is never found: it shows by its id.
        return summary ?? { id, title: id, publishedAt: null };
      },
      relationsOf: (id, wanted) => {
        const stored = relations.get(id);
        if (stored === undefined) missing.add(id);
        return (stored ?? []).slice(0, wanted);
      },
    };
    const asked = new Set<string>();
    for (;;) {
      const map = selectEpisodeMap(source, request);
      const wanted = [...missing].filter((id) => !asked.has(id));
      missing.clear();
      if (wanted.length === 0) return map;
      const rows = await this.#read('relationsMapEpisodes', {
        episodeIds: wanted,
        limit: MAP_CANDIDATE_RELATIONS,
      });
      for (const id of wanted) {
        asked.add(id);
        relations.set(id, []);
      }
      for (const row of rows) {
        const summary = toSummary(row.episode);
        summaries.set(summary.id, summary);
        relations.set(
          summary.id,
          (row.relations as unknown[]).map((relation) => toRelation(relation as Row)),
        );
      }
    }
  }
}

/**
 * The migration of a graph that holds episodes but no relations (written before them): computes
 * every episode's relations and the clusters once, in one transaction. Runs where the schema is
 * set up, so also when Neo4j comes up after papergraph; does nothing on a graph whose relations are
 * kept.
 */
export async function migrateRelations(driver: CypherDriver): Promise<void> {
  const read: Read = (statement, params) => driver.executeQuery(statement, params, 'READ');
  await mappingStoreErrors(async () => {
    const [row] = await read('relationsMissing', {});
    if (row?.missing !== true) return;
    const rows = await new RelationKeeper(() => loadCorpus(read, NOTHING_WRITTEN)).allRows();
    await driver.executeWrite((tx) => writeRows(tx, rows));
  });
}

async function writeRows(tx: CypherTransaction, rows: RelationRows): Promise<void> {
  // A removed episode was detached with its node: its relations and membership went with it.
  for (const chunk of relationChunks(rows)) await tx.run('relationsWrite', chunk);
  await tx.run('relationsWriteClusters', { clusters: clusterParams(rows) });
}

/** One `relationsWrite`: the episodes whose relations it replaces and their new rows. */
export interface RelationChunk {
  episodeIds: string[];
  relations: RelationParam[];
}

/** The rows' relations in statements of about RELATION_ROWS_PER_STATEMENT rows, an episode never split. */
export function relationChunks(rows: RelationRows): RelationChunk[] {
  const chunks: RelationChunk[] = [];
  let chunk: RelationChunk = { episodeIds: [], relations: [] };
  for (const [episodeId, list] of rows.relations) {
    chunk.episodeIds.push(episodeId);
    list.forEach((relation, rank) =>
      chunk.relations.push({
        episodeId,
        relatedId: relation.episodeId,
        rank,
        score: relation.score,
        reasons: JSON.stringify(relation.reasons),
      }),
    );
    if (chunk.relations.length >= RELATION_ROWS_PER_STATEMENT) {
      chunks.push(chunk);
      chunk = { episodeIds: [], relations: [] };
    }
  }
  if (chunk.episodeIds.length > 0) chunks.push(chunk);
  return chunks;
}

export function clusterParams(rows: RelationRows): ClusterParam[] {
  return rows.clusters.map((cluster) => ({
    id: cluster.id,
    label: cluster.label,
    size: cluster.size,
    terms: cluster.terms,
    topPaperIds: cluster.topPaperIds,
    episodeIds: cluster.episodeIds,
  }));
}

/** A LIMIT above any cluster count (Cypher takes a 32-bit one). */
const EVERY_CLUSTER = 2 ** 31 - 1;

/** What `relationsWrite` needs to put these episodes' stored relations back as they are now. */
export async function storedRelationChunk(
  tx: CypherTransaction,
  episodeIds: readonly string[],
): Promise<RelationChunk> {
  if (episodeIds.length === 0) return { episodeIds: [], relations: [] };
  const rows = await tx.run('relationsOfEpisodes', {
    episodeIds: [...episodeIds],
    limit: RELATIONS_KEPT,
  });
  const ranks = new Map<string, number>();
  const relations = rows.map((row): RelationParam => {
    const episodeId = asString(row.episodeId);
    const rank = ranks.get(episodeId) ?? 0;
    ranks.set(episodeId, rank + 1);
    return {
      episodeId,
      relatedId: asString(row.relatedId),
      rank,
      score: Number(row.score),
      reasons: asString(row.reasons),
    };
  });
  return { episodeIds: [...episodeIds], relations };
}

/** The stored clusters as `relationsWriteClusters` takes them, and whether relations are marked kept. */
export async function storedClusters(
  tx: CypherTransaction,
): Promise<{ clusters: ClusterParam[]; relationsKept: boolean }> {
  const rows = await tx.run('relationsClusters', { limit: EVERY_CLUSTER });
  const [kept] = await tx.run('relationsKept', {});
  return {
    clusters: rows.map((row) => {
      const { id, label, size, terms, topPaperIds, episodeIds } = toCluster(
        row.cluster,
        row.episodeIds,
      );
      return { id, label, size, terms, topPaperIds, episodeIds };
    }),
    relationsKept: kept?.kept === true,
  };
}

/** Rows of episodeId, relatedId, score and reasons (best first) as one list per id, in order. */
function relatedLists(episodeIds: readonly string[], rows: readonly Row[]): EpisodeRelation[][] {
  const byEpisode = new Map<string, EpisodeRelation[]>();
  for (const row of rows) {
    const episodeId = asString(row.episodeId);
    const relation = toRelation(row);
    const list = byEpisode.get(episodeId);
    if (list) list.push(relation);
    else byEpisode.set(episodeId, [relation]);
  }
  return episodeIds.map((id) => [...(byEpisode.get(id) ?? [])]);
}

/** A stored relation; its reasons were written by writeRows from RelationReason[]. */
function toRelation(row: Row): EpisodeRelation {
  return explainedRelation(asString(row.relatedId), Number(row.score), toReasons(row.reasons));
}

function toSummary(episode: unknown): EpisodeSummary {
  const row = episode as Row;
  return {
    id: asString(row.id),
    title: asString(row.title),
    publishedAt: nullableString(row.publishedAt),
  };
}

function toCluster(cluster: unknown, episodeIds: unknown): Cluster {
  const row = cluster as Row;
  return {
    id: asString(row.id),
    label: asString(row.label),
    size: asInteger(row.size),
    episodeIds: strings(episodeIds),
    terms: strings(row.terms),
    topPaperIds: strings(row.topPaperIds),
  };
}
