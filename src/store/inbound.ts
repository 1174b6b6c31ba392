// Inbound mail held for the editor: from a sender not on the allow list.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface HeldMail {
  id: number;
  sender: string;
  subject: string;
  receivedAt: string;
}

export async function holdMail(db: Db, publicationId: number, m: { sender: string; subject: string; raw: string }, now: Date): Promise<number> {
  const r = await db.insertInto('held_mail').values({ publication_id: publicationId, sender: m.sender, subject: m.subject, raw: m.raw, received_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** How many mails are held, and their size in characters. */
export async function countHeld(db: Db, publicationId: number): Promise<{ mails: number; chars: number }> {
  const r = await db
    .selectFrom('held_mail')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.coalesce(eb.fn.sum<number | string | null>(eb.fn<number>('length', ['raw'])), eb.lit(0)).as('chars')])
    .where('publication_id', '=', publicationId)
    .executeTakeFirstOrThrow();
  return { mails: Number(r.n), chars: Number(r.chars) };
}

export async function heldMail(db: Db, publicationId: number): Promise<HeldMail[]> {
  const rows = await db.selectFrom('held_mail').select(['id', 'sender', 'subject', 'received_at']).where('publication_id', '=', publicationId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, sender: r.sender, subject: r.subject, receivedAt: r.received_at }));
}

/** The held mails of a sender (or one by id), with their text, oldest first. */
export async function heldRaw(db: Db, publicationId: number, which: { id?: number; sender?: string }): Promise<(HeldMail & { raw: string })[]> {
  let q = db.selectFrom('held_mail').selectAll().where('publication_id', '=', publicationId);
  if (which.id !== undefined) q = q.where('id', '=', which.id);
  if (which.sender !== undefined) q = q.where('sender', '=', which.sender);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, sender: r.sender, subject: r.subject, receivedAt: r.received_at, raw: r.raw }));
}

export async function dropHeld(db: Db, publicationId: number, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await db.deleteFrom('held_mail').where('publication_id', '=', publicationId).where('id', 'in', ids).executeTakeFirst();
  return Number(r.numDeletedRows);
}
