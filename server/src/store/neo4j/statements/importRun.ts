// An import too large for one transaction runs as several (importRun.ts): each writes, in its own
// transaction, a journal entry saying how to undo it, so a failed run can be taken back to where it began.
//
// Graph model
//   (:ImportRun {id, touchedAt})   a multi-transaction import in progress; touchedAt moves with each
//       transaction, so a run whose process died is told from one still writing.
//   (:ImportJournal {run, seq, entry})   one per transaction of the run; entry is JSON (importRun.ts).
import type { PaperRecord } from '../../../domain/model.ts';
import { cypher } from './declare.ts';
import { SET_PAPER } from './import.ts';

export const IMPORT_RUN_CYPHER = {
  schemaImportRunId: cypher(
    `CREATE CONSTRAINT import_run_id_unique IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.id IS UNIQUE`,
  ),

  schemaImportJournalRun: cypher(
    `CREATE INDEX import_journal_run IF NOT EXISTS FOR (j:ImportJournal) ON (j.run)`,
  ),

  /** In the transaction whose writes the entry undoes, so both commit or neither. */
  importRunJournal: cypher<{
    run: string;
    seq: number;
    entry: string;
    at: string;
  }>(`MERGE (r:ImportRun {id: $run})
SET r.touchedAt = $at
CREATE (:ImportJournal {run: $run, seq: $seq, entry: $entry})
RETURN r.id AS run`),

  /** Latest first: the order they are undone in. */
  importRunEntries: cypher<{ run: string }>(`MATCH (j:ImportJournal {run: $run})
RETURN j.seq AS seq, j.entry AS entry
ORDER BY j.seq DESC`),

  /** In the transaction that undid the entry, so an interrupted undo never undoes one twice. */
  importRunForget: cypher<{
    run: string;
    seq: number;
  }>(`MATCH (j:ImportJournal {run: $run, seq: $seq})
DELETE j
RETURN count(*) AS forgotten`),

  /** The run is over (committed or undone): its journal goes. */
  importRunClose: cypher<{ run: string }>(`CALL () {
  MATCH (j:ImportJournal {run: $run})
  DELETE j
}
CALL () {
  MATCH (r:ImportRun {id: $run})
  DELETE r
}
RETURN $run AS run`),

  /** Runs no transaction has touched since $before: their process stopped mid-import. */
  importRunsAbandoned: cypher<{ before: string }>(`MATCH (r:ImportRun)
WHERE r.touchedAt < $before
RETURN r.id AS run
ORDER BY r.touchedAt`),

  importUndoEpisodes: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (e:Episode {id: id})
DETACH DELETE e
RETURN count(*) AS episodes`),

  /** Deletes papers the run created, returning their alias keys (importDropUnusedAliases drops the unused). */
  importUndoPapers: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (p:Paper {id: id})
WITH p, [(a:Alias)-[:ALIAS_OF]->(p) | a.key] AS aliasKeys
DETACH DELETE p
RETURN aliasKeys`),

  /** Puts papers the run changed back as they were, unlinking the aliases it gave them. */
  importRestorePapers: cypher<{ papers: PaperRecord[] }>(
    `UNWIND $papers AS paper
MATCH (p:Paper {id: paper.id})
` +
      SET_PAPER +
      `
WITH p, paper
CALL (p, paper) {
  MATCH (a:Alias)-[link:ALIAS_OF]->(p)
  WHERE NOT a.key IN paper.aliases
  DELETE link
  RETURN collect(a.key) AS aliasKeys
}
RETURN aliasKeys`,
  ),
} as const;

export const IMPORT_RUN_SCHEMA_STATEMENTS = [
  'schemaImportRunId',
  'schemaImportJournalRun',
] as const satisfies readonly (keyof typeof IMPORT_RUN_CYPHER)[];

export const IMPORT_RUN_GRAPH_SCHEMA = {
  labels: ['ImportRun', 'ImportJournal'],
  propertyKeys: ['touchedAt', 'run', 'seq', 'entry'],
} as const;
