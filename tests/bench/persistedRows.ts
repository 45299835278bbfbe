// What trusted documents save per request: the bytes of a web document sent by id instead of as text,
// the parse and validation the API skips for it when the document is new to it (yoga caches both per
// document text, so a warm server pays them once), and the episode page's query over loopback by text
// and by id on the bench's API process, which reads the same persisted-documents.json.
import { parse, validate } from 'graphql';

import { readPersistedDocuments } from '../../server/src/graphql/plugins/persistedOperations.ts';
import { schema } from '../../server/src/graphql/schema/index.ts';
import { type Row, row } from './report.ts';
import { ms } from './timing.ts';

const headers = { 'content-type': 'application/json' };

const textBody = (query: string, variables: Record<string, unknown>) =>
  JSON.stringify({ query, variables });
const idBody = (id: string, variables: Record<string, unknown>) =>
  JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

function percentiles(durations: number[]) {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Mean milliseconds to parse and validate `text`, as the API does for a document it has not seen. */
function parseAndValidateMs(text: string, rounds: number): number {
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const errors = validate(schema, parse(text));
    if (errors.length > 0)
      throw new Error(`a persisted document is not valid: ${errors[0]!.message}`);
  }
  return (performance.now() - started) / rounds;
}

export async function persistedRows(
  apiUrl: string,
  episodeIds: readonly string[],
  quick: boolean,
): Promise<Row[]> {
  const manifest = [...readPersistedDocuments()];
  if (manifest.length === 0) throw new Error('persisted-documents.json lists no documents');

  const sizes = manifest.map(([id, text]) => ({
    text: Buffer.byteLength(textBody(text, {})),
    id: Buffer.byteLength(idBody(id, {})),
  }));
  const byText = mean(sizes.map((size) => size.text));
  const byId = mean(sizes.map((size) => size.id));

  const rounds = quick ? 5 : 200;
  const parseMs = mean(manifest.map(([, text]) => parseAndValidateMs(text, rounds)));

  const episode = manifest.find(([, text]) => text.startsWith('query Episode('));
  if (episode === undefined) throw new Error('persisted-documents.json has no Episode query');
  const [episodeId, episodeText] = episode;
  const samples = quick ? 20 : 500;
  const post = async (body: string) => {
    const response = await fetch(apiUrl, { method: 'POST', headers, body });
    const text = await response.text();
    if (!response.ok || text.includes('"errors"'))
      throw new Error(`the episode query failed: ${text.slice(0, 200)}`);
  };
  const variablesFor = (i: number) => ({ id: episodeIds[i % episodeIds.length], related: 5 });
  // Alternating, so both forms meet the same warm-up, collector and machine load.
  const timings = { text: [] as number[], id: [] as number[] };
  for (let i = -Math.ceil(samples / 10); i < samples; i++) {
    for (const form of ['text', 'id'] as const) {
      const variables = variablesFor(Math.abs(i));
      const body =
        form === 'text' ? textBody(episodeText, variables) : idBody(episodeId, variables);
      const started = performance.now();
      await post(body);
      if (i >= 0) timings[form].push(performance.now() - started);
    }
  }
  const asText = percentiles(timings.text);
  const asId = percentiles(timings.id);

  return [
    row(
      'persisted-bytes',
      'web document sent by id: request body',
      { kind: 'atMost', target: 200, unit: 'B' },
      byId,
      `${Math.round(byId)} B by id vs ${Math.round(byText)} B as text (mean of ${manifest.length} documents, −${Math.round((1 - byId / byText) * 100)}%)`,
      'Bodies without variables; the variables a request carries are the same either way.',
    ),
    row(
      'persisted-parse',
      'parse + validate a web document the API has not seen (skipped by id)',
      { kind: 'atMost', target: 1, unit: 'ms' },
      parseMs,
      `${ms(parseMs)} ms per document as text, none by id (mean of ${manifest.length} documents)`,
      'graphql parse + validate against the schema; yoga caches both per document text, so a warm server pays this once per document (and again after its LRU cache drops it).',
    ),
    row(
      'persisted-episode',
      'episode query over loopback, by id (p50)',
      { kind: 'atMost', target: 20, unit: 'ms' },
      asId.p50,
      `${ms(asId.p50)} ms by id vs ${ms(asText.p50)} ms as text (p50; p99 ${ms(asId.p99)} vs ${ms(asText.p99)} ms)`,
      `${samples} sequential requests each, the two forms alternating, warm server, a different episode per request.`,
    ),
  ];
}
