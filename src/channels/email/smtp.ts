// Mail out over SMTP: a pool of nodemailer SMTP connections, a rate limit, and a hook that runs
// after the server has accepted the envelope and taken the body but before the final "." that
// commits the message. The campaign outbox records a mail as sent in that hook: a process killed
// while waiting for the server's reply has already recorded it, and one killed earlier has
// not given the server a complete message. Either way a restart sends it once.

import { Socket } from 'node:net';
import { hostname } from 'node:os';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  url: string;
  /** Connections kept open (default 4). */
  pool?: number;
  /** Messages a connection sends before it is renewed (default 500). */
  maxMessages?: number;
  /** At most this many messages a second over all connections (default: no limit). */
  ratePerSecond?: number | undefined;
  /** Accept a self-signed certificate (test servers only). */
  insecureTls?: boolean;
  timeoutMs?: number;
}

export interface SendError extends Error {
  /** The server's reply code, when it answered. */
  responseCode?: number;
  /** 'permanent' (5xx: do not retry), 'transient' (4xx, network: retry later). */
  kind: 'permanent' | 'transient';
  /** The message was recorded as sent (the hook ran) before the failure. */
  afterCommit: boolean;
}

/** Hands the body over, then waits for `beforeEnd` before ending it (and so before the final dot). */
class GatedMessage extends Readable {
  private pushed = false;
  committed = false;
  /** The send failed before the message was wanted (a refused recipient): nodemailer then reads
   * the stream through only to free it, and that must not run the hook. */
  private abandoned = false;
  constructor(
    private body: Buffer,
    private beforeEnd: (() => Promise<void>) | undefined,
  ) {
    super({ highWaterMark: 64 * 1024 });
  }
  abandon(): void {
    this.abandoned = true;
  }

  override _read(): void {
    if (this.abandoned) return void this.push(null);
    if (!this.pushed) {
      this.pushed = true;
      this.push(this.body);
      return;
    }
    if (!this.beforeEnd) return void this.push(null);
    const hook = this.beforeEnd;
    this.beforeEnd = undefined;
    hook().then(
      () => {
        this.committed = true;
        this.push(null);
      },
      (e: Error) => this.destroy(e),
    );
  }
}

interface Conn {
  c: SMTPConnection;
  sent: number;
  broken: boolean;
}

export class SmtpPool {
  private idle: Conn[] = [];
  private open = 0;
  private waiters: (() => void)[] = [];
  private nextSlot = 0;
  private closed = false;
  readonly size: number;
  private readonly url: URL;

  constructor(private opts: SmtpOptions) {
    this.url = new URL(opts.url);
    if (this.url.protocol !== 'smtp:' && this.url.protocol !== 'smtps:') throw new Error(`smtp: ${opts.url.replace(/\/\/[^@]*@/, '//…@')} is not an smtp:// or smtps:// URL`);
    this.size = Math.max(1, opts.pool ?? 4);
  }

  private connect(): Promise<Conn> {
    const secure = this.url.protocol === 'smtps:';
    const c = new SMTPConnection({
      host: this.url.hostname,
      port: Number(this.url.port || (secure ? 465 : 587)),
      secure,
      name: hostname(),
      connectionTimeout: this.opts.timeoutMs ?? 30_000,
      greetingTimeout: this.opts.timeoutMs ?? 30_000,
      socketTimeout: (this.opts.timeoutMs ?? 30_000) * 4,
      ...(this.opts.insecureTls ? { tls: { rejectUnauthorized: false } } : {}),
      // Our own socket, without Nagle's delay: the final dot is a small write right after the body,
      // and waiting for the server's delayed ACK cost 40 ms a message (89 mails/s on loopback).
      ...(secure ? {} : { socket: noDelaySocket() }),
    });
    const conn: Conn = { c, sent: 0, broken: false };
    return new Promise((resolve, reject) => {
      // SMTPConnection calls connect's callback on success only: a refused or dropped connection
      // is an 'error' or 'end' event, which must end the attempt (else nothing ever settles it).
      let settled = false;
      const fail = (e: Error) => {
        conn.broken = true;
        if (!settled) (settled = true), reject(transient(e, false));
      };
      c.on('error', (e: Error) => fail(Object.assign(new Error(`cannot connect to ${this.url.host}: ${e.message}`), { code: (e as { code?: string }).code })));
      c.on('end', () => fail(new Error(`${this.url.host} closed the connection`)));
      c.connect((err) => {
        if (err) return fail(err);
        settled = !this.url.username;
        if (!this.url.username) return resolve(conn);
        c.login({ user: decodeURIComponent(this.url.username), pass: decodeURIComponent(this.url.password) }, (e) => {
          settled = true;
          if (e) reject(classify(e, false));
          else resolve(conn);
        });
      });
    });
  }

