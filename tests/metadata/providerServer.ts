// A loopback server playing both metadata providers from the fixture files, in their real formats:
// Semantic Scholar's POST /paper/batch (array in request order, null for unknown ids) and arXiv's
// GET ?id_list=… (Atom, one entry per known id). Tests script failures per request with `plan`.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import { ArxivClient } from '../../server/src/metadata/arxiv.ts';
import { EnrichmentService } from '../../server/src/metadata/enrichment.ts';
import { SemanticScholarClient } from '../../server/src/metadata/semanticScholar.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

interface S2Fixture {
  externalIds: { ArXiv?: string; DOI?: string } | null;
}
const S2_PAPERS = JSON.parse(fixture('semantic-scholar-papers.json')) as S2Fixture[];
const S2_BY_ID = new Map<string, S2Fixture>();
for (const paper of S2_PAPERS) {
  if (paper.externalIds?.ArXiv) S2_BY_ID.set(`ARXIV:${paper.externalIds.ArXiv}`, paper);
  if (paper.externalIds?.DOI) S2_BY_ID.set(`DOI:${paper.externalIds.DOI.toLowerCase()}`, paper);
}
const ATOM = fixture('arxiv-papers.atom.xml');
const ATOM_HEAD = ATOM.slice(0, ATOM.indexOf('<entry>'));
const ATOM_ENTRIES = [...ATOM.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);
export const ARXIV_ERROR_FEED = fixture('arxiv-error.atom.xml');

/** What to do with one request instead of answering it from the fixtures. */
type Scripted =
  | { status: number; retryAfter?: string; body?: string }
  | { body: string; contentType: string }
  | 'hang'
  | 'reset';

interface ProviderRequest {
  provider: 's2' | 'arxiv';
  at: number;
  ids: string[];
  apiKey: string | undefined;
  fields: string | null;
}

export interface ProviderServer {
  s2Url: string;
  arxivUrl: string;
  requests: ProviderRequest[];
  /** Scripts the next requests to a provider, in order; once used up, it answers from the fixtures. */
  plan(provider: 's2' | 'arxiv', ...steps: Scripted[]): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answerS2(ids: string[], response: ServerResponse): void {
  const papers = ids.map(
    (id) =>
      S2_BY_ID.get(id.replace(/^DOI:(.*)$/, (_m, doi: string) => `DOI:${doi.toLowerCase()}`)) ??
      null,
  );
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(papers));
}

function answerArxiv(ids: string[], response: ServerResponse): void {
  const entries = ATOM_ENTRIES.filter((entry) =>
    ids.some((id) => entry.includes(`<id>http://arxiv.org/abs/${id}v`)),
  );
  response
    .writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' })
    .end(`${ATOM_HEAD}${entries.join('\n')}\n</feed>\n`);
}

export async function startProviderServer(): Promise<ProviderServer> {
  const requests: ProviderRequest[] = [];
  const plans: Record<'s2' | 'arxiv', Scripted[]> = { s2: [], arxiv: [] };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const provider = url.pathname.endsWith('/paper/batch') ? 's2' : 'arxiv';
    let ids: string[];
    if (provider === 's2') {
      const body = JSON.parse(await readBody(request)) as { ids: string[] };
      ids = body.ids;
    } else {
      ids = (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean);
    }
    requests.push({
      provider,
      at: Date.now(),
      ids,
      apiKey: request.headers['x-api-key'] as string | undefined,
      fields: url.searchParams.get('fields'),
    });
    const step = plans[provider].shift();
    if (step === 'hang') return; // never answers: the client's timeout must fire
    if (step === 'reset') return void request.socket.destroy();
    if (step && 'status' in step) {
      const headers: Record<string, string> = step.retryAfter
        ? { 'retry-after': step.retryAfter }
        : {};
      return void response.writeHead(step.status, headers).end(step.body ?? '');
    }
    if (step)
      return void response.writeHead(200, { 'content-type': step.contentType }).end(step.body);
    if (provider === 's2') answerS2(ids, response);
    else answerArxiv(ids, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address !== 'object')
    throw new Error('provider server has no port');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    s2Url: `${base}/graph/v1`,
    arxivUrl: `${base}/api/query`,
    requests,
    plan: (provider, ...steps) => plans[provider].push(...steps),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type EnrichedStore = ConstructorParameters<typeof EnrichmentService>[0]['store'];

/** An enrichment service asking these fixture providers, quick to retry and quiet. */
export function fixtureEnrichment(
  store: EnrichedStore,
  providers: ProviderServer,
): EnrichmentService {
  const http = { timeoutMs: 1_000, retries: 1, backoffMs: 10, maxRetryAfterMs: 1_000 };
  return new EnrichmentService({
    store,
    providers: {
      semanticScholar: new SemanticScholarClient({ baseUrl: providers.s2Url, http }),
      arxiv: new ArxivClient({ baseUrl: providers.arxivUrl, spacingMs: 0, http }),
    },
    refreshAfterMs: 30 * 24 * 3600 * 1000,
    retryAfterMs: 60_000,
    log: () => {},
  });
}
