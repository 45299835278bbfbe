// Both provider clients against a loopback server answering in the providers' real formats.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { normalisePaperRef } from '../../server/src/ids/paperId.ts';
import { ARXIV_REQUEST_SPACING_MS, ArxivClient } from '../../server/src/metadata/arxiv.ts';
import { ProviderError, type ProviderHttpOptions } from '../../server/src/metadata/http.ts';
import {
  SEMANTIC_SCHOLAR_BATCH_SIZE,
  SemanticScholarClient,
} from '../../server/src/metadata/semanticScholar.ts';
import { ARXIV_ERROR_FEED, type ProviderServer, startProviderServer } from './providerServer.ts';

const FAST: ProviderHttpOptions = {
  timeoutMs: 400,
  retries: 2,
  backoffMs: 20,
  maxRetryAfterMs: 2_000,
};
const arxivCandidate = (arxivId: string) => ({ id: `arxiv:${arxivId}`, arxivId, doi: null });

let server: ProviderServer;
beforeEach(async () => {
  await server?.close();
  server = await startProviderServer();
});
afterAll(() => server.close());

const s2 = (http = FAST, apiKey?: string) =>
  new SemanticScholarClient({ baseUrl: server.s2Url, apiKey, http });
const arxiv = (spacingMs = 0, http = FAST) =>
  new ArxivClient({ baseUrl: server.arxivUrl, spacingMs, http });

