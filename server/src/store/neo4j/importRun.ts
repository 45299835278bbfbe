// An import too large for one transaction (a whole feed of thousands of episodes would need a heap
// of gigabytes) runs as a sequence of transactions of at most EPISODES_PER_TRANSACTION episodes, then
// the recounts of the papers they touched (each once), the relations in statements of bounded size, then the clusters, then a last one that drops orphaned
// papers, stamps the change time and closes the run. Each transaction also writes a journal entry
// (statements/importRun.ts) saying how to undo it. When any of them fails, the entries are undone
// latest first, each in its own transaction together with the entry's deletion, so the store ends as
// it was before the run; a run whose process died is undone by the next import or start (its journal
// stopped moving ABANDONED_AFTER_MS ago).
import { randomUUID } from 'node:crypto';

import { citedPaperIds, type ImportBatch, type ImportResult } from '../../domain/model.ts';
import type { CypherTransaction, Row } from './driver.ts';
import { expectedCounts } from './expectedCounts.ts';
import {
  type BatchUndo,
  type BatchWrite,
  dropUncitedPapers,
  dropUnusedAliases,
  recountPapers,
  restoreEpisodes,
  undoShows,
  writeBatch,
} from './importWrite.ts';
import { unlinkPeople, writePeople } from './people.ts';
import { asString, unique } from './records.ts';
import {
  clusterParams,
  importChange,
  type Neo4jRelations,
  type RelationChunk,
  relationChunks,
  storedClusters,
  storedRelationChunk,
} from './relations.ts';
import type { ClusterParam } from './statements/relations.ts';

/** Episodes per write transaction unless the store is told otherwise: bounded transaction memory. */
export const EPISODES_PER_TRANSACTION = 1_000;

/** Papers recounted per transaction at the end of the batches: bounded transaction memory. */
const PAPERS_PER_RECOUNT = 20_000;

/** A run whose journal has not moved for this long belongs to a process that stopped. */
const ABANDONED_AFTER_MS = 10 * 60_000;

type ExecuteWrite = <T>(work: (tx: CypherTransaction) => Promise<T>) => Promise<T>;
type ReadAbandoned = (before: string) => Promise<Row[]>;

/** One journal entry: how to undo one transaction of the run. */
type JournalEntry =
  | ({ kind: 'batch' } & BatchUndo)
  /** The relations of episodes that existed before the run, as they were. */
  | ({ kind: 'relations' } & RelationChunk)
  | { kind: 'clusters'; clusters: ClusterParam[]; relationsKept: boolean }
  /** Papers recounted: nothing of its own to undo (it keeps the run's journal moving). */
  | { kind: 'recount' };

class ImportJournal {
  readonly run = randomUUID();
  #seq = 0;

  async record(tx: CypherTransaction, entry: JournalEntry): Promise<void> {
    this.#seq += 1;
    await tx.run('importRunJournal', {
      run: this.run,
      seq: this.#seq,
      entry: JSON.stringify(entry),
      at: new Date().toISOString(),
    });
  }
}

/** What an import returns, and whether it changed the graph (its search indexes then catch up). */
export interface ImportWritten {
  results: ImportResult[];
  changed: boolean;
}

/** The batches as a run; each batch's result is the sum of its parts'. */
export async function importAsRun(
  batches: readonly ImportBatch[],
  episodesPerTransaction: number,
  executeWrite: ExecuteWrite,
  relations: Neo4jRelations,
): Promise<ImportWritten> {
  const journal = new ImportJournal();
  try {
    const results: ImportResult[] = [];
    const written: BatchWrite[] = [];
    const expected = expectedCounts(batches);
    for (const batch of batches) {
      const result: ImportResult = { added: [], updated: [], unchanged: [] };
      for (const part of inParts(batch, episodesPerTransaction)) {
        const write = await executeWrite(async (tx) => {
          const w = await writeBatch(tx, part, { undo: true, expected });
          if (w.undo !== null) await journal.record(tx, { kind: 'batch', ...w.undo });
          return w;
        });
        written.push(write);
        result.added.push(...write.result.added);
        result.updated.push(...write.result.updated);
        result.unchanged.push(...write.result.unchanged);
      }
      results.push(result);
    }
    if (!written.some((w) => w.changed)) return { results, changed: false };

    // Each paper once, however many batches cite it; a failure later is undone by the batches'
    // own entries, which recount their papers once their episodes are back.
    for (const paperIds of chunked(unique(written.flatMap((w) => w.recount)), PAPERS_PER_RECOUNT)) {
      await executeWrite(async (tx) => {
        await recountPapers(tx, paperIds);
        await journal.record(tx, { kind: 'recount' });
      });
    }

    const rows = await relations.rowsForRun(
      importChange(
        written.flatMap((w) => w.episodes),
        batches.flatMap((b) => b.papers),
      ),
      written.flatMap((w) => w.undo?.createdPapers ?? []),
    );
    const created = new Set(results.flatMap((r) => r.added));
    for (const chunk of relationChunks(rows)) {
      await executeWrite(async (tx) => {
        const before = await storedRelationChunk(
          tx,
          chunk.episodeIds.filter((id) => !created.has(id)),
        );
        await journal.record(tx, { kind: 'relations', ...before });
        await tx.run('relationsWrite', chunk);
      });
    }
    await executeWrite(async (tx) => {
      await journal.record(tx, { kind: 'clusters', ...(await storedClusters(tx)) });
      await tx.run('relationsWriteClusters', { clusters: clusterParams(rows) });
    });
    await executeWrite(async (tx) => {
      await dropUncitedPapers(
        tx,
        written.flatMap((w) => w.formerlyCited),
      );
      await tx.run('markGraphChanged', { at: new Date().toISOString() });
      await tx.run('importRunClose', { run: journal.run });
    });
    return { results, changed: true };
  } catch (error) {
    relations.reset();
    try {
      await undoRun(executeWrite, journal.run);
    } catch (undoError) {
      throw new AggregateError(
        [error, undoError],
        `import failed, and undoing its first transactions failed too (the next import or start undoes them): ${String(error)}`,
        { cause: undoError },
      );
    }
    throw error;
  }
}

