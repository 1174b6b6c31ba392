// Telling other places an issue is out: a generic JSON document, or Slack's and Discord's
// incoming-webhook messages. Every call goes through the one HTTP client (the private-address
// guard, no redirects followed for a POST), is signed as Standard Webhooks do (webhook-id,
// webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">), is
// retried on 5xx, 429 and network errors, and every attempt is logged.

import { createHmac } from 'node:crypto';
import type { Webhook } from '../../core/model.ts';
import { FetchError } from '../../http/errors.ts';
import type { Fetcher } from '../../http/client.ts';

export interface Announcement {
  publication: string;
  number: number;
  date: string;
  title: string;
  url: string;
  summary: string;
}

export function webhookBody(hook: Webhook, a: Announcement): unknown {
  switch (hook.kind) {
    case 'slack':
      return { text: `<${a.url}|${a.title.replace(/[<>&]/g, '')}>\n${a.summary}`, unfurl_links: true };
    case 'discord':
      return { content: `**${a.title}**\n${a.summary}\n${a.url}`.slice(0, 2000), allowed_mentions: { parse: [] } };
    default:
      return { event: 'issue.published', ...a };
  }
}

/** The signature header's value; `secret` as Standard Webhooks write it ("whsec_" + base64) or plain. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export interface Attempt {
  attempt: number;
  status: 'ok' | 'failed';
  httpStatus: number | null;
  detail: string;
}

/** Where a hook points, for messages and the log: no query (some services keep a secret there). */
export function hookTarget(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname.length > 40 ? `${u.pathname.slice(0, 40)}…` : u.pathname}`;
}

/** Calls one hook, retrying what may pass; `onAttempt` sees each try. Throws when the last fails. */
export async function callWebhook(fetcher: Fetcher, hook: Webhook, a: Announcement, opts: { id: string; secret?: string | undefined; now: () => Date; attempts?: number; onAttempt?: (t: Attempt) => Promise<void> }): Promise<Attempt> {
  const body = JSON.stringify(webhookBody(hook, a));
  const tries = opts.attempts ?? 3;
  let last: Attempt | undefined;
  for (let attempt = 1; attempt <= tries; attempt++) {
    const timestamp = Math.floor(opts.now().getTime() / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'webhook-id': opts.id, 'webhook-timestamp': String(timestamp) };
    if (opts.secret) headers['webhook-signature'] = signWebhook(opts.secret, opts.id, timestamp, body);
    let retry = false;
    try {
      const res = await fetcher.post(hook.url, body, headers, { timeoutMs: 15_000 });
      const text = (await fetcher.text(res).catch(() => '')).slice(0, 200);
      if (res.status >= 200 && res.status < 300) last = { attempt, status: 'ok', httpStatus: res.status, detail: '' };
      else {
        last = { attempt, status: 'failed', httpStatus: res.status, detail: `HTTP ${res.status} ${text}`.trim() };
        retry = res.status >= 500 || res.status === 429;
      }
    } catch (e) {
      const err = e as Error;
      last = { attempt, status: 'failed', httpStatus: null, detail: err.message.replace(/^fetch: \S+: /, '') };
      // A refused address or redirect will be refused again; a network fault may pass.
      retry = !(e instanceof FetchError) || e.transient;
    }
    await opts.onAttempt?.(last);
    if (last.status === 'ok' || !retry || attempt === tries) break;
    await fetcher.opts.sleep(1000 * 2 ** (attempt - 1));
  }
  if (last!.status !== 'ok') throw new Error(`webhook ${hookTarget(hook.url)}: ${last!.detail} (${last!.attempt} ${last!.attempt === 1 ? 'try' : 'tries'})`);
  return last!;
}
