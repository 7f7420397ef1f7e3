/**
 * A channel refused or failed a delivery. `permanent`: trying again cannot help until
 * someone changes something (a wrong key, a missing page). `retryAfterMs`: the provider
 * asked us to wait at least this long.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, opts: { permanent?: boolean; retryAfterMs?: number } = {}) {
    super(message);
    this.name = "DeliveryError";
    this.permanent = opts.permanent ?? false;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** What a delivered message leaves behind: a line for the item's note and the provider's answer. */
export type Delivered = {
  summary: string;
  response: Record<string, unknown>;
  /** Some recipients were refused: recorded, but the channel item is not ticked as delivered. */
  partial?: boolean;
};
