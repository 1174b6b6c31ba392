// What each publish did on each channel: one row per channel per run, the outcome and its detail.
// A channel that must not repeat (a Telegram post, a webhook call) asks whether it went already.

import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export type OutcomeStatus = 'ok' | 'failed' | 'skipped';

export async function logOutcome(db: Db, publicationId: number, number: number, channel: string, status: OutcomeStatus, detail: string, at: Date): Promise<void> {
  await db.insertInto('publish_log').values({ publication_id: publicationId, issue_number: number, channel, status, detail: detail.slice(0, 1000), created_at: at.toISOString() }).execute();
}

/** Whether a channel has gone out for the issue already (an "ok" in the log). */
export async function wentOut(db: Db, publicationId: number, number: number, channel: string): Promise<boolean> {
  const r = await db.selectFrom('publish_log').select('id').where('publication_id', '=', publicationId).where('issue_number', '=', number).where('channel', '=', channel).where('status', '=', 'ok').executeTakeFirst();
  return !!r;
}

export async function publishLog(db: Db, publicationId: number, number: number): Promise<{ channel: string; status: string; detail: string; created_at: string }[]> {
  return db.selectFrom('publish_log').select(['channel', 'status', 'detail', 'created_at']).where('publication_id', '=', publicationId).where('issue_number', '=', number).orderBy('id').execute();
}
