// Editors' accounts, their sessions and invitations. Tokens are kept only as SHA-256 hashes.

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Role = 'owner' | 'editor';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The language the editor chose for the app; null until they choose. */
  locale: AppLocale | null;
}

/** The languages the editor app is written in. */
export const APP_LOCALES = ['zh', 'en'] as const;
export type AppLocale = (typeof APP_LOCALES)[number];
const asLocale = (l: string | null): AppLocale | null => ((APP_LOCALES as readonly string[]).includes(l ?? '') ? (l as AppLocale) : null);

export interface Session {
  user: User;
  csrf: string;
  expiresAt: string;
}

export const SESSION_DAYS = 14;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export async function createUser(db: Kysely<Database>, u: { email: string; name: string; role: Role; passwordHash: string }): Promise<User> {
  const email = normaliseEmail(u.email);
  const row = await db
    .insertInto('users')
    .values({ email, name: u.name.trim(), role: u.role, password_hash: u.passwordHash, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, name: u.name.trim(), role: u.role, locale: null };
}

export async function userByEmail(db: Kysely<Database>, email: string): Promise<(User & { passwordHash: string }) | undefined> {
  const r = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return r ? { id: r.id, email: r.email, name: r.name, role: r.role, locale: asLocale(r.locale), passwordHash: r.password_hash } : undefined;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'locale']).orderBy('id').execute();
  return rows.map((r) => ({ ...r, locale: asLocale(r.locale) }));
}

export async function createSession(db: Kysely<Database>, userId: number, now = new Date()): Promise<{ token: string; csrf: string; expiresAt: string }> {
  const token = newToken();
  const csrf = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await db.insertInto('sessions').values({ token_hash: hashToken(token), user_id: userId, csrf, created_at: now.toISOString(), expires_at: expiresAt }).execute();
  return { token, csrf, expiresAt };
}

export type SessionLookup = { kind: 'ok'; session: Session } | { kind: 'expired' } | { kind: 'none' };

export async function findSession(db: Kysely<Database>, token: string, now = new Date()): Promise<SessionLookup> {
  const r = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.locale', 'sessions.csrf', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!r) return { kind: 'none' };
  if (r.expires_at <= now.toISOString()) {
    await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
    return { kind: 'expired' };
  }
  return { kind: 'ok', session: { user: { id: r.id, email: r.email, name: r.name, role: r.role, locale: asLocale(r.locale) }, csrf: r.csrf, expiresAt: r.expires_at } };
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export async function createInvitation(db: Kysely<Database>, inv: { email: string; role: Role; invitedBy: number }, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + 7 * 86_400_000).toISOString();
  await db
    .insertInto('invitations')
    .values({ token_hash: hashToken(token), email: normaliseEmail(inv.email), role: inv.role, invited_by: inv.invitedBy, created_at: now.toISOString(), expires_at: expiresAt, accepted_at: null })
    .execute();
  return { token, expiresAt };
}

/** The open invitation a token names, or why it cannot be used. */
export async function findInvitation(db: Kysely<Database>, token: string, now = new Date()): Promise<{ email: string; role: Role } | string> {
  const r = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!r) return 'this invitation link is not valid';
  if (r.accepted_at) return 'this invitation has been used already';
  if (r.expires_at <= now.toISOString()) return 'this invitation has expired; ask the owner for a new one';
  return { email: r.email, role: r.role };
}

export async function acceptInvitation(db: Kysely<Database>, token: string, name: string, passwordHash: string, now = new Date()): Promise<User | string> {
  return db.transaction().execute(async (tx) => {
    const inv = await findInvitation(tx, token, now);
    if (typeof inv === 'string') return inv;
    if (await userByEmail(tx, inv.email)) return `${inv.email} has an account already; sign in instead`;
    await tx.updateTable('invitations').set({ accepted_at: now.toISOString() }).where('token_hash', '=', hashToken(token)).execute();
    return createUser(tx, { email: inv.email, name, role: inv.role, passwordHash });
  });
}

/** Invitations not used yet and not expired; each named by its token's hash (never the token). */
export async function openInvitations(db: Kysely<Database>, now = new Date()): Promise<{ id: string; email: string; role: Role; createdAt: string; expiresAt: string }[]> {
  const rows = await db.selectFrom('invitations').selectAll().where('accepted_at', 'is', null).where('expires_at', '>', now.toISOString()).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.token_hash, email: r.email, role: r.role, createdAt: r.created_at, expiresAt: r.expires_at }));
}

export async function deleteInvitation(db: Kysely<Database>, id: string): Promise<boolean> {
  const r = await db.deleteFrom('invitations').where('token_hash', '=', id).where('accepted_at', 'is', null).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function setRole(db: Kysely<Database>, userId: number, role: Role): Promise<boolean> {
  const r = await db.updateTable('users').set({ role }).where('id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setLocale(db: Kysely<Database>, userId: number, locale: AppLocale | null): Promise<boolean> {
  const r = await db.updateTable('users').set({ locale }).where('id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes an account; its sessions go with it, its revisions stay in the history without a name. */
export async function deleteUser(db: Kysely<Database>, userId: number): Promise<boolean> {
  const r = await db.deleteFrom('users').where('id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
