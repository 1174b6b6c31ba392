// One publish: the issue becomes published, then goes to every channel asked for, each on its
// own (a channel that fails is reported and logged, the others still go). Publishing again is
// safe: the campaign resumes instead of mailing twice, Telegram and webhooks that already went
// are skipped, Git commits only what changed, the site rebuilds only what changed.
// A publish can be scheduled; the schedule lives in the database and survives restarts.

import { CHANNELS, issueTitle, type Channel, type Issue, type Publishing } from '../core/model.ts';
import type { Store } from '../store/db.ts';
import { loadAllIssues, loadIssue } from '../store/issues.ts';
import type { StoredPublication } from '../store/publications.ts';
import { publishToGit } from './git.ts';
import { createCampaign, runCampaign, type CampaignProgress, type RunOptions } from './mail/outbox.ts';
import type { SmtpOptions } from './mail/smtp.ts';
import { buildSite, storeSource } from './site/build.ts';
import { Site } from './site/pages.ts';
import { postIssue, TelegramClient, type TelegramOptions } from './telegram.ts';
import { callWebhook, hookTarget } from './webhooks.ts';
import { Fetcher } from '../fetch/client.ts';
import { logDelivery } from '../store/webhooks.ts';
import { listPosts } from '../store/posts.ts';

export interface PublishDeps {
  /** Settings of the publication, with the configuration file's over them. */
  publishing: Publishing;
  siteUrl: string;
  /** Where `build-site` output goes on publish; none: the site is served live by `serve`. */
  siteDir?: string | undefined;
  secret: string;
  smtp?: SmtpOptions | undefined;
  telegram?: TelegramOptions | undefined;
  now?: () => Date;
  onCampaign?: (p: CampaignProgress) => void;
  /** The one HTTP client, for webhooks; default one with the private-address guard as the environment sets it. */
  fetcher?: Fetcher | undefined;
  /** Signs webhooks (PRESSROOM_WEBHOOK_SECRET, "whsec_…" or plain). */
  webhookSecret?: string | undefined;
  /** How long a claim on a scheduled publish, or a sender's claim on mails, holds without its server (default ten minutes). */
  claimMs?: number | undefined;
}

export interface ChannelOutcome {
  channel: Channel;
  status: 'ok' | 'failed' | 'skipped';
  detail: string;
}

export class PublishError extends Error {}

const CLAIM_MS = 10 * 60 * 1000;

export function parseChannels(list: string | undefined): Channel[] {
  if (!list) return [...CHANNELS];
  const out = list.split(',').map((c) => c.trim()).filter(Boolean);
  const bad = out.filter((c) => !CHANNELS.includes(c as Channel));
  if (bad.length) throw new PublishError(`publish: unknown channel ${bad.map((b) => `"${b}"`).join(', ')}; channels are ${CHANNELS.join(', ')}`);
  return out as Channel[];
}

/** What keeps an issue from being published, if anything. */
export function publishProblems(issue: Issue, stored: StoredPublication): string[] {
  const problems: string[] = [];
  if (!issueTitle(issue, stored.pub.primaryLang)) problems.push(`it has no ${stored.pub.primaryLang} title`);
  if (!issue.items.length) problems.push('it has no items');
  return problems;
}

async function alreadyDone(store: Store, stored: StoredPublication, number: number, channel: Channel): Promise<boolean> {
  const r = await store.db.selectFrom('publish_log').select('id').where('publication_id', '=', stored.id).where('issue_number', '=', number).where('channel', '=', channel).where('status', '=', 'ok').executeTakeFirst();
  return !!r;
}

