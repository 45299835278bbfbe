// Per-request context: the store, who is asking, and a request id for logs.
import type { GraphStore } from '../store/store.ts';

export interface Context {
  store: GraphStore;
  /** True only when the request carried the configured admin token. */
  isAdmin: boolean;
  /** False when no ADMIN_TOKEN is configured: mutations are then disabled. */
  mutationsEnabled: boolean;
  requestId: string;
}
