// arXiv API: GET {base}?id_list=…&max_results=N answers an Atom feed with one <entry> per paper
// (title, summary, authors, published, arxiv:primary_category, categories, arxiv:doi). The API's
// etiquette is one request every 3 seconds from one client, so every request waits its turn.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';

import type { PaperMetadata } from '../domain/metadata.ts';
import { parseArxivId } from '../ids/arxiv.ts';
import { parseDoi } from '../ids/doi.ts';
import { decodeXmlEntities } from '../import/html.ts';
import { LITERAL_XML_OPTIONS } from '../import/xmlParserOptions.ts';
import { providerClient, ProviderError, type ProviderHttpOptions, requestText } from './http.ts';
import { RequestSpacer } from './spacing.ts';
import { cleanText, topicsOf } from './text.ts';

/** The API answers up to 2,000 entries; 100 ids keep the request line short. */
const ARXIV_BATCH_SIZE = 100;
export const ARXIV_REQUEST_SPACING_MS = 3_000;
const PROVIDER = 'arXiv';

const parser = new XMLParser({
  ...LITERAL_XML_OPTIONS,
  isArray: (name) => ['entry', 'author', 'category', 'link'].includes(name),
});

const textNode = z.union([
  z.string(),
  z.object({ '#text': z.string() }).transform((node) => node['#text']),
]);
const entrySchema = z.object({
  id: textNode,
  title: textNode.optional(),
  summary: textNode.optional(),
  published: textNode.optional(),
  author: z.array(z.object({ name: textNode.optional() })).optional(),
  category: z.array(z.object({ '@_term': z.string() })).optional(),
  'arxiv:primary_category': z.object({ '@_term': z.string() }).optional(),
  'arxiv:doi': textNode.optional(),
  'arxiv:journal_ref': textNode.optional(),
});
const feedSchema = z.object({ feed: z.object({ entry: z.array(entrySchema).optional() }) });
type AtomEntry = z.infer<typeof entrySchema>;

export interface ArxivOptions {
  baseUrl: string;
  /** Least time between two requests (retries included); the default follows the API's etiquette. */
  spacingMs?: number;
  http?: ProviderHttpOptions;
  batchSize?: number;
}

export class ArxivClient {
  readonly #client;
  readonly #url: string;
  readonly #batchSize: number;

  constructor(options: ArxivOptions) {
    this.#url = options.baseUrl;
    this.#batchSize = Math.min(options.batchSize ?? ARXIV_BATCH_SIZE, ARXIV_BATCH_SIZE);
    const spacer = new RequestSpacer(options.spacingMs ?? ARXIV_REQUEST_SPACING_MS);
    this.#client = providerClient(options.http, {
      hooks: { beforeRequest: [() => spacer.turn()], beforeRetry: [() => spacer.turn()] },
    });
  }

  /** Metadata per bare arXiv id; null for ids arXiv does not answer with an entry. */
  async fetchPapers(arxivIds: readonly string[]): Promise<Map<string, PaperMetadata | null>> {
    const ids = [...new Set(arxivIds)];
    const found = new Map<string, PaperMetadata | null>();
    for (let start = 0; start < ids.length; start += this.#batchSize) {
      const chunk = ids.slice(start, start + this.#batchSize);
      const entries = await this.#query(chunk);
      for (const id of chunk) found.set(id, entries.get(id) ?? null);
    }
    return found;
  }

  async #query(ids: string[]): Promise<Map<string, PaperMetadata>> {
    const body = await requestText(PROVIDER, () =>
      this.#client.get(this.#url, {
        searchParams: { id_list: ids.join(','), max_results: String(ids.length) },
      }),
    );
    return parseArxivFeed(body);
  }
}

/** Entries of an arXiv Atom answer by bare id; API error entries (…/api/errors#…) are left out. */
function parseArxivFeed(xml: string): Map<string, PaperMetadata> {
  if (/<!DOCTYPE/i.test(xml))
    throw new ProviderError(
      PROVIDER,
      'answer declares a DOCTYPE, which an Atom answer never does',
      true,
    );
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ProviderError(
      PROVIDER,
      `answer is not XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg})`,
      true,
    );
  }
  const parsed = feedSchema.safeParse(parser.parse(xml));
  if (!parsed.success)
    throw new ProviderError(PROVIDER, 'answer is not an Atom feed of entries', true);
  const entries = new Map<string, PaperMetadata>();
  for (const entry of parsed.data.feed.entry ?? []) {
    const id = entryArxivId(entry.id);
    if (id !== null) entries.set(id, toMetadata(id, entry));
  }
  return entries;
}

function entryArxivId(atomId: string): string | null {
  const match = /arxiv\.org\/abs\/(.+)$/.exec(atomId.trim());
  return match?.[1] ? parseArxivId(match[1]) : null;
}

function text(node: string | undefined, max: number): string | null {
  return cleanText(node === undefined ? null : decodeXmlEntities(node), max);
}

function toMetadata(arxivId: string, entry: AtomEntry): PaperMetadata {
  const published = /^(\d{4})-(\d{2})-(\d{2})/.exec(entry.published ?? '');
  const doi = entry['arxiv:doi'] ? parseDoi(decodeXmlEntities(entry['arxiv:doi'])) : null;
  const primary = entry['arxiv:primary_category']?.['@_term'];
  return {
    title: text(entry.title, 1000),
    authors: (entry.author ?? []).flatMap((author) => {
      const name = text(author.name, 500);
      return name ? [{ name }] : [];
    }),
    year: published ? Number(published[1]) : null,
    venue: text(entry['arxiv:journal_ref'], 1000),
    abstract: text(entry.summary, 50_000),
    topics: topicsOf([
      ...(primary ? [primary] : []),
      ...(entry.category ?? []).map((c) => c['@_term']),
    ]),
    arxivId,
    doi: doi?.kind === 'doi' ? doi.doi : null,
    publishedAt: published ? `${published[1]}-${published[2]}-${published[3]}` : null,
  };
}
