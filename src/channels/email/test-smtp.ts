// A real SMTP server on loopback for tests and benchmarks (the smtp-server package): it records
// every message it accepts, can reject chosen recipients, and can hold its replies so a test
// can kill a sender while it waits for the server's answer.

import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

export interface MailSink {
  url: string;
  received: Received[];
  /** Recipients answered 550 at RCPT. */
  reject: Set<string>;
  /**
   * From the n-th message on, keep the reply to DATA (the answer to the final dot) until release().
   * With `dropOnClose`, a message whose connection closes before its reply went is not kept, as a
   * server that never said 250 does not deliver it.
   */
  holdFrom(n: number, opts?: { dropOnClose?: boolean }): void;
  /** Messages received whose reply is held. */
  held(): number;
  release(): void;
  /** Resolves once `n` messages were received (or `held` replies are waiting, when given). */
  waitFor(n: number): Promise<void>;
  waitForHeld(n: number): Promise<void>;
  /** Resolves once every connection whose reply was held has closed (or been answered). */
  waitForClosed(): Promise<void>;
  /** The messages to an address. */
  to(address: string): Received[];
  close(): Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  const received: Received[] = [];
  const reject = new Set<string>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let holdAt = Infinity;
  let dropOnClose = false;
  // Replies held, by session: a session that closes has nobody to answer.
  let heldReplies = new Map<string, () => void>();
  const heldBySession = new Map<string, Received>();
  const server = new SMTPServer({
    onClose(session) {
      const m = heldBySession.get(session.id);
      heldBySession.delete(session.id);
      if (!heldReplies.delete(session.id)) return;
      if (m && dropOnClose) received.splice(received.indexOf(m), 1);
      events.emit('change');
    },
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    onRcptTo(address, _session, cb) {
      if (reject.has(address.address.toLowerCase())) return cb(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const m = { from: (session.envelope.mailFrom && session.envelope.mailFrom.address) || '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') };
        received.push(m);
        if (received.length >= holdAt) {
          heldBySession.set(session.id, m);
          heldReplies.set(session.id, () => {
            heldBySession.delete(session.id);
            cb();
          });
          events.emit('change');
        } else {
          events.emit('change');
          cb();
        }
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const until = (ok: () => boolean) =>
    new Promise<void>((resolve) => {
      if (ok()) return resolve();
      const on = () => {
        if (ok()) {
          events.off('change', on);
          resolve();
        }
      };
      events.on('change', on);
    });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    reject,
    holdFrom: (n, opts = {}) => void ((holdAt = n), (dropOnClose = opts.dropOnClose ?? false)),
    held: () => heldReplies.size,
    release: () => {
      holdAt = Infinity;
      const r = heldReplies;
      heldReplies = new Map();
      for (const f of r.values()) f();
    },
    waitFor: (n) => until(() => received.length >= n),
    waitForHeld: (n) => until(() => heldReplies.size >= n),
    waitForClosed: () => until(() => heldReplies.size === 0),
    to: (address) => received.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header's value (unfolded) from a raw message. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
  return m?.[1];
}

/** The decoded body of the message's part of a type (text/plain or text/html). */
export function partOf(raw: string, type: 'text/plain' | 'text/html'): string {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const p of parts) {
    const head = p.split(/\r?\n\r?\n/)[0]!;
    if (!new RegExp(`content-type:\\s*${type}`, 'i').test(head)) continue;
    const body = p.slice(head.length).replace(/^\r?\n\r?\n/, '').replace(/\r?\n--[^\r\n]*--\s*$/, '');
    const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (enc === 'quoted-printable') return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    return body;
  }
  return '';
}
