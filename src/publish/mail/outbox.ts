// A campaign: an issue mailed to every active subscriber who is not suppressed. The outbox holds
// one row per recipient, written in one transaction before the first mail; senders claim rows.
// A row is marked sent only when the server has answered the message's final dot. Just before the
// dot, the SMTP hook (see smtp.ts) notes that it is going: a sender that dies between the dot and
// the answer (at most one message per connection) leaves a mail the server may or may not have
// taken; it is sent again and counted as "possibly duplicated", never as sent unseen. A sender
// that dies leaves its claimed rows "sending"; the next run on the same host takes them back at
// once (their process is gone), a run elsewhere after a lease. On PostgreSQL several senders on
// several hosts share a campaign (rows are claimed with FOR UPDATE SKIP LOCKED).

import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { editionFor, type Edition } from '../../core/model.ts';
import type { Store } from '../../store/db.ts';
import { loadIssue } from '../../store/issues.ts';
import type { StoredPublication } from '../../store/publications.ts';
import type { Database } from '../../store/schema.ts';
import { suppress } from '../../store/subscribers.ts';
import { hasLang } from '../site/content.ts';
import { Site } from '../site/pages.ts';
import { issueMail } from './compose.ts';
import { campaignMessage, campaignTemplate, type CampaignTemplate } from './mime.ts';
import { addressOf, SmtpPool, type SendError, type SmtpOptions } from './smtp.ts';
import { signToken } from './tokens.ts';

export const LEASE_MS = 10 * 60 * 1000;
let runs = 0;
const MAX_ATTEMPTS = 3;

export interface CampaignProgress {
  id: number;
  issue: number;
  status: string;
  total: number;
  sent: number;
  failed: number;
  /** Queued and in flight. */
  remaining: number;
  /** Sent again after a sender stopped between a mail's final dot and the server's answer: a reader may have it twice. */
  possiblyDuplicated: number;
}

export async function createCampaign(db: Kysely<Database>, stored: StoredPublication, number: number, now: Date): Promise<{ id: number; created: boolean; total: number }> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('campaigns').select('id').where('publication_id', '=', stored.id).where('issue_number', '=', number).executeTakeFirst();
    if (existing) {
      const { n } = await tx.selectFrom('campaign_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', existing.id).executeTakeFirstOrThrow();
      return { id: existing.id, created: false, total: Number(n) };
    }
    const issue = await loadIssue(tx, stored.id, number);
    if (!issue) throw new Error(`campaign: there is no issue #${number}`);
    const { id } = await tx.insertInto('campaigns').values({ publication_id: stored.id, issue_number: number, status: 'sending', created_at: now.toISOString(), finished_at: null }).returning('id').executeTakeFirstOrThrow();
    const recipients = await tx
      .selectFrom('subscribers')
      .leftJoin('suppressions', (j) => j.onRef('suppressions.publication_id', '=', 'subscribers.publication_id').onRef('suppressions.email', '=', 'subscribers.email'))
      .select(['subscribers.id', 'subscribers.email', 'subscribers.lang', 'subscribers.member'])
      .where('subscribers.publication_id', '=', stored.id)
      .where('subscribers.status', '=', 'active')
      .where('suppressions.email', 'is', null)
      .orderBy('subscribers.id')
      .execute();
    const pub = stored.pub;
    const langs = new Map(pub.languages.map((l) => [l, hasLang(issue, l)]));
    const rows = recipients.map((r) => ({
      campaign_id: id,
      subscriber_id: r.id,
      email: r.email,
      lang: langs.get(r.lang) ? r.lang : pub.primaryLang,
      edition: editionFor(pub, 'email', r.member === 1),
      status: 'queued',
      claimed_by: null,
      claimed_at: null,
      sent_at: null,
      error: null,
    }));
    for (let i = 0; i < rows.length; i += 500) await tx.insertInto('campaign_messages').values(rows.slice(i, i + 500)).execute();
    return { id, created: true, total: rows.length };
  });
}

