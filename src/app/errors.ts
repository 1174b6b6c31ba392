// What a use case says when it cannot do what was asked, in words for the editor and a kind the
// server turns into a status (server/app.ts) and the CLI into an exit code.

export type Refusal = 'not-found' | 'conflict' | 'invalid' | 'unavailable' | 'unauthenticated' | 'rate-limited' | 'gone' | 'bad-request';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly kind: Refusal,
    message: string,
    /** A machine-readable reason, for the editor app ("conflict", "no-site-url"…). */
    readonly code?: string,
    /** Seconds until trying again makes sense (rate-limited). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const STATUS_OF: Record<Refusal, number> = { 'not-found': 404, conflict: 409, invalid: 422, unavailable: 503, unauthenticated: 401, 'rate-limited': 429, gone: 410, 'bad-request': 400 };
