// Signed tokens for links in mail (confirm, unsubscribe, member sign-in) and the member cookie:
// the payload, an optional expiry and an HMAC over both and the token's purpose. Nothing is
// stored; a token for one purpose does not work for another.

import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'confirm' | 'unsubscribe' | 'member-link' | 'member-session' | 'click';

const mac = (secret: string, purpose: string, body: string) => createHmac('sha256', secret).update(`${purpose}\n${body}`).digest('base64url').slice(0, 32);

export function signToken(secret: string, purpose: TokenPurpose, payload: string, expires?: Date): string {
  const body = Buffer.from(`${payload}\n${expires ? Math.floor(expires.getTime() / 1000) : ''}`).toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

/** The payload, or why the token is no good. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string, now = new Date()): { payload: string } | { error: 'invalid' | 'expired' } {
  const [body, sig] = token.split('.');
  if (!body || !sig) return { error: 'invalid' };
  const want = Buffer.from(mac(secret, purpose, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { error: 'invalid' };
  const [payload, exp] = Buffer.from(body, 'base64url').toString('utf8').split('\n');
  if (payload === undefined) return { error: 'invalid' };
  if (exp && Number(exp) * 1000 < now.getTime()) return { error: 'expired' };
  return { payload };
}