describe('Semantic Scholar batch client', () => {
  it('reads title, authors, year, venue, abstract, topics and references; null for unknown ids', async () => {
    const papers = await s2(FAST, 'secret-key').fetchPapers([
      arxivCandidate('2305.18290'),
      arxivCandidate('2606.26448'),
      { id: 'doi:10.1038/nature16961', arxivId: null, doi: '10.1038/nature16961' },
      { id: 'url:https://example.org/x', arxivId: null, doi: null },
    ]);
    const dpo = papers.get('arxiv:2305.18290');
    expect(dpo?.metadata).toMatchObject({
      title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
      year: 2023,
      venue: 'Neural Information Processing Systems',
      topics: ['Computer Science'],
      arxivId: '2305.18290',
      publishedAt: '2023-05-29',
    });
    expect(dpo?.metadata.authors.map((a) => a.name)).toContain('Chelsea Finn');
    expect(dpo?.references).toEqual([
      {
        id: 'arxiv:1707.06347',
        title: 'Proximal Policy Optimization Algorithms',
        url: 'https://arxiv.org/abs/1707.06347',
        arxivId: '1707.06347',
        doi: null,
      },
    ]);
    expect(papers.get('arxiv:2606.26448')).toBeNull();
    expect(papers.get('doi:10.1038/nature16961')?.metadata.venue).toBe('Nature');
    expect(papers.has('url:https://example.org/x')).toBe(false);
    const [request] = server.requests;
    expect(request?.ids).toEqual([
      'ARXIV:2305.18290',
      'ARXIV:2606.26448',
      'DOI:10.1038/nature16961',
    ]);
    expect(request?.apiKey).toBe('secret-key');
    expect(request?.fields?.split(',')).toEqual(
      expect.arrayContaining(['title', 'authors', 'abstract', 'references.externalIds']),
    );
  });

  it('keeps references it can name (arXiv id, DOI, or Semantic Scholar page) and drops the rest', async () => {
    const papers = await s2().fetchPapers([arxivCandidate('2606.26071')]);
    expect(papers.get('arxiv:2606.26071')?.references.map((r) => r.id)).toEqual([
      'arxiv:2401.05566',
      'arxiv:2412.04984',
    ]);
  });

  it('keys a reference known only by its Semantic Scholar page as a show note linking that page is keyed', async () => {
    const s2Id = '3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e';
    const linkedInNotes = normalisePaperRef(
      `https://www.semanticscholar.org/paper/An-Unindexed-Preprint/${s2Id.toUpperCase()}`,
    );
    server.plan('s2', {
      body: JSON.stringify([
        {
          paperId: '5c1b7e3f0a2d4e6b8c9d0e1f2a3b4c5d6e7f8a90',
          externalIds: { ArXiv: '2606.26071' },
          references: [
            { paperId: s2Id, externalIds: { CorpusId: 1 }, title: 'An unindexed preprint' },
          ],
        },
      ]),
      contentType: 'application/json',
    });
    const papers = await s2().fetchPapers([arxivCandidate('2606.26071')]);
    expect(papers.get('arxiv:2606.26071')?.references).toEqual([
      {
        id: `url:https://semanticscholar.org/paper/${s2Id}`,
        title: 'An unindexed preprint',
        url: `https://semanticscholar.org/paper/${s2Id}`,
        arxivId: null,
        doi: null,
      },
    ]);
    expect(papers.get('arxiv:2606.26071')?.references[0]?.id).toBe(linkedInNotes?.id);
  });

  it(`asks at most ${SEMANTIC_SCHOLAR_BATCH_SIZE} ids per request`, async () => {
    const ids = Array.from({ length: 1_201 }, (_, i) =>
      arxivCandidate(`2401.${String(10_000 + i)}`),
    );
    const papers = await s2().fetchPapers(ids);
    expect(server.requests.map((r) => r.ids.length)).toEqual([500, 500, 201]);
    expect(papers.size).toBe(1_201);
    expect([...papers.values()].every((p) => p === null)).toBe(true);
  });

  it('waits as long as a 429 Retry-After says, then retries', async () => {
    server.plan('s2', { status: 429, retryAfter: '1' });
    const papers = await s2().fetchPapers([arxivCandidate('2305.18290')]);
    expect(papers.get('arxiv:2305.18290')?.metadata.year).toBe(2023);
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('backs off on 500 and retries; gives up with a retryable error after its retries', async () => {
    server.plan('s2', { status: 500 }, { status: 502 });
    expect(
      (await s2().fetchPapers([arxivCandidate('2305.18290')])).get('arxiv:2305.18290'),
    ).not.toBeNull();
    expect(server.requests).toHaveLength(3);
    server.plan('s2', { status: 500 }, { status: 500 }, { status: 500 });
    const error = await s2()
      .fetchPapers([arxivCandidate('2305.18290')])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toBe(
      'Semantic Scholar: HTTP 500 Internal Server Error',
    );
    expect((error as ProviderError).retryable).toBe(true);
  });

  it('times out a request that never answers, and retries it', async () => {
    server.plan('s2', 'hang');
    const started = Date.now();
    const papers = await s2().fetchPapers([arxivCandidate('2305.18290')]);
    expect(papers.get('arxiv:2305.18290')).not.toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(FAST.timeoutMs);
    server.plan('s2', 'hang', 'hang', 'hang');
    await expect(s2().fetchPapers([arxivCandidate('2305.18290')])).rejects.toThrow(
      'Semantic Scholar: request timed out',
    );
  });

  it('refuses an answer that is not JSON or not a batch, saying so', async () => {
    server.plan('s2', { body: '[{"paperId": "abc", ', contentType: 'application/json' });
    await expect(s2().fetchPapers([arxivCandidate('2305.18290')])).rejects.toThrow(
      /Semantic Scholar: answer is not JSON/,
    );
    server.plan('s2', { body: '{"error": "oops"}', contentType: 'application/json' });
    await expect(s2().fetchPapers([arxivCandidate('2305.18290')])).rejects.toThrow(
      /answer is not a paper batch/,
    );
    server.plan('s2', { body: '[null, null]', contentType: 'application/json' });
    await expect(s2().fetchPapers([arxivCandidate('2305.18290')])).rejects.toThrow(
      'answered 2 papers for 1 ids',
    );
  });

  it('a provider down at first (connection refused) is tried again and answers when it is back', async () => {
    server.plan('s2', 'reset');
    expect(
      (await s2().fetchPapers([arxivCandidate('2305.18290')])).get('arxiv:2305.18290'),
    ).not.toBeNull();
    const closed = server.s2Url;
    await server.close();
    const down = new SemanticScholarClient({ baseUrl: closed, http: FAST });
    await expect(down.fetchPapers([arxivCandidate('2305.18290')])).rejects.toThrow(
      /Semantic Scholar: unreachable \(ECONNREFUSED\)/,
    );
  });
});

describe('arXiv Atom client', () => {
  it('reads title, authors, abstract, published date, categories and DOI; null for ids without an entry', async () => {
    const papers = await arxiv().fetchPapers(['2606.26448', '2606.26453', '2606.99999']);
    expect(papers.get('2606.26448')).toEqual({
      title: 'An AI Designed Its Own Psychology Studies, Then Confirmed What It Predicted',
      authors: [{ name: 'Hannah Feld' }, { name: 'Oluwaseun Adeyemi' }],
      year: 2026,
      venue: null,
      abstract:
        'We let a language-model agent propose, preregister and run online psychology experiments. Its predictions & effect sizes replicate.',
      topics: ['cs.AI', 'q-bio.NC'],
      arxivId: '2606.26448',
      doi: null,
      publishedAt: '2026-06-25',
    });
    expect(papers.get('2606.26453')).toMatchObject({
      doi: '10.1145/3700000.3700001',
      venue: 'Proc. MLSys 2026',
      topics: ['cs.LG', 'cs.PF'],
    });
    expect(papers.get('2606.99999')).toBeNull();
    expect(server.requests[0]?.ids).toEqual(['2606.26448', '2606.26453', '2606.99999']);
  });

  it('skips the API error entries', async () => {
    server.plan('arxiv', { body: ARXIV_ERROR_FEED, contentType: 'application/atom+xml' });
    expect((await arxiv().fetchPapers(['2606.26448'])).get('2606.26448')).toBeNull();
  });

  it('spaces requests by the configured interval, retries included; the default is 3 s', async () => {
    expect(ARXIV_REQUEST_SPACING_MS).toBe(3_000);
    const client = new ArxivClient({
      baseUrl: server.arxivUrl,
      spacingMs: 300,
      http: FAST,
      batchSize: 1,
    });
    server.plan('arxiv', { status: 503 });
    await client.fetchPapers(['2606.26448', '2606.26453']);
    const times = server.requests.map((r) => r.at);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(290);
  });

  it('refuses an answer that is not XML or not Atom, and one declaring a DOCTYPE', async () => {
    server.plan('arxiv', {
      body: '<feed><entry><id>http://arxiv.org/abs/2606.26448v1</id>',
      contentType: 'application/atom+xml',
    });
    await expect(arxiv().fetchPapers(['2606.26448'])).rejects.toThrow(/arXiv: answer is not XML/);
    server.plan('arxiv', {
      body: '<html><body>Service Unavailable</body></html>',
      contentType: 'text/html',
    });
    await expect(arxiv().fetchPapers(['2606.26448'])).rejects.toThrow(
      'arXiv: answer is not an Atom feed of entries',
    );
    server.plan('arxiv', {
      body: '<!DOCTYPE feed [<!ENTITY a "b">]><feed/>',
      contentType: 'application/atom+xml',
    });
    await expect(arxiv().fetchPapers(['2606.26448'])).rejects.toThrow(/declares a DOCTYPE/);
  });

  it('honours 429 Retry-After and times out a request that hangs', async () => {
    server.plan('arxiv', { status: 429, retryAfter: '1' }, 'hang');
    const started = Date.now();
    const papers = await arxiv().fetchPapers(['2606.26448']);
    expect(papers.get('2606.26448')?.title).toMatch(/^An AI Designed/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000 + FAST.timeoutMs - 50);
    expect(server.requests).toHaveLength(3);
  });
});
