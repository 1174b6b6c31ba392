// What a use case says when it cannot do what was asked, in words for the editor and a kind the
// server turns into a status (server/app.ts) and the CLI into an exit code.

export type Refusal = 'not-found' | 'conflict' | 'invalid' | 'unavailable';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly kind: Refusal,
    message: string,
    /** A machine-readable reason, for the editor app ("conflict", "no-site-url"…). */
    readonly code?: string,
  ) {
    super(message);
  }
}

export const STATUS_OF: Record<Refusal, number> = { 'not-found': 404, conflict: 409, invalid: 422, unavailable: 503 };