export async function campaignProgress(db: Kysely<Database>, publicationId: number, number: number): Promise<CampaignProgress | undefined> {
  const c = await db.selectFrom('campaigns').selectAll().where('publication_id', '=', publicationId).where('issue_number', '=', number).executeTakeFirst();
  if (!c) return undefined;
  const rows = await db.selectFrom('campaign_messages').select(['status', 'duplicate', (eb) => eb.fn.countAll<number>().as('n')]).where('campaign_id', '=', c.id).groupBy(['status', 'duplicate']).execute();
  const by: Record<string, number> = {};
  let possiblyDuplicated = 0;
  for (const r of rows) {
    by[r.status] = (by[r.status] ?? 0) + Number(r.n);
    if (Number(r.duplicate) === 1 && r.status === 'sent') possiblyDuplicated += Number(r.n);
  }
  const sent = by.sent ?? 0;
  const failed = by.failed ?? 0;
  const remaining = (by.queued ?? 0) + (by.sending ?? 0);
  return { id: c.id, issue: number, status: c.status, total: sent + failed + remaining, sent, failed, remaining, possiblyDuplicated };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Rows claimed by a sender that is gone go back to the queue; those whose final dot had gone are marked possibly duplicated. */
async function recover(db: Kysely<Database>, campaignId: number, now: Date, leaseMs: number): Promise<number> {
  const claimed = await db.selectFrom('campaign_messages').select(['id', 'claimed_by', 'claimed_at', 'dot_at']).where('campaign_id', '=', campaignId).where('status', '=', 'sending').execute();
  const host = hostname();
  const dead = claimed.filter((r) => {
    const [h, pid] = (r.claimed_by ?? '').split(':');
    if (h === host && pid && Number(pid) !== process.pid) return !alive(Number(pid));
    return !r.claimed_at || now.getTime() - Date.parse(r.claimed_at) > leaseMs;
  });
  for (const [ids, duplicate] of [[dead.filter((r) => r.dot_at === null), 0], [dead.filter((r) => r.dot_at !== null), 1]] as const)
    for (let i = 0; i < ids.length; i += 500)
      await db
        .updateTable('campaign_messages')
        .set({ status: 'queued', claimed_by: null, claimed_at: null, dot_at: null, ...(duplicate ? { duplicate: 1 } : {}) })
        .where('id', 'in', ids.slice(i, i + 500).map((r) => r.id))
        .where('status', '=', 'sending')
        .execute();
  return dead.length;
}

export interface RunOptions {
  smtp: SmtpOptions | SmtpPool;
  siteUrl: string;
  /** Where readers' unsubscribe links point (the Pressroom server); default siteUrl. */
  formsUrl?: string | undefined;
  secret: string;
  from?: string | undefined;
  now?: () => Date;
  onProgress?: (p: CampaignProgress) => void;
  signal?: AbortSignal;
  /** How long a sender's claim on its rows holds without renewal (default ten minutes); a live sender renews it. */
  leaseMs?: number | undefined;
}

export async function runCampaign(store: Store, stored: StoredPublication, campaignId: number, opts: RunOptions): Promise<CampaignProgress> {
  const db = store.db;
  const now = opts.now ?? (() => new Date());
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
  const issue = await loadIssue(db, stored.id, campaign.issue_number);
  if (!issue) throw new Error(`campaign: issue #${campaign.issue_number} is gone`);
  const pub = stored.pub;
  const from = opts.from ?? pub.publishing?.mailFrom ?? `${pub.name[pub.primaryLang] ?? pub.slug} <weekly@${new URL(opts.siteUrl).hostname}>`;
  const site = new Site(pub, [{ ...issue, status: 'published' }], { siteUrl: opts.siteUrl, served: true });
  const forms = (opts.formsUrl ?? opts.siteUrl).replace(/\/+$/, '');
  const domain = addressOf(from).split('@')[1] ?? 'localhost';
  const listId = `<${pub.slug}.${domain}>`;
  const templates = new Map<string, CampaignTemplate>();
  const template = (lang: string, edition: Edition) => {
    const key = `${lang}/${edition}`;
    let t = templates.get(key);
    if (!t) templates.set(key, (t = campaignTemplate({ from, listId, ...issueMail(site, issue, lang, edition) })));
    return t;
  };

  const leaseMs = opts.leaseMs ?? LEASE_MS;
  await recover(db, campaignId, now(), leaseMs);
  const pool = opts.smtp instanceof SmtpPool ? opts.smtp : new SmtpPool(opts.smtp);
  const runner = `${hostname()}:${process.pid}:${++runs}`;
  const claimSize = pool.size * 8;
  let buffer: { id: number; subscriber_id: number; email: string; lang: string; edition: string; attempts: number }[] = [];
  let claiming: Promise<void> | undefined;
  let exhausted = false;
  const claim = async () => {
    let pick = db.selectFrom('campaign_messages').select('id').where('campaign_id', '=', campaignId).where('status', '=', 'queued').orderBy('id').limit(claimSize);
    if (store.kind === 'postgres') pick = pick.forUpdate().skipLocked();
    const rows = await db
      .updateTable('campaign_messages')
      .set({ status: 'sending', claimed_by: runner, claimed_at: now().toISOString(), attempts: sql`attempts + 1` })
      .where('id', 'in', pick)
      .returning(['id', 'subscriber_id', 'email', 'lang', 'edition', 'attempts'])
      .execute();
    rows.sort((a, b) => a.id - b.id);
    buffer.push(...rows);
    if (rows.length === 0) exhausted = true;
  };
  const next = async () => {
    while (buffer.length === 0 && !exhausted) {
      claiming ??= claim().finally(() => (claiming = undefined));
      await claiming;
    }
    return buffer.shift();
  };

  let lastReport = 0;
  const report = async (force = false) => {
    if (!opts.onProgress || (!force && Date.now() - lastReport < 250)) return;
    lastReport = Date.now();
    opts.onProgress((await campaignProgress(db, stored.id, campaign.issue_number))!);
  };

  const worker = async () => {
    for (;;) {
      if (opts.signal?.aborted) return;
      const row = await next();
      if (!row) return;
      const token = signToken(opts.secret, 'unsubscribe', String(row.subscriber_id));
      const message = campaignMessage(template(row.lang, row.edition as Edition), {
        to: row.email,
        messageId: `${pub.slug}.${campaign.issue_number}.${row.id}@${domain}`,
        unsubscribeUrl: `${forms}/unsubscribe?t=${token}`,
        date: now(),
      });
      try {
        // Before the dot: the mail is going, and from here its fate is the server's answer.
        await pool.send({ from: addressOf(from), to: row.email }, message, async () => {
          await db.updateTable('campaign_messages').set({ dot_at: now().toISOString() }).where('id', '=', row.id).execute();
        });
        // The server said it has the mail: only now is it sent.
        await db.updateTable('campaign_messages').set({ status: 'sent', sent_at: now().toISOString(), dot_at: null, error: null }).where('id', '=', row.id).execute();
      } catch (e) {
        const err = e as SendError;
        const reason = `${err.responseCode ?? ''} ${err.message}`.trim().slice(0, 500);
        if (err.kind === 'permanent') {
          await db.updateTable('campaign_messages').set({ status: 'failed', error: reason }).where('id', '=', row.id).execute();
          if (err.responseCode && err.responseCode >= 550 && err.responseCode <= 553) await suppress(db, stored.id, row.email, 'bounce', reason, now());
        } else if (err.afterCommit) {
          // The whole message reached the server but its answer did not come back: the server may
          // have it or not. It is sent again, marked possibly duplicated; never counted as sent unseen.
          await db
            .updateTable('campaign_messages')
            .set({ status: row.attempts >= MAX_ATTEMPTS ? 'failed' : 'queued', duplicate: 1, dot_at: null, error: `no answer after the message: ${reason}`, claimed_by: null, claimed_at: null })
            .where('id', '=', row.id)
            .execute();
        } else {
          await db
            .updateTable('campaign_messages')
            .set({ status: row.attempts >= MAX_ATTEMPTS ? 'failed' : 'queued', error: reason, claimed_by: null, claimed_at: null })
            .where('id', '=', row.id)
            .execute();
          if (row.attempts >= MAX_ATTEMPTS) continue;
          // A connection that cannot be made fails every row: stop and leave them queued for the next run.
          if (/ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|Greeting never received|EAUTH/i.test(`${(err as { code?: string }).code ?? ''} ${err.message}`)) throw err;
        }
      }
      await report();
    }
  };

  // A live sender renews its claims, so only a sender that is gone (any host) loses them to another.
  const heartbeat = setInterval(
    () => void db.updateTable('campaign_messages').set({ claimed_at: now().toISOString() }).where('campaign_id', '=', campaignId).where('claimed_by', '=', runner).where('status', '=', 'sending').execute().catch(() => {}),
    Math.max(250, leaseMs / 3),
  );
  try {
    const results = await Promise.allSettled(Array.from({ length: pool.size * 2 }, worker));
    // What was claimed but not sent (stopped, failed) goes back to the queue.
    const left = buffer.map((r) => r.id);
    buffer = [];
    if (left.length) await db.updateTable('campaign_messages').set({ status: 'queued', claimed_by: null, claimed_at: null }).where('id', 'in', left).where('status', '=', 'sending').execute();
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw new Error(`campaign: sending stopped: ${(failure.reason as Error).message}; the rest stays queued, run it again to resume`);
  } finally {
    clearInterval(heartbeat);
    if (!(opts.smtp instanceof SmtpPool)) await pool.close();
  }
  const progress = (await campaignProgress(db, stored.id, campaign.issue_number))!;
  if (progress.remaining === 0) {
    await db.updateTable('campaigns').set({ status: 'done', finished_at: now().toISOString() }).where('id', '=', campaignId).execute();
    progress.status = 'done';
  }
  await report(true);
  return progress;
}
