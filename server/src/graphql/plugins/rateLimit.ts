// Per-client budgets over a fixed window: requests, and the estimated cost of the queries a client runs
// (the queryLimits plugin's estimate, so a budget counts work, not calls). GraphQL answers carry the
// RateLimit-Policy and RateLimit fields of draft-ietf-httpapi-ratelimit-headers-10; a client over a
// budget gets 429 with Retry-After and a RATE_LIMITED error naming `retryAfter`. A client is its
// address; a trusted proxy's request (TRUSTED_PROXIES, by default the web app's server on loopback)
// stands for the last address its X-Forwarded-For names, the one that proxy saw (earlier ones are
// whatever the client wrote). Anyone else's X-Forwarded-For is ignored, so forging one gains nothing.
// Loopback clients are not budgeted unless asked: the web app's server names every visitor.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import type { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

import type { RateLimitConfig } from '../../config.ts';
import { estimatedCost } from './queryLimits.ts';

const RATE_LIMITED = 'RATE_LIMITED';

type PolicyName = 'requests' | 'cost';

interface Policy {
  name: PolicyName;
  quota: number;
  /** Made on first use. */
  limiter: () => Promise<RateLimiterMemory>;
}

/** One client's standing after this request, per policy. */
interface Standing {
  client: string;
  remaining: Map<PolicyName, RateLimiterRes>;
}

const LOOPBACK = /^(127\.|::1$)/;

/** An IPv4 client of a dual-stack socket shows as `::ffff:a.b.c.d`: the same client as `a.b.c.d`. */
const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.)/i, '');

function peerAddress(serverContext: unknown): string | undefined {
  const req = (serverContext as { req?: IncomingMessage } | undefined)?.req;
  return req?.socket.remoteAddress;
}

/** The address a trusted proxy saw: the last X-Forwarded-For entry, when it is an IP address. */
function forwardedAddress(request: Request): string | undefined {
  const last = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return last !== undefined && isIP(plainAddress(last)) !== 0 ? plainAddress(last) : undefined;
}

/** Who is asking, or null for a loopback client that is not budgeted. */
function clientOf(
  request: Request,
  peer: string | undefined,
  trustedProxies: ReadonlySet<string>,
  loopback: boolean,
): string | null {
  // In-process requests (yoga.fetch) have no peer: they are this machine.
  const address = plainAddress(peer ?? '127.0.0.1');
  const client = (trustedProxies.has(address) && forwardedAddress(request)) || address;
  if (!LOOPBACK.test(client)) return client;
  return loopback ? client : null;
}

/** A budget a request would overrun, and where its client stands in it. */
interface Refusal {
  policy: Policy;
  standing: RateLimiterRes;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function refusalBody({ policy, standing }: Refusal, windowSeconds: number) {
  const retryAfter = seconds(standing.msBeforeNext);
  const what =
    policy.name === 'requests'
      ? `${policy.quota} requests`
      : `queries of an estimated cost of ${policy.quota.toLocaleString('en')} in all (see docs/api.md, "Rate limits")`;
  return {
    message: `Rate limited: this client may send ${what} per ${windowSeconds} s. Retry after ${retryAfter} s.`,
    extensions: { code: RATE_LIMITED, policy: policy.name, retryAfter },
  };
}

function rateLimitedError(refusal: Refusal, windowSeconds: number): GraphQLError {
  const { message, extensions } = refusalBody(refusal, windowSeconds);
  return createGraphQLError(message, {
    extensions: {
      ...extensions,
      http: { status: 429, headers: { 'retry-after': String(extensions.retryAfter) } },
    },
  });
}

/** `RateLimit-Policy` and `RateLimit` values (structured-field lists, one item per policy). */
function rateLimitFields(policies: readonly Policy[], standing: Standing, windowSeconds: number) {
  const policy = policies.map((p) => `"${p.name}";q=${p.quota};w=${windowSeconds}`).join(', ');
  const current = policies
    .flatMap((p) => {
      const res = standing.remaining.get(p.name);
      return res === undefined
        ? []
        : [`"${p.name}";r=${res.remainingPoints};t=${seconds(res.msBeforeNext)}`];
    })
    .join(', ');
  return { policy, current };
}

export function useRateLimit(config: RateLimitConfig, graphqlEndpoint: string): Plugin {
  // Deliberately lazy: rate-limiter-flexible loads with the first budgeted request, not at start.
  let library: Promise<typeof import('rate-limiter-flexible')> | undefined;
  const policy = (name: PolicyName, quota: number): Policy[] => {
    if (quota === 0) return [];
    let limiter: Promise<RateLimiterMemory> | undefined;
    const made = async () => {
      const { RateLimiterMemory } = await (library ??= import('rate-limiter-flexible'));
      return new RateLimiterMemory({ points: quota, duration: config.windowSeconds });
    };
    return [{ name, quota, limiter: () => (limiter ??= made()) }];
  };
  const requests = policy('requests', config.requests);
  const cost = policy('cost', config.cost);
  const policies = [...requests, ...cost];
  const standings = new WeakMap<Request, Standing>();
  const trustedProxies = new Set(config.trustedProxies.map(plainAddress));

  const refusal = (policy: Policy, res: RateLimiterRes, standing: Standing): Refusal => {
    standing.remaining.set(policy.name, res);
    return { policy, standing: res };
  };

  return {
    async onRequest({ request, serverContext, url, endResponse, fetchAPI }) {
      if (policies.length === 0 || url.pathname !== graphqlEndpoint) return;
      const client = clientOf(request, peerAddress(serverContext), trustedProxies, config.loopback);
      if (client === null) return;
      const standing: Standing = { client, remaining: new Map() };
      standings.set(request, standing);
      let refused: Refusal | null = null;
      for (const p of requests) {
        const limiter = await p.limiter();
        try {
          standing.remaining.set(p.name, await limiter.consume(client));
        } catch (res) {
          refused = refusal(p, res as RateLimiterRes, standing);
        }
      }
      // A spent cost budget refuses before parsing: the next query would run over it.
      for (const p of cost) {
        const res = await (await p.limiter()).get(client);
        if (res === null) continue;
        standing.remaining.set(p.name, res);
        if (refused === null && res.remainingPoints === 0) refused = refusal(p, res, standing);
      }
      if (refused === null) return;
      const body = refusalBody(refused, config.windowSeconds);
      const fields = rateLimitFields(policies, standing, config.windowSeconds);
      endResponse(
        fetchAPI.Response.json(
          { errors: [body] },
          {
            status: 429,
            headers: {
              'retry-after': String(body.extensions.retryAfter),
              'ratelimit-policy': fields.policy,
              ratelimit: fields.current,
            },
          },
        ),
      );
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as Partial<YogaInitialContext>).request;
      const standing = request === undefined ? undefined : standings.get(request);
      const points = estimatedCost(args.contextValue);
      if (standing === undefined || points === undefined) return;
      for (const p of cost) {
        const limiter = await p.limiter();
        try {
          standing.remaining.set(p.name, await limiter.consume(standing.client, points));
        } catch {
          // A refused query does not run, so it spends nothing.
          const after = await limiter.reward(standing.client, points);
          setResultAndStopExecution({
            errors: [rateLimitedError(refusal(p, after, standing), config.windowSeconds)],
          });
        }
      }
    },
    onResponse({ request, response }) {
      const standing = standings.get(request);
      if (standing === undefined || response.headers.has('ratelimit')) return;
      const fields = rateLimitFields(policies, standing, config.windowSeconds);
      response.headers.set('ratelimit-policy', fields.policy);
      response.headers.set('ratelimit', fields.current);
    },
  };
}
