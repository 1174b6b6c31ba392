// Members' sessions on the readers' site, and sign-in links that work once. A member session is a
// row: it can be listed, and revoked one by one or all at once for an address.

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface MemberSession {
  id: string;
  email: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  userAgent: string;
}

export async function createMemberSession(db: Kysely<Database>, publicationId: number, email: string, now: Date, days: number, userAgent = ''): Promise<MemberSession> {
  const row = { id: randomBytes(24).toString('base64url'), publication_id: publicationId, email: email.toLowerCase(), created_at: now.toISOString(), expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(), revoked_at: null, user_agent: userAgent.slice(0, 300) };
  await db.insertInto('member_sessions').values(row).execute();
  return view(row);
}

/** The session if it is live: not revoked, not expired. */
export async function liveMemberSession(db: Kysely<Database>, publicationId: number, id: string, now: Date): Promise<MemberSession | undefined> {
  const row = await db.selectFrom('member_sessions').selectAll().where('id', '=', id).where('publication_id', '=', publicationId).executeTakeFirst();
  if (!row || row.revoked_at || row.expires_at <= now.toISOString()) return undefined;
  return view(row);
}

export async function listMemberSessions(db: Kysely<Database>, publicationId: number, email?: string): Promise<MemberSession[]> {
  let q = db.selectFrom('member_sessions').selectAll().where('publication_id', '=', publicationId);
  if (email) q = q.where('email', '=', email.toLowerCase());
  return (await q.orderBy('created_at', 'desc').execute()).map(view);
}

/** Revokes one session (by id) or every live session of an address; returns how many. */
export async function revokeMemberSessions(db: Kysely<Database>, publicationId: number, which: { id: string } | { email: string }, now: Date): Promise<number> {
  let q = db.updateTable('member_sessions').set({ revoked_at: now.toISOString() }).where('publication_id', '=', publicationId).where('revoked_at', 'is', null);
  q = 'id' in which ? q.where('id', '=', which.id) : q.where('email', '=', which.email.toLowerCase());
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Marks a signed token used; true the first time, false when it was used before. The hash is kept
 * until the token's own expiry, after which its signature refuses it anyway.
 */
export async function useTokenOnce(db: Kysely<Database>, token: string, expiresAt: Date, now: Date): Promise<boolean> {
  const hash = createHash('sha256').update(token).digest('base64url');
  await db.deleteFrom('used_tokens').where('expires_at', '<', now.toISOString()).execute();
  const r = await db.insertInto('used_tokens').values({ hash, used_at: now.toISOString(), expires_at: expiresAt.toISOString() }).onConflict((oc) => oc.column('hash').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

function view(r: { id: string; email: string; created_at: string; expires_at: string; revoked_at: string | null; user_agent: string }): MemberSession {
  return { id: r.id, email: r.email, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, userAgent: r.user_agent };
}