export async function publishIssue(store: Store, stored: StoredPublication, number: number, channels: Channel[], deps: PublishDeps): Promise<ChannelOutcome[]> {
  const db = store.db;
  const now = deps.now ?? (() => new Date());
  const issue = await loadIssue(db, stored.id, number);
  if (!issue) throw new PublishError(`publish: there is no issue #${number}`);
  const problems = publishProblems(issue, stored);
  if (problems.length) throw new PublishError(`publish: issue #${number} cannot go out: ${problems.join('; ')}`);
  const at = now().toISOString();
  await db.updateTable('issues').set({ status: 'published', published_at: at, updated_at: at, publish_at: null, publish_channels: null }).where('publication_id', '=', stored.id).where('number', '=', number).execute();
  issue.status = 'published';
  const pub = { ...stored.pub, publishing: deps.publishing };
  // Titles and addresses of this issue are all the channels need of a Site; the site build and
  // the Git archive's list read the other issues themselves.
  const site = new Site(pub, [issue], { siteUrl: deps.siteUrl, served: !deps.siteDir });
  const outcomes: ChannelOutcome[] = [];

  const channel = async (name: Channel, run: () => Promise<string | { skipped: string }>) => {
    if (!channels.includes(name)) return;
    let outcome: ChannelOutcome;
    try {
      const r = await run();
      outcome = typeof r === 'string' ? { channel: name, status: 'ok', detail: r } : { channel: name, status: 'skipped', detail: r.skipped };
    } catch (e) {
      outcome = { channel: name, status: 'failed', detail: (e as Error).message };
    }
    outcomes.push(outcome);
    await db.insertInto('publish_log').values({ publication_id: stored.id, issue_number: number, channel: name, status: outcome.status, detail: outcome.detail.slice(0, 1000), created_at: now().toISOString() }).execute();
  };

  await channel('site', async () => {
    if (!deps.siteDir) return `served live at ${site.abs(site.issuePath(number, pub.primaryLang))}`;
    const r = await buildSite(pub, storeSource(db, stored.id), deps.siteDir, { siteUrl: deps.siteUrl });
    return `${deps.siteDir}: ${r.written} files written${r.full ? ' (full build)' : ''} in ${(r.ms / 1000).toFixed(2)} s`;
  });
  await channel('feed', async () => `RSS, Atom and JSON Feed list #${number} (${pub.languages.map((l) => site.abs(`${site.prefix(l)}/feed.xml`)).join(', ')})`);
  await channel('email', async () => {
    if (!deps.smtp) return { skipped: 'no SMTP server configured (PRESSROOM_SMTP_URL)' };
    const c = await createCampaign(db, { ...stored, pub }, number, now());
    const p = await runCampaign(store, { ...stored, pub }, c.id, campaignOptions(deps, deps.smtp, now));
    return `${p.sent} sent${p.possiblyDuplicated ? ` (${p.possiblyDuplicated} possibly duplicated)` : ''}, ${p.failed} failed, ${p.remaining} remaining of ${p.total}${c.created ? '' : ' (resumed)'}`;
  });
  await channel('telegram', async () => {
    const t = deps.publishing.telegram;
    if (!t?.chatId) return { skipped: 'no Telegram channel configured (publishing.telegram.chatId)' };
    if (!deps.telegram) return { skipped: 'no bot token (PRESSROOM_TELEGRAM_TOKEN)' };
    if (await alreadyDone(store, stored, number, 'telegram')) return { skipped: 'posted already' };
    const client = new TelegramClient(deps.telegram);
    const r = await postIssue(client, t.chatId, issue, pub, t.lang ?? pub.primaryLang).finally(() => client.close());
    return `${r.messages} messages${r.photo ? ' with the cover' : ''} to ${t.chatId}`;
  });
  await channel('git', async () => {
    const g = deps.publishing.git;
    if (!g?.dir) return { skipped: 'no Git archive configured (publishing.git.dir)' };
    const published = (await loadAllIssues(db, stored.id)).filter((i) => i.status === 'published');
    const r = await publishToGit(g, issue, published, pub, await listPosts(db, stored.id));
    return `${r.commit ? `commit ${r.commit.slice(0, 10)}` : 'nothing changed'}${r.pushed ? `, pushed to ${g.remote}` : ''}`;
  });
  await channel('webhooks', async () => {
    const hooks = deps.publishing.webhooks ?? [];
    if (!hooks.length) return { skipped: 'no webhooks configured' };
    if (await alreadyDone(store, stored, number, 'webhooks')) return { skipped: 'called already' };
    const failures: string[] = [];
    const fetcher = deps.fetcher ?? new Fetcher({ retries: 0 });
    try {
      for (const [k, h] of hooks.entries()) {
        const lang = h.lang ?? pub.primaryLang;
        // One id per issue and hook, the same on every try: a receiver can drop a repeat.
        const id = `msg_${pub.slug}_${number}_${k}`;
        const announcement = { publication: pub.slug, number, date: issue.date, title: site.title(issue, lang), url: site.abs(site.issuePath(number, lang)), summary: site.summary(issue, lang) };
        await callWebhook(fetcher, h, announcement, {
          id,
          secret: deps.webhookSecret,
          now,
          onAttempt: (t) => logDelivery(db, { publication_id: stored.id, issue_number: number, message_id: id, target: hookTarget(h.url), attempt: t.attempt, status: t.status, http_status: t.httpStatus, detail: t.detail, created_at: now().toISOString() }),
        }).catch((e: Error) => failures.push(e.message));
      }
    } finally {
      if (!deps.fetcher) await fetcher.close();
    }
    if (failures.length) throw new Error(failures.join('; '));
    return `${hooks.length} called${deps.webhookSecret ? ', signed' : ', unsigned (set PRESSROOM_WEBHOOK_SECRET to sign them)'}`;
  });
  return outcomes;
}

