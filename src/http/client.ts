// The HTTP client every source uses: Node's own http and https underneath, polite and defensive
// on top. Conditional GET, gzip/deflate/brotli, a body size limit that also caps decompression,
// a timeout, manual redirects (each hop checked by the SSRF guard), per-host and global
// concurrency, and retries with backoff and jitter on transient failures.
//
// Why node:http and not undici: Node's HTTP parser is llhttp compiled in, undici's the same
// parser compiled to WebAssembly, which every process compiles and warms up again, and undici's
// request path is JavaScript that has to warm up too. A collection is a fresh process (a cron
// job, `pressroom collect`) that makes hundreds of requests once: fetching 500 feeds (36 MB) on
// loopback took 570-610 ms of CPU with undici (80 ms of it loading undici) and 235-250 ms with
// node:http, wall time 400-440 ms against 185-220 ms (scratch comparison, 2 cores).

import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import type { Readable } from 'node:stream';
import { BlockedAddressError, guardedLookup, isBlocked, type PrivatePolicy } from './address-guard.ts';
import { FetchError } from './errors.ts';
import { HostLimiter, Semaphore } from './limiter.ts';
import { sizeText } from '../text/size.ts';

export const USER_AGENT = 'Pressroom/0.1 (+https://github.com/pressroom; curated weekly collector)';

export interface FetcherOptions {
  /** Private and loopback addresses: refused unless configured. */
  privateAddresses?: PrivatePolicy;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  concurrency?: number;
  perHost?: number;
  /** Pause between two requests to the same host. */
  hostDelayMs?: number;
  retries?: number;
  /** First backoff; doubles each try, with up to 50% jitter. */
  backoffMs?: number;
  userAgent?: string;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Hosts (as in URL.host, e.g. "127.0.0.1:11434") the operator configured as services (the
   * language model, the Bot API): reached even when private. Every other host, a redirect's
   * included, keeps the guard.
   */
  trustedHosts?: string[];
}

