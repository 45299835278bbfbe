// Store failures a person can act on, the same whichever store runs. Each store maps its own driver's
// errors into these; anything else (a bug, a malformed statement) keeps its original form.

/** A store failure whose message says what happened and what to do; no stack needed to act on it. */
export abstract class StoreError extends Error {}

/** The store cannot be reached (down, restarting, wrong host). Retrying later may succeed. */
export class StoreUnavailableError extends StoreError {
  override name = 'StoreUnavailableError';
}

/** The store refused the configured credentials: a configuration problem, retrying will not help. */
export class StoreAuthError extends StoreError {
  override name = 'StoreAuthError';
}

/** A uniqueness rule refused a write, e.g. two imports racing to create the same node. */
export class StoreConflictError extends StoreError {
  override name = 'StoreConflictError';
}

/** Another writer holds the store for now. Retrying shortly may succeed. */
export class StoreBusyError extends StoreError {
  override name = 'StoreBusyError';
}

/** Another process owns the store's data; this one must not open it. */
export class StoreInUseError extends StoreError {
  override name = 'StoreInUseError';
}
