// Where a publish stands, from what the database keeps of it: each channel's latest outcome in the
// publish log (or "running", "waiting"), the mail campaign's numbers with its speed and the time
// left, and the issue's status and schedule. What the editor's progress view shows, live or after a reload.

import { campaignProgress, type CampaignProgress } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { issueState } from '../store/issues.ts';
import { publishLog } from '../store/publish-log.ts';
import type { StoredPublication } from '../store/publications.ts';

export interface ChannelProgress {
  channel: string;
  status: 'ok' | 'failed' | 'skipped' | 'running';
  detail: string;
  at?: string | undefined;
}

export interface PublishProgress {
  number: number;
  status: string;
  publishAt: string | null;
  publishedAt: string | null;
  running: boolean;
  channels: ChannelProgress[];
  campaign: (CampaignProgress & { perSecond?: number | undefined; secondsLeft?: number | undefined }) | null;
}

const rate = new Map<number, { at: number; sent: number }>();

export async function publishProgress(db: Db, stored: StoredPublication, number: number, live: { running: boolean; current?: string | undefined }): Promise<PublishProgress> {
  // Asked every quarter second while a campaign runs: the issue's state only, not the archive's list.
  const issue = await issueState(db, stored.id, number);
  const log = await publishLog(db, stored.id, number);
  const latest = new Map<string, ChannelProgress>();
  for (const r of log) latest.set(r.channel, { channel: r.channel, status: r.status as ChannelProgress['status'], detail: r.detail, at: r.created_at });
  if (live.running && live.current) latest.set(live.current, { channel: live.current, status: 'running', detail: '' });
  const c = await campaignProgress(db, stored.id, number);
  let campaign: PublishProgress['campaign'] = c ?? null;
  if (c && c.remaining > 0) {
    // Speed over the time since this process last looked: what the next minutes are likely to be.
    const seen = rate.get(c.id);
    const now = Date.now();
    if (seen && now > seen.at && c.sent >= seen.sent) {
      const perSecond = ((c.sent - seen.sent) * 1000) / (now - seen.at);
      campaign = { ...c, perSecond: Math.round(perSecond), ...(perSecond > 0 ? { secondsLeft: Math.ceil(c.remaining / perSecond) } : {}) };
    }
    if (!seen || now - seen.at > 2000) rate.set(c.id, { at: now, sent: c.sent });
  }
  return {
    number,
    status: issue?.status ?? 'missing',
    publishAt: issue?.publishAt ?? null,
    publishedAt: issue?.publishedAt ?? null,
    running: live.running,
    channels: [...latest.values()],
    campaign,
  };
}
