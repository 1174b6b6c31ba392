// Campaigns and their outbox: one row per recipient of an issue's mailing, claimed by senders,
// marked as the SMTP conversation goes (see channels/email/outbox.ts for the protocol these
// queries serve). On PostgreSQL several senders share a campaign: rows are claimed with
// FOR UPDATE SKIP LOCKED.

import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

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

export interface Recipient {
  id: number;
  email: string;
  lang: string;
  member: boolean;
}

export interface OutboxRow {
  id: number;
  subscriber_id: number;
  email: string;
  lang: string;
  edition: string;
  attempts: number;
}

/**
 * The campaign of an issue: the one there is, or a new one with a row for every active, not
 * suppressed subscriber, in one transaction. `address` says each recipient's language and edition.
 */
export async function openCampaign(
  db: Db,
  publicationId: number,
  number: number,
  now: Date,
  address: (r: Recipient) => { lang: string; edition: string },
): Promise<{ id: number; created: boolean; total: number }> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('campaigns').select('id').where('publication_id', '=', publicationId).where('issue_number', '=', number).executeTakeFirst();
    if (existing) {
      const { n } = await tx.selectFrom('campaign_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', existing.id).executeTakeFirstOrThrow();
      return { id: existing.id, created: false, total: Number(n) };
    }
    const { id } = await tx.insertInto('campaigns').values({ publication_id: publicationId, issue_number: number, status: 'sending', created_at: now.toISOString(), finished_at: null }).returning('id').executeTakeFirstOrThrow();
    const recipients = await tx
      .selectFrom('subscribers')
      .leftJoin('suppressions', (j) => j.onRef('suppressions.publication_id', '=', 'subscribers.publication_id').onRef('suppressions.email', '=', 'subscribers.email'))
      .select(['subscribers.id', 'subscribers.email', 'subscribers.lang', 'subscribers.member'])
      .where('subscribers.publication_id', '=', publicationId)
      .where('subscribers.status', '=', 'active')
      .where('suppressions.email', 'is', null)
      .orderBy('subscribers.id')
      .execute();
    const rows = recipients.map((r) => ({
      campaign_id: id,
      subscriber_id: r.id,
      email: r.email,
      ...address({ id: r.id, email: r.email, lang: r.lang, member: r.member === 1 }),
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

export async function campaignById(db: Db, campaignId: number): Promise<{ id: number; publication_id: number; issue_number: number; status: string }> {
  return db.selectFrom('campaigns').select(['id', 'publication_id', 'issue_number', 'status']).where('id', '=', campaignId).executeTakeFirstOrThrow();
}

/** Campaigns still sending: left by a sender that stopped, or being sent by another. */
export async function sendingCampaigns(db: Db, publicationId: number): Promise<{ id: number; issue_number: number }[]> {
  return db.selectFrom('campaigns').select(['id', 'issue_number']).where('publication_id', '=', publicationId).where('status', '=', 'sending').execute();
}

export async function campaignProgress(db: Db, publicationId: number, number: number): Promise<CampaignProgress | undefined> {
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

export async function finishCampaign(db: Db, campaignId: number, now: Date): Promise<void> {
  await db.updateTable('campaigns').set({ status: 'done', finished_at: now.toISOString() }).where('id', '=', campaignId).execute();
}

/** Rows some sender has claimed: who, when, and whether their final dot had gone. */
export async function claimedMessages(db: Db, campaignId: number): Promise<{ id: number; claimed_by: string | null; claimed_at: string | null; dot_at: string | null }[]> {
  return db.selectFrom('campaign_messages').select(['id', 'claimed_by', 'claimed_at', 'dot_at']).where('campaign_id', '=', campaignId).where('status', '=', 'sending').execute();
}

/** Claimed rows back to the queue (those still claimed); `duplicate` marks them possibly delivered already. */
export async function requeueMessages(db: Db, ids: number[], opts: { duplicate?: boolean; clearDot?: boolean } = {}): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('campaign_messages')
      .set({ status: 'queued', claimed_by: null, claimed_at: null, ...(opts.clearDot ? { dot_at: null } : {}), ...(opts.duplicate ? { duplicate: 1 } : {}) })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'sending')
      .execute();
}

/** Up to `limit` queued rows, claimed for `runner` in one statement. */
export async function claimMessages(db: Db, postgres: boolean, campaignId: number, runner: string, now: Date, limit: number): Promise<OutboxRow[]> {
  let pick = db.selectFrom('campaign_messages').select('id').where('campaign_id', '=', campaignId).where('status', '=', 'queued').orderBy('id').limit(limit);
  if (postgres) pick = pick.forUpdate().skipLocked();
  const rows = await db
    .updateTable('campaign_messages')
    .set({ status: 'sending', claimed_by: runner, claimed_at: now.toISOString(), attempts: sql`attempts + 1` })
    .where('id', 'in', pick)
    .returning(['id', 'subscriber_id', 'email', 'lang', 'edition', 'attempts'])
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** The message's final dot is going: from here its fate is the server's answer. */
export async function markDot(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('campaign_messages').set({ dot_at: now.toISOString() }).where('id', '=', id).execute();
}

/** The server answered the final dot: the mail is sent. */
export async function markSent(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('campaign_messages').set({ status: 'sent', sent_at: now.toISOString(), dot_at: null, error: null }).where('id', '=', id).execute();
}

/** A send that failed: refused for good (`failed`), or back to the queue to try again, perhaps marked possibly delivered. */
export async function markUnsent(db: Db, id: number, outcome: { failed: boolean; error: string; duplicate?: boolean }): Promise<void> {
  await db
    .updateTable('campaign_messages')
    .set({ status: outcome.failed ? 'failed' : 'queued', error: outcome.error, claimed_by: null, claimed_at: null, ...(outcome.duplicate ? { duplicate: 1, dot_at: null } : {}) })
    .where('id', '=', id)
    .execute();
}

/** A live sender renews its claims, so only a sender that is gone loses them to another. */
export async function renewClaims(db: Db, campaignId: number, runner: string, now: Date): Promise<void> {
  await db.updateTable('campaign_messages').set({ claimed_at: now.toISOString() }).where('campaign_id', '=', campaignId).where('claimed_by', '=', runner).where('status', '=', 'sending').execute();
}

/** Every campaign of a publication, newest first, with its numbers. */
export async function listCampaigns(db: Db, publicationId: number): Promise<(CampaignProgress & { createdAt: string; finishedAt: string | null })[]> {
  const rows = await db.selectFrom('campaigns').select(['issue_number', 'created_at', 'finished_at']).where('publication_id', '=', publicationId).orderBy('issue_number', 'desc').execute();
  const out = [];
  for (const r of rows) {
    const p = await campaignProgress(db, publicationId, r.issue_number);
    if (p) out.push({ ...p, createdAt: r.created_at, finishedAt: r.finished_at });
  }
  return out;
}
