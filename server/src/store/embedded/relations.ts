// The relations and clusters the writes keep (store/shared/relationKeeper.ts), in SQLite tables
// created on open beside the graph's. An episode's relations are its ranked rows with their reasons
// as JSON (always read back whole, never queried into); a cluster's members are ranked rows too.
// `relations_state` holds the graph version (graphVersion.ts) the rows were computed for: a file
// whose graph changed without them (written before these tables, or by an older papergraph) has
// its relations computed once, on open.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import type { EpisodeRecord } from '../../domain/model.ts';
import type { EpisodeMap, EpisodeMapRequest, MapSource } from '../../relations/episodeMap.ts';
import { EpisodeMapMemo, selectEpisodeMap } from '../../relations/episodeMap.ts';
import type { PaperFacts } from '../../relations/paperLinks.ts';
import {
  type EpisodeRelation,
  explainedRelation,
  type RelationReason,
} from '../../relations/relatedness.ts';
import type { Cluster, EpisodeSummary, ScoredRelation } from '../../relations/relationIndex.ts';
import {
  CLUSTER_GRAPH_DEGREE,
  type RelationRows,
  type StoredRelationCorpus,
} from '../shared/relationKeeper.ts';
import type { ClusterSummary } from '../store.ts';
import { ids, IN_IDS, Reads } from './reads.ts';

const RELATIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS episode_relations (
  episode_id TEXT NOT NULL,
  rank INTEGER NOT NULL CHECK (rank >= 0),
  other_id TEXT NOT NULL,
  score REAL NOT NULL,
  reasons TEXT NOT NULL,                      -- JSON array, strongest first
  PRIMARY KEY (episode_id, rank)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clusters (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  terms TEXT NOT NULL,                        -- JSON array
  top_paper_ids TEXT NOT NULL                 -- JSON array
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS clusters_largest_first ON clusters (size DESC, id);
CREATE TABLE IF NOT EXISTS cluster_members (
  episode_id TEXT PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  rank INTEGER NOT NULL CHECK (rank >= 0)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cluster_members_by_cluster ON cluster_members (cluster_id, rank);
CREATE TABLE IF NOT EXISTS relations_state (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  graph_token TEXT NOT NULL
);
INSERT OR IGNORE INTO relations_state (only, graph_token) VALUES (1, '');
`;

interface RelationRow {
  episode_id: string;
  other_id: string;
  score: number;
  reasons: string;
}

interface StoredRelationRow {
  other_id: string;
  score: number;
  reasons: string;
}

/** Whether an episode's stored relation rows, in rank order, are these. */
function sameRelationRows(
  stored: readonly StoredRelationRow[],
  fresh: readonly StoredRelationRow[],
): boolean {
  return (
    stored.length === fresh.length &&
    stored.every(
      (row, rank) =>
        row.other_id === fresh[rank]!.other_id &&
        row.score === fresh[rank]!.score &&
        row.reasons === fresh[rank]!.reasons,
    )
  );
}

const sameClusterRow = (a: ClusterRow, b: ClusterRow) =>
  a.label === b.label &&
  a.size === b.size &&
  a.terms === b.terms &&
  a.top_paper_ids === b.top_paper_ids;

interface ClusterRow {
  id: string;
  label: string;
  size: number;
  terms: string;
  top_paper_ids: string;
}

const toRelation = (row: RelationRow): EpisodeRelation =>
  explainedRelation(row.other_id, row.score, JSON.parse(row.reasons) as RelationReason[]);

/** Reads on the query connection, writes on the import connection inside the write's transaction. */
export class RelationTables {
  readonly #read: ReturnType<typeof prepareReads>;
  readonly #write: ReturnType<typeof prepareWrites>;
  readonly #corpusReads: Reads;
  readonly #writer: DatabaseSync;
  /** Reads on the import connection, prepared when an import first needs one. */
  #writtenReads: Reads | null = null;
  readonly #maps = new EpisodeMapMemo();
  /** Changes on the query connection whenever the writer commits: the memoized maps' version. */
  readonly #committed: StatementSync;

  constructor(reader: DatabaseSync, writer: DatabaseSync) {
    writer.exec(RELATIONS_SCHEMA);
    this.#read = prepareReads(reader);
    this.#committed = reader.prepare('PRAGMA data_version');
    this.#write = prepareWrites(writer);
    this.#writer = writer;
    this.#corpusReads = new Reads(reader);
  }

  /** Whether the graph changed since the relations were last computed (and has episodes). */
  outdated(): boolean {
    return (this.#read.outdated.get() as { outdated: number }).outdated === 1;
  }

  /** The committed corpus, for the keeper's build (query connection: never a write's own rows). */
  corpus(): StoredRelationCorpus {
    const { episodes, papers } = this.#corpusReads.exportBatch({ transcripts: false });
    const paperTitles = new Map<string, string | null>();
    for (const row of this.#read.referenceTitles.all() as { id: string; title: string | null }[]) {
      paperTitles.set(row.id, row.title);
    }
    for (const paper of papers) {
      if (paper.title !== null || !paperTitles.has(paper.id))
        paperTitles.set(paper.id, paper.title);
    }
    const paperFacts = new Map<string, PaperFacts>();
    for (const row of this.#read.topics.all() as { paper_id: string; topics: string }[]) {
      paperFacts.set(row.paper_id, { references: [], topics: JSON.parse(row.topics) as string[] });
    }
    for (const row of this.#read.references.all() as { citing_id: string; cited: string }[]) {
      const references = JSON.parse(row.cited) as string[];
      const facts = paperFacts.get(row.citing_id);
      paperFacts.set(row.citing_id, { references, topics: facts?.topics ?? [] });
    }
    const members = new Map<string, string[]>();
    for (const row of this.#read.allMembers.all() as { episode_id: string; cluster_id: string }[]) {
      const list = members.get(row.cluster_id);
      if (list) list.push(row.episode_id);
      else members.set(row.cluster_id, [row.episode_id]);
    }
    const clusters = [...members].map(([id, episodeIds]) => ({ id, episodeIds }));
    const strongest = new Map<string, ScoredRelation[]>();
    for (const row of this.#read.strongest.all(CLUSTER_GRAPH_DEGREE) as unknown as RelationRow[]) {
      const relation = { episodeId: row.other_id, score: row.score };
      const list = strongest.get(row.episode_id);
      if (list) list.push(relation);
      else strongest.set(row.episode_id, [relation]);
    }
    return { episodes, paperTitles, paperFacts, clusters, strongest };
  }

  /** These episodes as the writer sees them now (its open transaction's rows included). */
  episodesNow(episodeIds: readonly string[]): EpisodeRecord[] {
    if (episodeIds.length === 0) return [];
    this.#writtenReads ??= new Reads(this.#writer);
    return this.#writtenReads.episodesByIds(episodeIds).filter((episode) => episode !== null);
  }

  /** Titles of these papers as the writer sees them now (graph papers first, then references). */
  titlesNow(paperIds: readonly string[]): Map<string, string | null> {
    const rows = this.#write.titles.all(ids(paperIds)) as { id: string; title: string | null }[];
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /**
   * Writes the keeper's rows; inside the write's open transaction, after the graph version bump.
   * Only what differs from the stored rows is written: an episode's relations when any of them
   * changed, a cluster when its row changed, a membership when its cluster or rank did. A small
   * import moves a few clusters, not the ten thousand memberships of a large store.
   */
  persist(rows: RelationRows): void {
    const w = this.#write;
    for (const id of rows.removedEpisodeIds) w.dropRelations.run(id);
    for (const [id, relations] of rows.relations) {
      const stored = w.storedRelations.all(id) as unknown as StoredRelationRow[];
      const fresh = relations.map((relation) => ({
        other_id: relation.episodeId,
        score: relation.score,
        reasons: JSON.stringify(relation.reasons),
      }));
      if (sameRelationRows(stored, fresh)) continue;
      w.dropRelations.run(id);
      fresh.forEach((row, rank) =>
        w.insertRelation.run(id, rank, row.other_id, row.score, row.reasons),
      );
    }
    this.#persistClusters(rows.clusters);
    w.markCurrent.run();
  }

  #persistClusters(clusters: readonly Cluster[]): void {
    const w = this.#write;
    const storedClusters = new Map(
      (w.allClusters.all() as unknown as ClusterRow[]).map((row) => [row.id, row]),
    );
    const storedMembers = new Map(
      (w.allMembers.all() as { episode_id: string; cluster_id: string; rank: number }[]).map(
        (row) => [row.episode_id, row],
      ),
    );
    const members = new Set<string>();
    for (const cluster of clusters) {
      const row: ClusterRow = {
        id: cluster.id,
        label: cluster.label,
        size: cluster.size,
        terms: JSON.stringify(cluster.terms),
        top_paper_ids: JSON.stringify(cluster.topPaperIds),
      };
      const stored = storedClusters.get(cluster.id);
      storedClusters.delete(cluster.id);
      if (!stored || !sameClusterRow(stored, row)) {
        w.upsertCluster.run(row.id, row.label, row.size, row.terms, row.top_paper_ids);
      }
      cluster.episodeIds.forEach((episodeId, rank) => {
        members.add(episodeId);
        const member = storedMembers.get(episodeId);
        if (member?.cluster_id !== cluster.id || member.rank !== rank) {
          w.upsertMember.run(episodeId, cluster.id, rank);
        }
      });
    }
    for (const id of storedClusters.keys()) w.dropCluster.run(id);
    for (const episodeId of storedMembers.keys()) {
      if (!members.has(episodeId)) w.dropMember.run(episodeId);
    }
  }

  /** Every episode's rows, replacing all stored ones (the once-on-open computation). */
  persistAll(rows: RelationRows): void {
    this.#write.dropAllRelations.run();
    this.persist(rows);
  }

  related(episodeIds: readonly string[], limit: number): EpisodeRelation[][] {
    const count = Math.max(0, Math.trunc(limit));
    if (count === 0) return episodeIds.map(() => []);
    return episodeIds.map((id) =>
      (this.#read.relationsOf.all(id, count) as unknown as RelationRow[]).map(toRelation),
    );
  }

  clustersOf(episodeIds: readonly string[]): (ClusterSummary | null)[] {
    const rows = this.#read.clustersOf.all(ids(episodeIds)) as unknown as (ClusterSummary & {
      episode_id: string;
    })[];
    const byEpisode = new Map(
      rows.map(({ episode_id, id, label, size }) => [episode_id, { id, label, size }]),
    );
    return episodeIds.map((id) => byEpisode.get(id) ?? null);
  }

  clusters(limit: number): Cluster[] {
    const rows = this.#read.clusters.all(Math.max(0, Math.trunc(limit))) as unknown as ClusterRow[];
    return rows.map((row) => this.#cluster(row));
  }

  /** Selected once per committed state and request (the reads below are synchronous). */
  episodeMap(request: EpisodeMapRequest): EpisodeMap {
    const version = String((this.#committed.get() as { data_version: number }).data_version);
    return this.#maps.select(version, request, () =>
      selectEpisodeMap(this.#mapSource(request.clusterId, request.showId), request),
    );
  }

  #cluster(row: ClusterRow): Cluster {
    const members = this.#read.members.all(row.id) as { episode_id: string }[];
    return {
      id: row.id,
      label: row.label,
      size: row.size,
      episodeIds: members.map((member) => member.episode_id),
      terms: JSON.parse(row.terms) as string[],
      topPaperIds: JSON.parse(row.top_paper_ids) as string[],
    };
  }

  /** The map's reads, each answered by one indexed statement. */
  #mapSource(clusterId: string | undefined, showId: string | undefined): MapSource {
    const read = this.#read;
    return {
      clusters: () => {
        const rows = (clusterId === undefined
          ? read.allClusters.all()
          : read.cluster.all(clusterId)) as unknown as ClusterRow[];
        const clusters = rows.map((row) => this.#cluster(row));
        if (showId === undefined) return clusters;
        const inShow = new Set(
          (read.showEpisodes.all(showId) as { id: string }[]).map((episode) => episode.id),
        );
        return clusters
          .map((cluster) => ({
            ...cluster,
            episodeIds: cluster.episodeIds.filter((id) => inShow.has(id)),
          }))
          .filter((cluster) => cluster.episodeIds.length > 0);
      },
      episode: (id) => {
        const row = read.summary.get(id) as
          { id: string; title: string; published_at: string | null } | undefined;
        return row
          ? ({
              id: row.id,
              title: row.title,
              publishedAt: row.published_at,
            } satisfies EpisodeSummary)
          : null;
      },
      relationsOf: (id, limit) =>
        (read.relationsOf.all(id, limit) as unknown as RelationRow[]).map(toRelation),
    };
  }
}

function prepareReads(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  const clusterColumns = 'c.id, c.label, c.size, c.terms, c.top_paper_ids';
  return {
    outdated: p(`SELECT EXISTS (SELECT 1 FROM episodes)
        AND (SELECT graph_token FROM relations_state) IS NOT (SELECT token FROM graph_version) AS outdated`),
    referenceTitles: p('SELECT paper_id AS id, title FROM paper_metadata'),
    topics: p("SELECT paper_id, topics FROM paper_metadata WHERE topics <> '[]'"),
    references: p(
      'SELECT citing_id, json_group_array(cited_id) AS cited FROM (SELECT citing_id, cited_id FROM paper_references ORDER BY citing_id, position) GROUP BY citing_id',
    ),
    strongest: p(
      'SELECT episode_id, other_id, score FROM episode_relations WHERE rank < ? ORDER BY episode_id, rank',
    ),
    allMembers: p('SELECT episode_id, cluster_id FROM cluster_members ORDER BY cluster_id, rank'),
    relationsOf: p(
      'SELECT episode_id, other_id, score, reasons FROM episode_relations WHERE episode_id = ? ORDER BY rank LIMIT ?',
    ),
    clustersOf: p(
      `SELECT m.episode_id, c.id, c.label, c.size FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id
       WHERE m.episode_id ${IN_IDS}`,
    ),
    clusters: p(`SELECT ${clusterColumns} FROM clusters c ORDER BY c.size DESC, c.id LIMIT ?`),
    allClusters: p(`SELECT ${clusterColumns} FROM clusters c ORDER BY c.size DESC, c.id`),
    cluster: p(`SELECT ${clusterColumns} FROM clusters c WHERE c.id = ?`),
    members: p('SELECT episode_id FROM cluster_members WHERE cluster_id = ? ORDER BY rank'),
    summary: p('SELECT id, title, published_at FROM episodes WHERE id = ?'),
    showEpisodes: p('SELECT id FROM episodes WHERE show_id = ?'),
  };
}

function prepareWrites(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    titles: p(
      `SELECT k.value AS id, COALESCE((SELECT title FROM papers WHERE id = k.value),
         (SELECT title FROM paper_metadata WHERE paper_id = k.value)) AS title FROM json_each(?) k`,
    ),
    dropRelations: p('DELETE FROM episode_relations WHERE episode_id = ?'),
    dropAllRelations: p('DELETE FROM episode_relations'),
    insertRelation: p(
      'INSERT INTO episode_relations (episode_id, rank, other_id, score, reasons) VALUES (?, ?, ?, ?, ?)',
    ),
    storedRelations: p(
      'SELECT other_id, score, reasons FROM episode_relations WHERE episode_id = ? ORDER BY rank',
    ),
    allClusters: p('SELECT id, label, size, terms, top_paper_ids FROM clusters'),
    allMembers: p('SELECT episode_id, cluster_id, rank FROM cluster_members'),
    upsertCluster: p(
      'INSERT OR REPLACE INTO clusters (id, label, size, terms, top_paper_ids) VALUES (?, ?, ?, ?, ?)',
    ),
    dropCluster: p('DELETE FROM clusters WHERE id = ?'),
    upsertMember: p(
      'INSERT OR REPLACE INTO cluster_members (episode_id, cluster_id, rank) VALUES (?, ?, ?)',
    ),
    dropMember: p('DELETE FROM cluster_members WHERE episode_id = ?'),
    markCurrent: p('UPDATE relations_state SET graph_token = (SELECT token FROM graph_version)'),
  };
}
