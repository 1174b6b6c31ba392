// Small HTTP pieces the routes share: errors with a status, cookies, a fixed-window rate limiter, body limits.

import type { FastifyContextConfig } from 'fastify';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

export function cookie(name: string, value: string, opts: { maxAgeSeconds?: number; secure?: boolean; httpOnly?: boolean } = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax'];
  if (opts.httpOnly !== false) parts.push('HttpOnly');
  if (opts.secure) parts.push('Secure');
  if (opts.maxAgeSeconds !== undefined) parts.push(`Max-Age=${opts.maxAgeSeconds}`);
  return parts.join('; ');
}

/** Counts events per key in a fixed window; `hit` says whether one more is allowed. */
export class RateLimiter {
  private windows = new Map<string, { start: number; n: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private now: () => number = Date.now,
  ) {}

  /** Seconds to wait before the next attempt, or 0 when this one may go ahead (and is counted). */
  hit(key: string): number {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, n: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.sweep(t);
    }
    if (w.n >= this.max) return Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000));
    w.n++;
    return 0;
  }

  /** Seconds until `key` may try again without counting an attempt; 0 when it may. */
  blocked(key: string): number {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs || w.n < this.max) return 0;
    return Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000));
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/** Route options for a body of up to `bytes`: Fastify's limit, and the same in the route's
 * config, where the error handler finds it to name it (Fastify's own message names no size). */
export function sized(bytes: number, opts: { config?: FastifyContextConfig } = {}): { bodyLimit: number; config: FastifyContextConfig } {
  return { ...opts, bodyLimit: bytes, config: { ...opts.config, bodyLimit: bytes } };
}