export interface PostResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The answer, for the caller to read (Fetcher.text(), or as a stream) or drop. */
  body: Readable;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchResult {
  /** The URL after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  headers: Record<string, string>;
  body: Buffer;
  etag?: string;
  lastModified?: string;
}

/** PRESSROOM_FETCH_ALLOW_PRIVATE=1 lets the fetcher reach private networks; "loopback" only this machine. */
export function privatePolicyFromEnv(env = process.env): PrivatePolicy {
  const v = env.PRESSROOM_FETCH_ALLOW_PRIVATE;
  if (v === '1' || v === 'true') return 'allow';
  if (v === 'loopback') return 'loopback';
  return 'deny';
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Fetcher {
  readonly opts: Required<FetcherOptions>;
  private agents: { http: HttpAgent; https: HttpsAgent };
  private global: Semaphore;
  private hosts: HostLimiter;
  private trusted: Set<string>;

  constructor(opts: FetcherOptions = {}) {
    this.opts = {
      privateAddresses: opts.privateAddresses ?? privatePolicyFromEnv(),
      timeoutMs: opts.timeoutMs ?? 20_000,
      maxBytes: opts.maxBytes ?? 10 * 1024 * 1024,
      maxRedirects: opts.maxRedirects ?? 5,
      concurrency: opts.concurrency ?? 32,
      perHost: opts.perHost ?? 2,
      hostDelayMs: opts.hostDelayMs ?? 250,
      retries: opts.retries ?? 2,
      backoffMs: opts.backoffMs ?? 1000,
      userAgent: opts.userAgent ?? USER_AGENT,
      sleep: opts.sleep ?? realSleep,
      trustedHosts: opts.trustedHosts ?? [],
    };
    this.trusted = new Set((opts.trustedHosts ?? []).map((h) => h.toLowerCase()));
    const hostnames = new Set([...this.trusted].map((h) => new URL(`http://${h}`).hostname.replace(/^\[|\]$/g, '')));
    // Every connection is made through the guarded lookup: each redirect hop's too.
    const agent = { keepAlive: true, maxSockets: Math.max(this.opts.perHost, 4), lookup: guardedLookup(this.opts.privateAddresses, hostnames) };
    this.agents = { http: new HttpAgent(agent), https: new HttpsAgent(agent) };
    this.global = new Semaphore(this.opts.concurrency);
    this.hosts = new HostLimiter(this.opts.perHost, this.opts.hostDelayMs, this.opts.sleep);
  }

  async close(): Promise<void> {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** GET with retries on transient failures. A 304 comes back as `notModified`. */
  async get(url: string, validators: Validators = {}, accept = '*/*', headers: Record<string, string> = {}): Promise<FetchResult> {
    let attempt = 0;
    for (;;) {
      try {
        return await this.once(url, validators, { ...headers, accept });
      } catch (e) {
        const err = e instanceof FetchError ? e : new FetchError('network', url, (e as Error).message);
        if (!err.transient || attempt >= this.opts.retries) throw err;
        const backoff = this.opts.backoffMs * 2 ** attempt;
        const wait = err.retryAfter !== undefined ? err.retryAfter * 1000 : backoff + Math.random() * backoff * 0.5;
        await this.opts.sleep(Math.min(wait, 60_000));
        attempt++;
      }
    }
  }

  private async once(start: string, validators: Validators, extra: Record<string, string>): Promise<FetchResult> {
    let url = start;
    for (let hop = 0; ; hop++) {
      const target = this.check(url);
      const releaseGlobal = await this.global.acquire();
      const releaseHost = await this.hosts.acquire(target.host);
      try {
        // The timeout covers the whole exchange, the body's reading included.
        const signal = AbortSignal.timeout(this.opts.timeoutMs);
        const res = await this.send(target, validators, extra, signal);
        const location = res.headers.location;
        const statusCode = res.statusCode ?? 0;
        if (statusCode >= 300 && statusCode < 400 && statusCode !== 304 && location) {
          res.resume();
          if (hop >= this.opts.maxRedirects) throw new FetchError('too-many-redirects', start, `more than ${this.opts.maxRedirects} redirects`);
          url = new URL(String(location), target).toString();
          continue;
        }
        const headers = flatHeaders(res.headers);
        if (statusCode === 304) {
          res.resume();
          return { url, status: 304, notModified: true, headers, body: Buffer.alloc(0), ...validatorsOf(headers) };
        }
        if (statusCode >= 400) {
          res.resume();
          const ra = Number(headers['retry-after']);
          throw new FetchError('http', url, `HTTP ${statusCode}`, statusCode, Number.isFinite(ra) ? ra : undefined);
        }
        const body = await this.readBody(url, res, headers['content-encoding'], signal);
        return { url, status: statusCode, notModified: false, headers, body, ...validatorsOf(headers) };
      } finally {
        releaseHost();
        releaseGlobal();
      }
    }
  }

  private check(url: string): URL {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new FetchError('bad-url', url, 'not a URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError('bad-url', url, `scheme ${u.protocol} is not fetched`);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && isBlocked(host, this.opts.privateAddresses) && !this.trusted.has(u.host.toLowerCase())) {
      throw new FetchError('blocked-address', url, `${host} is a private or reserved address (set PRESSROOM_FETCH_ALLOW_PRIVATE=1 to allow)`);
    }
    return u;
  }

  /**
   * A POST (a webhook, the Bot API, the language model) through the same guard. Redirects are not
   * followed: a POST sent on to where a redirect points could reach what the guard protects, so
   * an answer 3xx is an error naming where it pointed. The answer is returned whatever its status.
   */
  async post(url: string, body: string | Buffer, headers: Record<string, string> = {}, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<PostResponse> {
    const target = this.check(url);
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.opts.timeoutMs);
    const res = await this.exchange(target, { method: 'POST', headers: { 'user-agent': this.opts.userAgent, ...headers }, body }, opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400) {
      discard(res);
      throw new FetchError('redirect-refused', url, `answered ${status} to ${String(res.headers.location ?? '(nowhere)')}; a POST is not sent on`);
    }
    return { url, status, headers: flatHeaders(res.headers), body: res };
  }

  /** A POST's answer as text, no longer than the byte limit. */
  async text(res: PostResponse): Promise<string> {
    return (await readLimited(res.body, this.opts.maxBytes, res.url, '')).toString('utf8');
  }

  private async send(u: URL, v: Validators, extra: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
    const headers: Record<string, string> = {
      ...extra,
      'user-agent': this.opts.userAgent,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (v.etag) headers['if-none-match'] = v.etag;
    if (v.lastModified) headers['if-modified-since'] = v.lastModified;
    return this.exchange(u, { method: 'GET', headers }, signal);
  }

  /** One request, answered with the response's head; its body is left to read. */
  private exchange(u: URL, req: { method: string; headers: Record<string, string>; body?: string | Buffer }, signal: AbortSignal, again = false): Promise<IncomingMessage> {
    const https = u.protocol === 'https:';
    return new Promise<IncomingMessage>((resolve, reject) => {
      const fail = (e: unknown) => reject(toFetchError(u.toString(), e, signal));
      try {
        let answered = false;
        const r = (https ? httpsRequest : httpRequest)(u, { method: req.method, headers: req.headers, agent: https ? this.agents.https : this.agents.http, signal }, (res) => {
          answered = true;
          resolve(res);
        });
        r.on('error', (e: NodeJS.ErrnoException) => {
          // A kept-alive connection the server closed as this GET went out on it (servers close
          // idle ones after a few seconds, and a busy event loop learns of it late): nothing was
          // answered, so the GET goes again, once, on a new connection, as Node's documentation
          // advises (request.reusedSocket). Not a retry of the server's answer: it never gave one.
          if (!again && !answered && r.reusedSocket && req.method === 'GET' && (e.code === 'ECONNRESET' || e.code === 'EPIPE') && !signal.aborted) {
            resolve(this.exchange(u, req, signal, true));
            return;
          }
          fail(e);
        });
        r.end(req.body);
      } catch (e) {
        // A header value Node refuses (a control character in an ETag the server sent us).
        fail(e);
      }
    });
  }

  private async readBody(url: string, res: IncomingMessage, encoding: string | undefined, signal: AbortSignal): Promise<Buffer> {
    const max = this.opts.maxBytes;
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      discard(res);
      throw new FetchError('too-large', url, `body of ${sizeText(declared)} is over the ${limitText(max)} limit`);
    }
    const enc = (encoding ?? '').trim().toLowerCase();
    const raw = await readLimited(res, max, url, '').catch((e: unknown) => {
      discard(res);
      throw toFetchError(url, e, signal);
    });
    // A compressed body is read whole, then decompressed in one call on libuv's thread pool: off
    // the thread that fetches and stores, and without a stream's per-chunk work in JavaScript
    // (a quarter of the 500 bench feeds are gzipped: 95-130 ms of the collecting thread, as a
    // stream). maxOutputLength caps what it may grow to, so a bomb stops at the limit.
    const inflater = enc === 'gzip' || enc === 'x-gzip' ? GUNZIP : enc === 'br' ? BROTLI : enc === 'deflate' ? (raw[0] === 0x78 ? INFLATE : INFLATE_RAW) : undefined;
    if (!inflater || raw.length === 0) return raw;
    try {
      return await inflater(raw, { maxOutputLength: max });
    } catch (e) {
      const err = e as Error & { code?: string };
      if (err.code === 'ERR_BUFFER_TOO_LARGE') throw new FetchError('too-large', url, `body is over the ${limitText(max)} limit once decompressed`);
      throw new FetchError('decoding', url, `cannot decompress ${enc} body: ${err.message}`);
    }
  }
}

/** zlib's one-shot decompressors, which run on libuv's pool. Deflate is sent with a zlib header
 * (its first byte 0x78) or, by many servers, raw. */
const GUNZIP = promisify(gunzip);
const BROTLI = promisify(brotliDecompress);
const INFLATE = promisify(inflate);
const INFLATE_RAW = promisify(inflateRaw);

/** Drops a body we will not read; its abort is an error nobody needs. */
function discard(stream: Readable): void {
  stream.on('error', () => {});
  stream.destroy();
}

/** A limit as the editor reads it: "the 1000-byte limit", "the 10 MB limit". */
function limitText(n: number): string {
  return n < 1 << 20 ? `${n}-byte` : sizeText(n);
}

/** Reads a stream whole, failing as soon as it passes `max` bytes. */
async function readLimited(stream: Readable, max: number, url: string, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    size += (c as Buffer).length;
    if (size > max) throw new FetchError('too-large', url, `body is over the ${limitText(max)} limit${what}`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** What went wrong, as a FetchError; `signal` is the exchange's, to tell its timeout from a caller's abort. */
function toFetchError(url: string, e: unknown, signal: AbortSignal | undefined): FetchError {
  if (e instanceof FetchError) return e;
  const err = e as Error & { code?: string; cause?: Error & { code?: string } };
  const cause = err.cause ?? err;
  if (cause instanceof BlockedAddressError || cause.code === 'EPRESSROOMBLOCKED') {
    return new FetchError('blocked-address', url, `${cause.message} (set PRESSROOM_FETCH_ALLOW_PRIVATE=1 to allow)`);
  }
  const reason = signal?.aborted ? (signal.reason as Error | undefined) : undefined;
  if (reason && reason.name !== 'TimeoutError') return new FetchError('network', url, 'aborted');
  if (reason || err.name === 'TimeoutError' || cause.name === 'TimeoutError' || /timeout/i.test(err.code ?? '') || /Timeout/.test(err.name)) {
    return new FetchError('timeout', url, 'timed out');
  }
  return new FetchError('network', url, cause.code ? `${cause.code}: ${cause.message}` : cause.message);
}

function flatHeaders(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function validatorsOf(h: Record<string, string>): { etag?: string; lastModified?: string } {
  const out: { etag?: string; lastModified?: string } = {};
  if (h.etag) out.etag = h.etag;
  if (h['last-modified']) out.lastModified = h['last-modified'];
  return out;
}
