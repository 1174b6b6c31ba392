// Readers, counted with their privacy: per campaign, the mails delivered and failed and, among
// their addresses since, bounces, complaints and unsubscribes; clicks per link when the
// publication counts them (signed redirects that name no reader); feed readers by the service
// their requests name, with the subscribers it reports. No open pixel, no address, no cookie.

import { feedReaderOf } from '../core/feed-readers.ts';
import { verifyToken } from '../channels/email/tokens.ts';
import { listCampaigns } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { clicksByIssue, countClick, countFeedRequest, feedReaders } from '../store/lookback.ts';
import type { StoredPublication } from '../store/publications.ts';
import { campaignOutcomes } from '../store/subscribers.ts';

/** A click through a signed mail link: counted, and where it goes; or why it goes nowhere. */
export async function followClick(db: Db, stored: StoredPublication, secret: string, token: string, now: Date): Promise<{ url: string } | { error: string }> {
  const v = verifyToken(secret, 'click', token, now);
  if (!('payload' in v)) return { error: 'this link is not valid: its target is not the one signed' };
  const at = v.payload.indexOf(' ');
  const issue = Number(v.payload.slice(0, at));
  const url = v.payload.slice(at + 1);
  if (!Number.isInteger(issue) || !/^https?:\/\//i.test(url)) return { error: 'this link is not valid' };
  if (stored.pub.publishing?.countClicks) await countClick(db, stored.id, issue, url, now.toISOString().slice(0, 10));
  return { url };
}

/** A feed request, counted by the reader its User-Agent names (nothing else of it is kept). */
export async function countFeedReader(db: Db, stored: StoredPublication, userAgent: string | undefined, feed: string, now: Date): Promise<void> {
  const r = feedReaderOf(userAgent);
  if (r) await countFeedRequest(db, stored.id, r.reader, feed, now.toISOString().slice(0, 10), r.subscribers);
}

export async function readerStats(db: Db, stored: StoredPublication) {
  const [campaigns, clicks, feeds] = await Promise.all([listCampaigns(db, stored.id), clicksByIssue(db, stored.id), feedReaders(db, stored.id)]);
  const outcomes = await campaignOutcomes(db, stored.id, campaigns.map((c) => ({ issue: c.issue, since: c.createdAt })));
  return {
    campaigns: campaigns.map((c) => ({ issue: c.issue, startedAt: c.createdAt, delivered: c.sent, failed: c.failed, remaining: c.remaining, ...(outcomes.get(c.issue) ?? { bounced: 0, complaints: 0, unsubscribed: 0 }) })),
    clicks,
    feedReaders: feeds.sort((a, b) => (b.subscribers ?? 0) - (a.subscribers ?? 0) || b.requests - a.requests),
  };
}
