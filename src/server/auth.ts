// Sign-in for editors: the owner's first-run setup, invitations, sessions in HttpOnly cookies,
// a CSRF token on every write, and a limit on failed logins.
//
// Every route says who may call it with `config.access`: 'public', 'session' (the default under
// /api) or 'owner'. The check runs before body validation, so a caller without a session learns
// nothing about the body it sent.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  acceptInvitation,
  countUsers,
  createInvitation,
  createSession,
  createUser,
  endSession,
  findInvitation,
  findSession,
  listUsers,
  normaliseEmail,
  SESSION_DAYS,
  userByEmail,
  type Session,
  type User,
} from '../store/accounts.ts';
import { inTransaction, type Store } from '../store/db.ts';
import { clearAttempts, knownAddress, rememberAddress, reserveAttempt } from '../store/throttle.ts';
import { cookie, HttpError, parseCookies } from './http.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

export const SESSION_COOKIE = 'pressroom_session';
/** 'anyone': public, and posts from other sites are fine too (a static site's subscribe form, a mail provider's one-click unsubscribe). */
export type Access = 'anyone' | 'public' | 'session' | 'owner';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface AuthOptions {
  secureCookies?: boolean;
  /** Failed logins allowed per address and per account in a window. */
  loginLimit?: { max: number; windowMs: number };
  now?: () => Date;
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
  const db = store.db;

  app.decorateRequest('session', null);

  app.addHook('preValidation', async (req) => {
    const access: Access = req.routeOptions.config.access ?? (req.url.startsWith('/api/') ? 'session' : 'public');
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    let expired = false;
    if (token) {
      const found = await findSession(db, token, now());
      if (found.kind === 'ok') req.session = found.session;
      expired = found.kind === 'expired';
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
    const s = await createSession(db, user.id, now());
    // A device that signed in (setup, an invitation, a login) is one the account knows.
    await rememberAddress(db, user.id, req.ip, now());
    const secure = opts.secureCookies ?? req.protocol === 'https';
    void reply.header('set-cookie', cookie(SESSION_COOKIE, s.token, { maxAgeSeconds: SESSION_DAYS * 86_400, secure }));
    return sessionView({ user, csrf: s.csrf, expiresAt: s.expiresAt });
  };

  const credentials = {
    type: 'object',
    required: ['email', 'password'],
    additionalProperties: false,
    properties: { email: { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }, password: { type: 'string', minLength: 1, maxLength: 512 }, name: { type: 'string', maxLength: 200 } },
  } as const;

  app.get('/api/session', { config: { access: 'public' } }, async (req) => {
    const needsSetup = (await countUsers(db)) === 0;
    return { needsSetup, session: req.session ? sessionView(req.session) : null };
  });

  app.post<{ Body: { email: string; password: string; name?: string } }>('/api/setup', { config: { access: 'public' }, schema: { body: credentials } }, async (req, reply) => {
    const problem = passwordProblem(req.body.password);
    if (problem) throw new HttpError(400, problem);
    const hash = await hashPassword(req.body.password);
    // Only the first account may be made this way; the check and the insert share a transaction.
    const user = await inTransaction(db, async (tx) => {
      if ((await countUsers(tx)) > 0) throw new HttpError(409, 'this Pressroom has an owner already; sign in');
      return createUser(tx, { email: req.body.email, name: req.body.name ?? '', role: 'owner', passwordHash: hash });
    });
    return startSession(reply, req, user);
  });

  app.post<{ Body: { email: string; password: string } }>('/api/login', { config: { access: 'public' }, schema: { body: credentials } }, async (req, reply) => {
    const email = normaliseEmail(req.body.email);
    const at = now();
    const refuse = (wait: number, why: string) => {
      void reply.header('retry-after', String(wait));
      return new HttpError(429, `${why}; try again in ${Math.ceil(wait / 60)} minute(s)`, 'rate-limited');
    };
    // Each attempt is counted before the password is checked: parallel guesses pass one by one.
    const addressKey = `address:${req.ip}`;
    const byAddress = await reserveAttempt(db, addressKey, limit.max, limit.windowMs, at);
    if (byAddress) throw refuse(byAddress, 'too many failed sign-ins from your address');
    const user = await userByEmail(db, email);
    // The account's own limit holds for addresses it has not signed in from: guesses from
    // elsewhere cannot lock its owner out of the devices they use.
    const accountKey = `account:${email}`;
    const known = user ? await knownAddress(db, user.id, req.ip, at) : false;
    if (!known) {
      const byAccount = await reserveAttempt(db, accountKey, limit.max, limit.windowMs, at);
      if (byAccount) throw refuse(byAccount, 'too many failed sign-ins to this account from new addresses (sign in from a device you have used before, or wait)');
    }
    // A missing account costs the same time as a wrong password.
    const ok = user ? await verifyPassword(req.body.password, user.passwordHash) : (await verifyPassword(req.body.password, DUMMY_HASH), false);
    if (!ok || !user) throw new HttpError(401, 'wrong email or password', 'bad-credentials');
    await clearAttempts(db, known ? [addressKey] : [addressKey, accountKey]);
    const { passwordHash: _hash, ...account } = user;
    return startSession(reply, req, account);
  });

  app.post('/api/logout', { config: { access: 'public' } }, async (req, reply) => {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (req.session && req.headers['x-csrf-token'] !== req.session.csrf) throw new HttpError(403, 'missing or wrong CSRF token (reload the page)', 'csrf');
    if (token) await endSession(db, token);
    void reply.header('set-cookie', cookie(SESSION_COOKIE, '', { maxAgeSeconds: 0 }));
    return { ok: true };
  });

  app.get('/api/users', async () => listUsers(db));

  app.post<{ Body: { email: string; role?: 'owner' | 'editor' } }>(
    '/api/invitations',
    {
      config: { access: 'owner' },
      schema: {
        body: {
          type: 'object',
          required: ['email'],
          additionalProperties: false,
          properties: { email: credentials.properties.email, role: { type: 'string', enum: ['owner', 'editor'] } },
        },
      },
    },
    async (req) => {
      if (await userByEmail(db, req.body.email)) throw new HttpError(409, `${normaliseEmail(req.body.email)} has an account already`);
      const inv = await createInvitation(db, { email: req.body.email, role: req.body.role ?? 'editor', invitedBy: req.session!.user.id }, now());
      return { token: inv.token, expiresAt: inv.expiresAt, link: `/editor/#/join/${inv.token}` };
    },
  );

  app.get<{ Params: { token: string } }>('/api/invitations/:token', { config: { access: 'public' } }, async (req) => {
    const inv = await findInvitation(db, req.params.token, now());
    if (typeof inv === 'string') throw new HttpError(404, inv);
    return inv;
  });

  app.post<{ Body: { token: string; name: string; password: string } }>(
    '/api/invitations/accept',
    {
      config: { access: 'public' },
      schema: {
        body: {
          type: 'object',
          required: ['token', 'password'],
          additionalProperties: false,
          properties: { token: { type: 'string', minLength: 10, maxLength: 100 }, name: { type: 'string', maxLength: 200 }, password: { type: 'string', maxLength: 512 } },
        },
      },
    },
    async (req, reply) => {
      const problem = passwordProblem(req.body.password);
      if (problem) throw new HttpError(400, problem);
      const user = await acceptInvitation(db, req.body.token, req.body.name ?? '', await hashPassword(req.body.password), now());
      if (typeof user === 'string') throw new HttpError(410, user);
      return startSession(reply, req, user);
    },
  );
}

function sessionView(s: Session) {
  return { user: s.user, csrf: s.csrf, expiresAt: s.expiresAt };
}

// A real scrypt hash of a random password, so that an unknown email costs a full verification.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The owner from PRESSROOM_OWNER_EMAIL and PRESSROOM_OWNER_PASSWORD, made when there is no account yet. */
export async function ownerFromEnv(store: Store, env = process.env): Promise<string | undefined> {
  const email = env.PRESSROOM_OWNER_EMAIL;
  const password = env.PRESSROOM_OWNER_PASSWORD;
  if (!email || !password) return undefined;
  if ((await countUsers(store.db)) > 0) return undefined;
  const problem = passwordProblem(password);
  if (problem) throw new Error(`PRESSROOM_OWNER_PASSWORD: ${problem}`);
  await createUser(store.db, { email, name: env.PRESSROOM_OWNER_NAME ?? '', role: 'owner', passwordHash: await hashPassword(password) });
  return normaliseEmail(email);
}