  private async take(): Promise<Conn> {
    for (;;) {
      if (this.closed) throw new Error('smtp: the pool is closed');
      const free = this.idle.pop();
      if (free && !free.broken) return free;
      if (free) {
        this.open--;
        continue;
      }
      if (this.open < this.size) {
        this.open++;
        try {
          return await this.connect();
        } catch (e) {
          this.open--;
          this.wake();
          throw e;
        }
      }
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  private give(conn: Conn): void {
    if (conn.broken || conn.sent >= (this.opts.maxMessages ?? 500) || this.closed) {
      if (!conn.broken) conn.c.quit();
      this.open--;
    } else this.idle.push(conn);
    this.wake();
  }

  private wake(): void {
    this.waiters.shift()?.();
  }

  /** Waits for the rate limit's next slot. */
  private async pace(): Promise<void> {
    const rate = this.opts.ratePerSecond;
    if (!rate || rate <= 0) return;
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / rate;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }

  /** Sends one message; `beforeEnd` runs once the server has taken all but the final dot. */
  async send(envelope: { from: string; to: string }, message: Buffer | string, beforeEnd?: () => Promise<void>): Promise<{ response: string }> {
    await this.pace();
    const conn = await this.take();
    const gated = new GatedMessage(typeof message === 'string' ? Buffer.from(message) : message, beforeEnd);
    try {
      const info = await new Promise<{ response: string }>((resolve, reject) => {
        conn.c.send({ from: envelope.from, to: [envelope.to] }, gated, (err, info) => {
          if (!err) return resolve(info as { response: string });
          // Before the drain nodemailer starts on a refused envelope reads the stream (next tick).
          gated.abandon();
          reject(classify(err, gated.committed));
        });
      });
      conn.sent++;
      return info;
    } catch (e) {
      if ((e as SendError).kind === 'transient') conn.broken = true;
      else if (!conn.broken) await new Promise<void>((r) => conn.c.reset(() => r()));
      throw e;
    } finally {
      this.give(conn);
    }
  }

  /** Composes (nodemailer's MailComposer) and sends a single message. */
  async sendMail(mail: { from: string; to: string; subject: string; text: string; html: string; headers?: Record<string, string> }): Promise<{ response: string }> {
    const raw = await new MailComposer({ ...mail, textEncoding: 'base64' }).compile().build();
    return this.send({ from: addressOf(mail.from), to: mail.to }, raw);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const conn of this.idle.splice(0)) conn.c.quit();
    this.open = 0;
  }
}

function noDelaySocket(): Socket {
  const s = new Socket();
  s.setNoDelay(true);
  return s;
}

/** The bare address of "Name <addr>". */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

function transient(e: Error, afterCommit: boolean): SendError {
  return Object.assign(e, { kind: 'transient' as const, afterCommit });
}

function classify(e: Error & { responseCode?: number }, afterCommit: boolean): SendError {
  const code = e.responseCode;
  return Object.assign(e, { kind: code !== undefined && code >= 500 ? ('permanent' as const) : ('transient' as const), afterCommit });
}