/** Schedules a publish; the server publishes it when the time comes, even after a restart. */
export async function schedulePublish(store: Store, stored: StoredPublication, number: number, at: Date, channels: Channel[]): Promise<void> {
  const issue = await loadIssue(store.db, stored.id, number);
  if (!issue) throw new PublishError(`publish: there is no issue #${number}`);
  if (issue.status === 'published') throw new PublishError(`publish: issue #${number} is published already`);
  const problems = publishProblems(issue, stored);
  if (problems.length) throw new PublishError(`publish: issue #${number} cannot go out: ${problems.join('; ')}`);
  await store.db.updateTable('issues').set({ status: 'scheduled', publish_at: at.toISOString(), publish_channels: channels.join(','), updated_at: new Date().toISOString() }).where('publication_id', '=', stored.id).where('number', '=', number).execute();
}

/**
 * Publishes what is due. Each due issue is claimed by clearing its time where it still holds the
 * value read, so when several servers share a database only one publishes it.
 */
export async function publishDue(store: Store, stored: StoredPublication, deps: PublishDeps): Promise<{ number: number; outcomes: ChannelOutcome[] }[]> {
  const now = (deps.now ?? (() => new Date()))();
  const scheduled = await store.db.selectFrom('issues').select(['number', 'publish_at', 'publish_channels']).where('publication_id', '=', stored.id).where('status', '=', 'scheduled').orderBy('number').execute();
  // A claim is "claimed TIME"; one a crashed server left for ten minutes is taken over.
  const stale = new Date(now.getTime() - (deps.claimMs ?? CLAIM_MS)).toISOString();
  const due = scheduled.filter((d) => d.publish_at && (d.publish_at.startsWith('claimed ') ? d.publish_at.slice(8) < stale : d.publish_at <= now.toISOString()));
  const done: { number: number; outcomes: ChannelOutcome[] }[] = [];
  for (const d of due) {
    const claimed = await store.db.updateTable('issues').set({ publish_at: `claimed ${now.toISOString()}` }).where('publication_id', '=', stored.id).where('number', '=', d.number).where('status', '=', 'scheduled').where('publish_at', '=', d.publish_at).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    done.push({ number: d.number, outcomes: await publishIssue(store, stored, d.number, parseChannels(d.publish_channels ?? undefined), deps) });
  }
  return done;
}

/**
 * Campaigns left sending by a server that stopped (killed, restarted, its host gone): each is
 * sent on from where it stands. Several servers may do this at once: a mail is claimed by one
 * sender only, and a live sender's claims are renewed, so nothing goes twice. `running` holds the
 * campaigns this process is sending already.
 */
export async function resumeCampaigns(store: Store, stored: StoredPublication, deps: PublishDeps, running: Set<number>): Promise<CampaignProgress[]> {
  if (!deps.smtp) return [];
  const now = deps.now ?? (() => new Date());
  const pub = { ...stored.pub, publishing: deps.publishing };
  const open = await store.db.selectFrom('campaigns').select(['id', 'issue_number']).where('publication_id', '=', stored.id).where('status', '=', 'sending').execute();
  const out: CampaignProgress[] = [];
  for (const c of open) {
    if (running.has(c.id)) continue;
    running.add(c.id);
    try {
      out.push(await runCampaign(store, { ...stored, pub }, c.id, campaignOptions(deps, deps.smtp, now)));
    } finally {
      running.delete(c.id);
    }
  }
  return out;
}

/** How a publish's campaign is sent: the same for a publish and for a campaign taken up again. */
function campaignOptions(deps: PublishDeps, smtp: SmtpOptions, now: () => Date): RunOptions {
  return { smtp, siteUrl: deps.siteUrl, secret: deps.secret, from: deps.publishing.mailFrom, now, leaseMs: deps.claimMs, ...(deps.onCampaign ? { onProgress: deps.onCampaign } : {}) };
}
