export type FetchErrorCode =
  | 'blocked-address'
  | 'bad-url'
  | 'too-large'
  | 'timeout'
  | 'too-many-redirects'
  | 'redirect-refused'
  | 'http'
  | 'network'
  | 'decoding';

/** A failed fetch: `fetch: https://x.example/feed: HTTP 503`. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    readonly url: string,
    detail: string,
    readonly status?: number,
    /** Seconds the server asked us to wait (Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(`fetch: ${url}: ${detail}`);
  }

  /** Worth trying again soon: the network, a timeout, 429 or a 5xx. */
  get transient(): boolean {
    return this.code === 'network' || this.code === 'timeout' || (this.code === 'http' && (this.status === 429 || (this.status ?? 0) >= 500));
  }
}