/**
 * Undoes the runs whose process stopped mid-import (none, in the usual case: one read); says whether
 * there were any.
 */
export async function undoAbandonedRuns(
  executeWrite: ExecuteWrite,
  readAbandoned: ReadAbandoned,
): Promise<boolean> {
  const before = new Date(Date.now() - ABANDONED_AFTER_MS).toISOString();
  const abandoned = await readAbandoned(before);
  for (const row of abandoned) await undoRun(executeWrite, asString(row.run));
  return abandoned.length > 0;
}

async function undoRun(executeWrite: ExecuteWrite, run: string): Promise<void> {
  const entries = await executeWrite((tx) => tx.run('importRunEntries', { run }));
  for (const row of entries) {
    await executeWrite(async (tx) => {
      await undoEntry(tx, JSON.parse(asString(row.entry)) as JournalEntry);
      await tx.run('importRunForget', { run, seq: Number(row.seq) });
    });
  }
  await executeWrite((tx) => tx.run('importRunClose', { run }));
}

async function undoEntry(tx: CypherTransaction, entry: JournalEntry): Promise<void> {
  switch (entry.kind) {
    case 'recount':
      return;
    case 'clusters':
      await tx.run('relationsWriteClusters', { clusters: entry.clusters });
      if (!entry.relationsKept) await tx.run('relationsForget', {});
      return;
    case 'relations':
      if (entry.episodeIds.length > 0)
        await tx.run('relationsWrite', {
          episodeIds: entry.episodeIds,
          relations: entry.relations,
        });
      return;
    case 'batch': {
      if (entry.createdEpisodes.length > 0) {
        await tx.run('importDeleteTranscripts', { episodeIds: entry.createdEpisodes });
        const named = await unlinkPeople(tx, entry.createdEpisodes);
        await tx.run('importUndoEpisodes', { ids: entry.createdEpisodes });
        await writePeople(tx, [], named);
      }
      await restoreEpisodes(tx, entry.replacedEpisodes);
      const aliasKeys: string[] = [];
      if (entry.createdPapers.length > 0) {
        for (const row of await tx.run('importUndoPapers', { ids: entry.createdPapers }))
          aliasKeys.push(...(row.aliasKeys as unknown[]).map(asString));
      }
      if (entry.replacedPapers.length > 0) {
        for (const row of await tx.run('importRestorePapers', { papers: entry.replacedPapers }))
          aliasKeys.push(...(row.aliasKeys as unknown[]).map(asString));
      }
      await dropUnusedAliases(tx, aliasKeys);
      if (entry.shows !== undefined) await undoShows(tx, entry.shows);
      const created = new Set(entry.createdPapers);
      const recount = entry.recountedPapers.filter((id) => !created.has(id));
      await recountPapers(tx, recount);
      return;
    }
  }
}

/**
 * The batch in parts of at most `size` episodes, each with the papers its episodes cite; papers no
 * episode of the batch cites go with the last part.
 */
function inParts(batch: ImportBatch, size: number): ImportBatch[] {
  if (batch.episodes.length <= size) return [batch];
  const byId = new Map(batch.papers.map((paper) => [paper.id, paper]));
  const parts: ImportBatch[] = [];
  const placed = new Set<string>();
  for (let start = 0; start < batch.episodes.length; start += size) {
    const episodes = batch.episodes.slice(start, start + size);
    const ids = new Set(episodes.flatMap(citedPaperIds));
    for (const id of ids) placed.add(id);
    parts.push({
      episodes,
      papers: [...ids].map((id) => byId.get(id)!),
      ...(batch.shows === undefined ? {} : { shows: batch.shows }),
    });
  }
  const rest = batch.papers.filter((paper) => !placed.has(paper.id));
  parts.at(-1)!.papers.push(...rest);
  return parts;
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}
