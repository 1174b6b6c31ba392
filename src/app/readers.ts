// The readers' use cases behind the site's forms: subscribing with double opt-in, confirming,
// unsubscribing in one click, members signing in by a mailed link that works once and signing
// out (here or everywhere), and the bounces and complaints a mail provider reports. The server
// (server/site.ts) turns their answers into pages; the tokens are signed (channels/email/tokens.ts).

import { signToken, verifyToken } from '../channels/email/tokens.ts';
import type { Db } from '../store/db.ts';
import { createMemberSession, liveMemberSession, revokeMemberSessions, useTokenOnce } from '../store/members.ts';
import type { StoredPublication } from '../store/publications.ts';
import { confirmSubscriber, emailProblem, subscribe, subscriberByEmail, subscriberById, suppress, unsubscribe, type Subscriber } from '../store/subscribers.ts';
import { AppError } from './errors.ts';

export const MEMBER_DAYS = 30;
const CONFIRM_DAYS = 7;
const MEMBER_LINK_MS = 3600_000;

export interface ReadersDeps {
  db: Db;
  secret: string;
  now: () => Date;
}

export type LinkProblem = 'invalid' | 'expired';

/** Asks an address to confirm: `confirmUrl` gets the token; an active subscriber is told so, and nothing is mailed. */
export async function requestSubscription(d: ReadersDeps, stored: StoredPublication, email: string, lang: string): Promise<{ status: 'already' } | { status: 'confirm'; subscriber: Subscriber; token: string }> {
  const problem = emailProblem(email.toLowerCase());
  if (problem) throw new AppError('invalid', `${email || '(empty)'} ${problem}`);
  const s = await subscribe(d.db, stored.id, email, lang, d.now());
  if (s.status === 'active') return { status: 'already' };
  const token = signToken(d.secret, 'confirm', `${s.id}:${s.email}`, new Date(d.now().getTime() + CONFIRM_DAYS * 86_400_000));
  return { status: 'confirm', subscriber: s, token };
}

/** Whose confirmation link this is, or what is wrong with it. */
export async function confirmationOf(d: ReadersDeps, stored: StoredPublication, token: string): Promise<Subscriber | LinkProblem> {
  const v = verifyToken(d.secret, 'confirm', token, d.now());
  if ('error' in v) return v.error;
  const [id, email] = v.payload.split(':');
  const s = await subscriberById(d.db, stored.id, Number(id));
  if (!s || s.email !== email) return 'invalid';
  return s;
}

/** Confirms the subscriber; true when they were not confirmed before (a welcome is due). */
export function confirm(d: ReadersDeps, stored: StoredPublication, s: Subscriber): Promise<boolean> {
  return confirmSubscriber(d.db, stored.id, s.id, d.now());
}

/** The token of an unsubscribe link, as in every mail's List-Unsubscribe. */
export function unsubscribeToken(secret: string, subscriberId: number): string {
  return signToken(secret, 'unsubscribe', String(subscriberId));
}

export async function unsubscriberOf(d: ReadersDeps, stored: StoredPublication, token: string): Promise<Subscriber | undefined> {
  const v = verifyToken(d.secret, 'unsubscribe', token, d.now());
  if (!('payload' in v)) return undefined;
  return subscriberById(d.db, stored.id, Number(v.payload));
}

export async function unsubscribeReader(d: ReadersDeps, stored: StoredPublication, s: Subscriber): Promise<void> {
  await unsubscribe(d.db, stored.id, s.id, d.now());
}

/**
 * A sign-in link for a member's address, or nothing for any other: the caller answers the same
 * either way, so the form does not tell who is a member.
 */
export async function memberLinkToken(d: ReadersDeps, stored: StoredPublication, email: string): Promise<{ email: string; token: string } | undefined> {
  if (emailProblem(email.toLowerCase())) throw new AppError('invalid', `${email || '(empty)'} is not an email address`);
  const s = await subscriberByEmail(d.db, stored.id, email);
  if (!s?.member || s.status === 'unsubscribed') return undefined;
  return { email: s.email, token: signToken(d.secret, 'member-link', s.email, new Date(d.now().getTime() + MEMBER_LINK_MS)) };
}

/** The address a sign-in link is for, or what is wrong with it (it is not used up by looking). */
export function memberLinkOf(d: ReadersDeps, token: string): string | LinkProblem {
  const v = verifyToken(d.secret, 'member-link', token, d.now());
  return 'payload' in v ? v.payload : v.error;
}

/**
 * Signs a member in with a link, once: whoever else holds a copy (a forwarded mail, a log)
 * cannot use it. Returns the session's cookie token and how long it lasts.
 */
export async function signInMember(d: ReadersDeps, stored: StoredPublication, token: string, userAgent: string): Promise<{ cookie: string; maxAgeSeconds: number } | LinkProblem | 'used'> {
  const email = memberLinkOf(d, token);
  if (email === 'invalid' || email === 'expired') return email;
  if (!(await useTokenOnce(d.db, token, new Date(d.now().getTime() + MEMBER_LINK_MS), d.now()))) return 'used';
  const session = await createMemberSession(d.db, stored.id, email, d.now(), MEMBER_DAYS, userAgent);
  return { cookie: signToken(d.secret, 'member-session', session.id, new Date(session.expiresAt)), maxAgeSeconds: MEMBER_DAYS * 86_400 };
}

export interface Member {
  email: string;
  sessionId: string;
  /** The token a member's forms carry (sign-out). */
  csrf: string;
}

/** The member a session cookie belongs to: none when it is forged, expired, revoked, or the address is no longer a member's. */
export async function memberOf(d: ReadersDeps, stored: StoredPublication, cookieToken: string | undefined): Promise<Member | undefined> {
  if (!cookieToken) return undefined;
  const v = verifyToken(d.secret, 'member-session', cookieToken, d.now());
  if (!('payload' in v)) return undefined;
  const session = await liveMemberSession(d.db, stored.id, v.payload, d.now());
  if (!session) return undefined;
  const s = await subscriberByEmail(d.db, stored.id, session.email);
  if (!s?.member || s.status === 'unsubscribed') return undefined;
  return { email: s.email, sessionId: session.id, csrf: signToken(d.secret, 'member-session', `csrf:${session.id}`) };
}

/** Ends this session where it is kept, or (`everywhere`) every session of the address. */
export async function signOutMember(d: ReadersDeps, stored: StoredPublication, m: Member, everywhere: boolean): Promise<void> {
  await revokeMemberSessions(d.db, stored.id, everywhere ? { email: m.email } : { id: m.sessionId }, d.now());
}

export interface MailEvent {
  type: string;
  email: string;
  detail?: string;
}

/** Bounces and complaints onto the suppression list; the whole report is refused if one event is malformed. */
export async function recordMailEvents(d: ReadersDeps, stored: StoredPublication, events: MailEvent[]): Promise<{ received: number; suppressed: number }> {
  for (const e of events) {
    if (!e || typeof e.email !== 'string' || emailProblem(e.email.toLowerCase())) throw new AppError('invalid', `an event needs an "email": ${JSON.stringify(e)}`);
    if (e.type !== 'complaint' && e.type !== 'bounce') throw new AppError('invalid', `an event's "type" is "bounce" or "complaint", not ${JSON.stringify(e.type)}`);
  }
  let suppressed = 0;
  for (const e of events) if (await suppress(d.db, stored.id, e.email, e.type as 'bounce' | 'complaint', e.detail ?? '', d.now())) suppressed++;
  return { received: events.length, suppressed };
}

export { listMemberSessions, revokeMemberSessions } from '../store/members.ts';
