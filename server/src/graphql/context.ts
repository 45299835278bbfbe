// Per-request context: the store and the request's loaders, who is asking, and a request id for logs.
import type { FeedService } from '../feeds/feedService.ts';
import type { EnrichmentStatusSource } from '../metadata/enrichment.ts';
import type { GraphStore } from '../store/store.ts';
import type { Loaders } from './loaders.ts';
import type { MetadataLoaders } from './metadataLoaders.ts';
import type { PeopleLoaders } from './peopleLoaders.ts';

export interface Context {
  store: GraphStore;
  loaders: Loaders;
  /** True only when the request carried the configured admin token. */
  isAdmin: boolean;
  /** False when no ADMIN_TOKEN is configured: mutations are then disabled. */
  mutationsEnabled: boolean;
  requestId: string;
  /** The feed subscriptions and poller; undefined where the server runs without them (tests). */
  feeds?: FeedService | undefined;
  /** Undefined when enrichment is off (ENRICH=false). */
  enrichment?: EnrichmentStatusSource | undefined;
  /** Made on first use by metadataLoaders(context). */
  metadataLoaders?: MetadataLoaders;
  /** Made on first use by peopleLoaders(context). */
  peopleLoaders?: PeopleLoaders;
}
