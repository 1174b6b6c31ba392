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
import { editionFor, type Edition } from '../../core/model.ts';
import { campaignById, campaignProgress, claimedMessages, claimMessages, finishCampaign, markDot, markSent, markUnsent, openCampaign, renewClaims, requeueMessages, type CampaignProgress, type OutboxRow } from '../../store/campaigns.ts';
import type { Store } from '../../store/db.ts';
import type { ChannelDeps } from '../channel.ts';
import { loadIssue } from '../../store/issues.ts';
import type { StoredPublication } from '../../store/publications.ts';
import { suppress } from '../../store/subscribers.ts';
import { hasLang } from '../site/content.ts';
import { Site } from '../site/site.ts';
import { issueMail } from './compose.ts';
import { campaignMessage, campaignTemplate, type CampaignTemplate } from './mime.ts';
import { addressOf, SmtpPool, type SendError, type SmtpOptions } from './smtp.ts';
import { signToken } from './tokens.ts';

export const LEASE_MS = 10 * 60 * 1000;
let runs = 0;
const MAX_ATTEMPTS = 3;

export { campaignProgress, type CampaignProgress };

/** The campaign of an issue: the one there is, or a new one for every active subscriber, each in their language and edition. */
export async function createCampaign(db: Store['db'], stored: StoredPublication, number: number, now: Date): Promise<{ id: number; created: boolean; total: number }> {
  const issue = await loadIssue(db, stored.id, number);
  if (!issue) throw new Error(`campaign: there is no issue #${number}`);
  const pub = stored.pub;
  const langs = new Map(pub.languages.map((l) => [l, hasLang(issue, l)]));
  return openCampaign(db, stored.id, number, now, (r) => ({ lang: langs.get(r.lang) ? r.lang : pub.primaryLang, edition: editionFor(pub, 'email', r.member) }));
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
async function recover(db: Store['db'], campaignId: number, now: Date, leaseMs: number): Promise<number> {
  const claimed = await claimedMessages(db, campaignId);
  const host = hostname();
  const dead = claimed.filter((r) => {
    const [h, pid] = (r.claimed_by ?? '').split(':');
    if (h === host && pid && Number(pid) !== process.pid) return !alive(Number(pid));
    return !r.claimed_at || now.getTime() - Date.parse(r.claimed_at) > leaseMs;
  });
  await requeueMessages(db, dead.filter((r) => r.dot_at === null).map((r) => r.id), { clearDot: true });
  await requeueMessages(db, dead.filter((r) => r.dot_at !== null).map((r) => r.id), { clearDot: true, duplicate: true });
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
  const campaign = await campaignById(db, campaignId);
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
    if (!t) templates.set(key, (t = campaignTemplate({ from, listId, ...issueMail(site, issue, lang, edition, { clickSecret: pub.publishing?.countClicks ? opts.secret : undefined }) })));
    return t;
  };

  const leaseMs = opts.leaseMs ?? LEASE_MS;
  await recover(db, campaignId, now(), leaseMs);
  const pool = opts.smtp instanceof SmtpPool ? opts.smtp : new SmtpPool(opts.smtp);
  const runner = `${hostname()}:${process.pid}:${++runs}`;
  const claimSize = pool.size * 8;
  let buffer: OutboxRow[] = [];
  let claiming: Promise<void> | undefined;
  let exhausted = false;
  const claim = async () => {
    const rows = await claimMessages(db, store.kind === 'postgres', campaignId, runner, now(), claimSize);
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

  // A connection that cannot be made stops every worker: no other takes up a mail it gave back,
  // so no mail uses up its attempts on a server that is down.
  let halted: Error | undefined;
  const worker = async () => {
    for (;;) {
      if (opts.signal?.aborted || halted) return;
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
        await pool.send({ from: addressOf(from), to: row.email }, message, () => markDot(db, row.id, now()));
        // The server said it has the mail: only now is it sent.
        await markSent(db, row.id, now());
      } catch (e) {
        const err = e as SendError;
        const reason = `${err.responseCode ?? ''} ${err.message}`.trim().slice(0, 500);
        if (err.kind === 'permanent') {
          await markUnsent(db, row.id, { failed: true, error: reason });
          if (err.responseCode && err.responseCode >= 550 && err.responseCode <= 553) await suppress(db, stored.id, row.email, 'bounce', reason, now());
        } else if (err.afterCommit) {
          // The whole message reached the server but its answer did not come back: the server may
          // have it or not. It is sent again, marked possibly duplicated; never counted as sent unseen.
          await markUnsent(db, row.id, { failed: row.attempts >= MAX_ATTEMPTS, duplicate: true, error: `no answer after the message: ${reason}` });
        } else if (/ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|Greeting never received|EAUTH/i.test(`${(err as { code?: string }).code ?? ''} ${err.message}`)) {
          // A connection that cannot be made is not the mail's fault: it stays queued, its attempts
          // untouched by the outcome, and sending stops for the next run.
          halted ??= err;
          await markUnsent(db, row.id, { failed: false, error: reason });
          throw err;
        } else {
          await markUnsent(db, row.id, { failed: row.attempts >= MAX_ATTEMPTS, error: reason });
        }
      }
      await report();
    }
  };

  // A live sender renews its claims, so only a sender that is gone (any host) loses them to another.
  const heartbeat = setInterval(
    () => void renewClaims(db, campaignId, runner, now()).catch(() => {}),
    Math.max(250, leaseMs / 3),
  );
  try {
    const results = await Promise.allSettled(Array.from({ length: pool.size * 2 }, worker));
    // What was claimed but not sent (stopped, failed) goes back to the queue.
    const left = buffer.map((r) => r.id);
    buffer = [];
    await requeueMessages(db, left);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw new Error(`campaign: sending stopped: ${(failure.reason as Error).message}; the rest stays queued, run it again to resume`);
  } finally {
    clearInterval(heartbeat);
    if (!(opts.smtp instanceof SmtpPool)) await pool.close();
  }
  const progress = (await campaignProgress(db, stored.id, campaign.issue_number))!;
  if (progress.remaining === 0) {
    await finishCampaign(db, campaignId, now());
    progress.status = 'done';
  }
  await report(true);
  return progress;
}

/** How a publish's campaign is sent: the same for a publish and for a campaign taken up again. */
export function campaignOptions(deps: ChannelDeps, smtp: SmtpOptions, now: () => Date): RunOptions {
  return { smtp, siteUrl: deps.siteUrl, secret: deps.secret, from: deps.publishing.mailFrom, now, leaseMs: deps.claimMs, ...(deps.onCampaign ? { onProgress: deps.onCampaign } : {}) };
}
