// Sign-in for editors: the owner's first-run setup, invitations, sessions in HttpOnly cookies,
// a CSRF token on every write, and a limit on failed logins.
//
// Every route says who may call it with `config.access`: 'public', 'session' (the default under
// /api) or 'owner'. The check runs before body validation, so a caller without a session learns
// nothing about the body it sent.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptInvite, changeRole, chooseAppLocale, defaultAppLocale, invitation, invite, listAccounts, needsSetup, pendingInvitations, removeAccount, revokeInvitation, sessionFor, setupOwner, signIn, signOut, startSession as openSession, SESSION_DAYS, type AccountsDeps, type Session, type User } from '../app/accounts.ts';
import type { Store } from '../store/db.ts';
import { AcceptBody, Credentials, IdParams, InviteBody, LocaleBody, RoleBody } from '../api/schemas.ts';
import { cookie, HttpError, parseCookies } from './http.ts';

export const SESSION_COOKIE = 'pressroom_session';
/** 'anyone': public, and posts from other sites are fine too (a static site's subscribe form, a mail provider's one-click unsubscribe). */
export type Access = 'anyone' | 'public' | 'session' | 'owner';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** The most a request's body may hold here, as sized() sets it: named when a body is refused. */
    bodyLimit?: number;
  }
}

export interface AuthOptions {
  secureCookies?: boolean;
  /** Failed logins allowed per address and per account in a window. */
  loginLimit?: { max: number; windowMs: number };
  now?: () => Date;
  /** The publication's first language: the app's language for an editor who has not chosen one. */
  primaryLang?: () => Promise<string>;
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A same-origin check for writes made before there is a session (login, setup): a browser
 * always sends Origin on a cross-site POST, so one naming another host is refused. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function registerAuth(app: FastifyInstance, store: Store, opts: AuthOptions = {}): void {
  const now = opts.now ?? (() => new Date());
  const limit = opts.loginLimit ?? { max: 5, windowMs: 15 * 60_000 };
  const primaryLang = opts.primaryLang ?? (async () => 'en');
  const db = store.db;
  const accounts: AccountsDeps = { db, now, loginLimit: limit };

  app.decorateRequest('session', null);

  app.addHook('preValidation', async (req) => {
    const access: Access = req.routeOptions.config.access ?? (req.url.startsWith('/api/') ? 'session' : 'public');
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    let expired = false;
    if (token) {
      const found = await sessionFor(db, token, now());
      if (found.session) req.session = found.session;
      expired = found.expired;
    }
    if (access === 'anyone') return;
    if (access === 'public') {
      if (WRITE.has(req.method) && !sameOrigin(req)) throw new HttpError(403, 'cross-site request refused', 'csrf');
      return;
    }
    if (!req.session) {
      throw expired ? new HttpError(401, 'your session has expired; sign in again', 'expired') : new HttpError(401, 'sign in first', 'unauthenticated');
    }
    if (WRITE.has(req.method) && req.headers['x-csrf-token'] !== req.session.csrf) {
      throw new HttpError(403, 'missing or wrong CSRF token (reload the page)', 'csrf');
    }
    if (access === 'owner' && req.session.user.role !== 'owner') throw new HttpError(403, 'only the owner may do this', 'forbidden');
  });

  const startSession = async (reply: FastifyReply, req: FastifyRequest, user: User) => {
    // A device that signed in (setup, an invitation, a login) is one the account knows.
    const s = await openSession(accounts, user, req.ip);
    const secure = opts.secureCookies ?? req.protocol === 'https';
    void reply.header('set-cookie', cookie(SESSION_COOKIE, s.token, { maxAgeSeconds: SESSION_DAYS * 86_400, secure }));
    return sessionView({ user, csrf: s.csrf, expiresAt: s.expiresAt }, primaryLang);
  };

  const credentials = Credentials;

  app.get('/api/session', { config: { access: 'public' } }, async (req) => {
    return { needsSetup: await needsSetup(db), session: req.session ? await sessionView(req.session, primaryLang) : null };
  });

  app.post<{ Body: { email: string; password: string; name?: string } }>('/api/setup', { config: { access: 'public' }, schema: { body: credentials } }, async (req, reply) => {
    const user = await setupOwner(accounts, req.body);
    return startSession(reply, req, user);
  });

  app.post<{ Body: { email: string; password: string } }>('/api/login', { config: { access: 'public' }, schema: { body: credentials } }, async (req, reply) => {
    const account = await signIn(accounts, req.body.email, req.body.password, req.ip);
    return startSession(reply, req, account);
  });

  app.post('/api/logout', { config: { access: 'public' } }, async (req, reply) => {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (req.session && req.headers['x-csrf-token'] !== req.session.csrf) throw new HttpError(403, 'missing or wrong CSRF token (reload the page)', 'csrf');
    if (token) await signOut(db, token);
    void reply.header('set-cookie', cookie(SESSION_COOKIE, '', { maxAgeSeconds: 0 }));
    return { ok: true };
  });

  app.get('/api/users', async () => listAccounts(db));
  // The editor's own choice of the app's language.
  app.post<{ Body: { locale: string } }>('/api/me/locale', { schema: { body: LocaleBody } }, async (req) => {
    return { locale: await chooseAppLocale(accounts, req.session!.user.id, req.body.locale) };
  });
  app.get('/api/invitations', { config: { access: 'owner' } }, async () => pendingInvitations(accounts));
  app.post<{ Params: { id: string } }>('/api/invitations/:id/revoke', { config: { access: 'owner' } }, async (req) => {
    await revokeInvitation(accounts, req.params.id);
    return { ok: true };
  });
  app.post<{ Params: { id: number }; Body: { role: 'owner' | 'editor' } }>(
    '/api/users/:id/role',
    { config: { access: 'owner' }, schema: { params: IdParams, body: RoleBody } },
    async (req) => {
      await changeRole(accounts, req.params.id, req.body.role);
      return { ok: true };
    },
  );
  app.post<{ Params: { id: number } }>('/api/users/:id/remove', { config: { access: 'owner' }, schema: { params: IdParams } }, async (req) => {
    await removeAccount(accounts, req.params.id, req.session!.user.id);
    return { ok: true };
  });

  app.post<{ Body: { email: string; role?: 'owner' | 'editor' } }>(
    '/api/invitations',
    {
      config: { access: 'owner' },
      schema: {
        body: InviteBody,
      },
    },
    async (req) => {
      const inv = await invite(accounts, req.body.email, req.body.role ?? 'editor', req.session!.user.id);
      return { token: inv.token, expiresAt: inv.expiresAt, link: `/editor/#/join/${inv.token}` };
    },
  );

  app.get<{ Params: { token: string } }>('/api/invitations/:token', { config: { access: 'public' } }, async (req) => {
    return invitation(accounts, req.params.token);
  });

  app.post<{ Body: { token: string; name: string; password: string } }>(
    '/api/invitations/accept',
    {
      config: { access: 'public' },
      schema: {
        body: AcceptBody,
      },
    },
    async (req, reply) => {
      return startSession(reply, req, await acceptInvite(accounts, req.body.token, req.body.name ?? '', req.body.password));
    },
  );
}

async function sessionView(s: Session, primaryLang: () => Promise<string>) {
  return { user: s.user, csrf: s.csrf, expiresAt: s.expiresAt, defaultLocale: defaultAppLocale(await primaryLang()) };
}
