// Publishing an issue: it becomes published, then goes to every channel asked for (the registry in
// channels/registry.ts), each on its own: a channel that fails is reported and logged, the others
// still go. Every channel is run the same way: skipped with the reason when it is not set up,
// skipped when it is not idempotent and went out already, and its outcome logged. Publishing again
// is safe: the campaign resumes, Git commits only what changed, the site rebuilds only what changed.
// A publish can be scheduled; the schedule lives in the database and survives restarts.

import { issueTitle, type Issue } from '../core/model.ts';
import type { ChannelDeps, Delivery } from '../channels/channel.ts';
import { CHANNEL_LIST, CHANNEL_NAMES } from '../channels/registry.ts';
import { Site } from '../channels/site/site.ts';
import { sendingCampaigns, type CampaignProgress } from '../store/campaigns.ts';
import type { Store } from '../store/db.ts';
import { claimScheduled, loadIssue, markPublished, scheduledIssues, scheduleIssue } from '../store/issues.ts';
import { logOutcome, wentOut, type OutcomeStatus } from '../store/publish-log.ts';
import type { StoredPublication } from '../store/publications.ts';

export type PublishDeps = ChannelDeps & {
  /** Told as each channel starts and ends, for progress shown live. */
  onChannel?: ((e: { channel: string; status: 'running' } | ChannelOutcome) => void) | undefined;
};

export interface ChannelOutcome {
  channel: string;
  status: OutcomeStatus;
  detail: string;
}

export class PublishError extends Error {}

const CLAIM_MS = 10 * 60 * 1000;

export function parseChannels(list: string | undefined): string[] {
  if (!list) return [...CHANNEL_NAMES];
  const out = list.split(',').map((c) => c.trim()).filter(Boolean);
  const bad = out.filter((c) => !CHANNEL_NAMES.includes(c));
  if (bad.length) throw new PublishError(`publish: unknown channel ${bad.map((b) => `"${b}"`).join(', ')}; channels are ${CHANNEL_NAMES.join(', ')}`);
  return out;
}

/** What keeps an issue from being published, if anything. */
export function publishProblems(issue: Issue, stored: StoredPublication): string[] {
  const problems: string[] = [];
  if (!issueTitle(issue, stored.pub.primaryLang)) problems.push(`it has no ${stored.pub.primaryLang} title`);
  if (!issue.items.length) problems.push('it has no items');
  const untitled = issue.items.filter((i) => !i.texts[stored.pub.primaryLang]?.title?.trim());
  if (untitled.length) problems.push(`${untitled.length} item(s) have no ${stored.pub.primaryLang} title (${untitled.map((i) => i.url ?? `item ${i.id}`).slice(0, 3).join(', ')})`);
  return problems;
}

export async function publishIssue(store: Store, stored: StoredPublication, number: number, channels: string[], deps: PublishDeps): Promise<ChannelOutcome[]> {
  const db = store.db;
  const now = deps.now ?? (() => new Date());
  const issue = await loadIssue(db, stored.id, number);
  if (!issue) throw new PublishError(`publish: there is no issue #${number}`);
  const problems = publishProblems(issue, stored);
  if (problems.length) throw new PublishError(`publish: issue #${number} cannot go out: ${problems.join('; ')}`);
  // What readers have from now on: the issue as it is now, until it is published again.
  await markPublished(db, stored.id, number, now(), issue);
  issue.status = 'published';
  const pub = { ...stored.pub, publishing: deps.publishing };
  // Titles and addresses of this issue are all the channels need of a Site; the site build and
  // the Git archive's list read the other issues themselves.
  const site = new Site(pub, [issue], { siteUrl: deps.siteUrl, served: !deps.siteDir });
  const delivery: Delivery = { store, stored, pub, issue, site, deps, now };
  const outcomes: ChannelOutcome[] = [];
  for (const channel of CHANNEL_LIST) {
    if (!channels.includes(channel.name)) continue;
    deps.onChannel?.({ channel: channel.name, status: 'running' });
    let outcome: ChannelOutcome;
    const unconfigured = channel.unconfigured(deps);
    if (unconfigured) outcome = { channel: channel.name, status: 'skipped', detail: unconfigured };
    else if (!channel.idempotent && (await wentOut(db, stored.id, number, channel.name))) outcome = { channel: channel.name, status: 'skipped', detail: 'sent already' };
    else {
      try {
        outcome = { channel: channel.name, status: 'ok', detail: await channel.send(delivery) };
      } catch (e) {
        outcome = { channel: channel.name, status: 'failed', detail: (e as Error).message };
      }
    }
    outcomes.push(outcome);
    await logOutcome(db, stored.id, number, outcome.channel, outcome.status, outcome.detail, now());
    deps.onChannel?.(outcome);
  }
  return outcomes;
}

/** Schedules a publish; the server publishes it when the time comes, even after a restart. */
export async function schedulePublish(store: Store, stored: StoredPublication, number: number, at: Date, channels: string[]): Promise<void> {
  const issue = await loadIssue(store.db, stored.id, number);
  if (!issue) throw new PublishError(`publish: there is no issue #${number}`);
  if (issue.status === 'published') throw new PublishError(`publish: issue #${number} is published already`);
  const problems = publishProblems(issue, stored);
  if (problems.length) throw new PublishError(`publish: issue #${number} cannot go out: ${problems.join('; ')}`);
  await scheduleIssue(store.db, stored.id, number, at, channels.join(','), new Date());
}

/**
 * Publishes what is due. Each due issue is claimed first, so when several servers share a
 * database only one publishes it; a claim a crashed server left is taken over after claimMs.
 */
export async function publishDue(store: Store, stored: StoredPublication, deps: PublishDeps): Promise<{ number: number; outcomes: ChannelOutcome[] }[]> {
  const now = (deps.now ?? (() => new Date()))();
  const scheduled = await scheduledIssues(store.db, stored.id);
  const stale = new Date(now.getTime() - (deps.claimMs ?? CLAIM_MS)).toISOString();
  const due = scheduled.filter((d) => d.publish_at && (d.publish_at.startsWith('claimed ') ? d.publish_at.slice(8) < stale : d.publish_at <= now.toISOString()));
  const done: { number: number; outcomes: ChannelOutcome[] }[] = [];
  for (const d of due) {
    if (!(await claimScheduled(store.db, stored.id, d.number, d.publish_at!, now))) continue;
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
  const { campaignOptions, runCampaign } = await import('../channels/email/outbox.ts');
  const now = deps.now ?? (() => new Date());
  const pub = { ...stored.pub, publishing: deps.publishing };
  const out: CampaignProgress[] = [];
  for (const c of await sendingCampaigns(store.db, stored.id)) {
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
