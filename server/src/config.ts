// One validated configuration for the whole process: read once at start, fail fast listing every problem.
import { isIP } from 'node:net';

import { z } from 'zod';

import { feedUrlSchema } from './domain/feed.ts';

/** 0 asks the system for a free port (tests); the URL printed at start is the bound one. */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

const envSchema = z
  .object({
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port(3000),
    DATA_DIR: z.string().min(1).default('./data'),
    NEO4J_URI: z
      .string()
      .regex(
        /^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/,
        'must be a neo4j://, neo4j+s://, bolt:// or bolt+s:// URI',
      )
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().min(1).optional(),
    NEO4J_DATABASE: z.string().min(1).optional(),
    ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    GRAPHIQL: flag(true),
    INTROSPECTION: flag(true),
    /** Seed an empty store from seed/ on start. */
    SEED_ON_START: flag(true),
    /** Feed URLs to subscribe to at start, separated by whitespace or commas. */
    FEEDS: z
      .string()
      .default('')
      .transform((text) => text.split(/[\s,]+/).filter((url) => url !== ''))
      .pipe(z.array(feedUrlSchema)),
    /** How often every subscribed feed is fetched (± 10% jitter). */
    FEED_REFRESH_MINUTES: z.coerce
      .number()
      .positive()
      .max(7 * 24 * 60)
      .default(60),
    /** Timeout of one feed fetch, for the whole exchange. */
    FEED_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(30),
    /** Fetch paper metadata and references in the background (metadata/enrichment.ts). */
    ENRICH: flag(true),
    SEMANTIC_SCHOLAR_API_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://api.semanticscholar.org/graph/v1'),
    SEMANTIC_SCHOLAR_API_KEY: z.string().min(1).optional(),
    ARXIV_API_URL: z.url({ protocol: /^https?$/ }).default('https://export.arxiv.org/api/query'),
    /** arXiv asks for one request every 3 seconds. */
    ARXIV_REQUEST_SPACING_MS: z.coerce.number().int().min(0).max(600_000).default(3_000),
    /** Metadata older than this many days is fetched again. */
    ENRICH_REFRESH_DAYS: z.coerce.number().positive().max(3650).default(30),
    /** Per-request timeout of the metadata providers. */
    ENRICH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
    /** Refuse GraphQL documents that are not the web app's own (persisted-documents.json). */
    TRUSTED_DOCUMENTS_ONLY: flag(false),
    /** Requests one client may send per RATE_LIMIT_WINDOW_SECONDS; 0 turns the budget off. */
    RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(600),
    /** Estimated query cost (docs/api.md) one client may spend per window; 0 turns the budget off. */
    RATE_LIMIT_COST: z.coerce.number().int().min(0).default(5_000_000),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Budget clients on this machine too (the web app's own server is one, unless it forwards who asked). */
    RATE_LIMIT_LOOPBACK: flag(false),
    /** Peers whose X-Forwarded-For names the client (the web app's server on loopback); `none`: no one. */
    TRUSTED_PROXIES: z
      .string()
      .default('127.0.0.1,::1')
      .transform((text) => (text.trim() === 'none' ? [] : text.split(/[\s,]+/).filter(Boolean)))
      .refine((addresses) => addresses.every((address) => isIP(address) !== 0), {
        message: 'must be IP addresses separated by commas, or none',
      }),
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_URI && !env.NEO4J_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEO4J_PASSWORD'],
        message: 'is required when NEO4J_URI is set',
      });
    }
    if (env.API_PORT !== 0 && env.API_PORT === env.PORT && env.API_HOST === env.HOST) {
      ctx.addIssue({
        code: 'custom',
        path: ['PORT'],
        message: `must differ from API_PORT (${env.API_PORT})`,
      });
    }
  });

export type StoreConfig =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'neo4j'; uri: string; user: string; password: string; database: string | undefined };

export interface Config {
  api: { host: string; port: number };
  web: { host: string; port: number };
  store: StoreConfig;
  adminToken: string | undefined;
  graphiql: boolean;
  introspection: boolean;
  seedOnStart: boolean;
  feeds: FeedsConfig;
  enrichment: EnrichmentConfig;
  trustedDocumentsOnly: boolean;
  rateLimit: RateLimitConfig;
}

export interface RateLimitConfig {
  /** Requests per window and client; 0: no request budget. */
  requests: number;
  /** Estimated cost per window and client; 0: no cost budget. */
  cost: number;
  windowSeconds: number;
  /** Whether clients on a loopback address have budgets too. */
  loopback: boolean;
  /** Peer addresses whose X-Forwarded-For is believed; everyone else is their own address. */
  trustedProxies: string[];
}

export interface EnrichmentConfig {
  enabled: boolean;
  semanticScholarUrl: string;
  semanticScholarApiKey: string | undefined;
  arxivUrl: string;
  arxivSpacingMs: number;
  refreshAfterMs: number;
  timeoutMs: number;
}

export interface FeedsConfig {
  urls: string[];
  refreshMinutes: number;
  timeoutMs: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Empty variables count as unset, so `NEO4J_URI=` in a compose file means "embedded store". */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const store: StoreConfig =
    e.NEO4J_URI !== undefined && e.NEO4J_PASSWORD !== undefined
      ? {
          kind: 'neo4j',
          uri: e.NEO4J_URI,
          user: e.NEO4J_USER,
          password: e.NEO4J_PASSWORD,
          database: e.NEO4J_DATABASE,
        }
      : { kind: 'embedded', dataDir: e.DATA_DIR };
  return {
    api: { host: e.API_HOST, port: e.API_PORT },
    web: { host: e.HOST, port: e.PORT },
    store,
    adminToken: e.ADMIN_TOKEN,
    graphiql: e.GRAPHIQL,
    introspection: e.INTROSPECTION,
    seedOnStart: e.SEED_ON_START,
    feeds: {
      urls: e.FEEDS,
      refreshMinutes: e.FEED_REFRESH_MINUTES,
      timeoutMs: e.FEED_TIMEOUT_SECONDS * 1000,
    },
    enrichment: {
      enabled: e.ENRICH,
      semanticScholarUrl: e.SEMANTIC_SCHOLAR_API_URL,
      semanticScholarApiKey: e.SEMANTIC_SCHOLAR_API_KEY,
      arxivUrl: e.ARXIV_API_URL,
      arxivSpacingMs: e.ARXIV_REQUEST_SPACING_MS,
      refreshAfterMs: e.ENRICH_REFRESH_DAYS * 24 * 60 * 60 * 1000,
      timeoutMs: e.ENRICH_TIMEOUT_MS,
    },
    trustedDocumentsOnly: e.TRUSTED_DOCUMENTS_ONLY,
    rateLimit: {
      requests: e.RATE_LIMIT_REQUESTS,
      cost: e.RATE_LIMIT_COST,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      loopback: e.RATE_LIMIT_LOOPBACK,
      trustedProxies: e.TRUSTED_PROXIES,
    },
  };
}
