// The editors' accounts: the owner made on first start (in the app, or from the environment),
// sign-in with failed attempts limited per address and per account (an account's own limit does
// not hold on devices it has signed in from, so guesses from elsewhere cannot lock its owner
// out), sessions, and invitations for more editors. The server's routes (server/auth.ts) call these.

import {
  acceptInvitation,
  countUsers,
  deleteInvitation,
  deleteUser,
  openInvitations,
  setRole,
  setLocale,
  APP_LOCALES,
  type AppLocale,
  createInvitation,
  createSession,
  createUser,
  endSession,
  findInvitation,
  findSession,
  listUsers,
  normaliseEmail,
  userByEmail,
  type Session,
  type User,
} from '../store/accounts.ts';
import { inTransaction, type Db } from '../store/db.ts';
import { clearAttempts, knownAddress, rememberAddress, reserveAttempt } from '../store/throttle.ts';
import { AppError } from './errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

export { APP_LOCALES, SESSION_DAYS, type AppLocale, type Session, type User } from '../store/accounts.ts';

export interface AccountsDeps {
  db: Db;
  now: () => Date;
  /** Failed sign-ins allowed per address and per account in a window. */
  loginLimit: { max: number; windowMs: number };
}

export const needsSetup = async (db: Db): Promise<boolean> => (await countUsers(db)) === 0;

export async function sessionFor(db: Db, token: string, now: Date): Promise<{ session?: Session; expired: boolean }> {
  const found = await findSession(db, token, now);
  return found.kind === 'ok' ? { session: found.session, expired: false } : { expired: found.kind === 'expired' };
}

/** A session for the user, on a device (address) the account now knows. */
export async function startSession(d: AccountsDeps, user: User, address: string): Promise<{ token: string; csrf: string; expiresAt: string }> {
  const s = await createSession(d.db, user.id, d.now());
  await rememberAddress(d.db, user.id, address, d.now());
  return s;
}

export const signOut = (db: Db, token: string) => endSession(db, token);

/** The first account, the owner; only while there is none (the check and the insert share a transaction). */
export async function setupOwner(d: AccountsDeps, a: { email: string; password: string; name?: string | undefined }): Promise<User> {
  const problem = passwordProblem(a.password);
  if (problem) throw new AppError('bad-request', problem);
  const hash = await hashPassword(a.password);
  return inTransaction(d.db, async (tx) => {
    if ((await countUsers(tx)) > 0) throw new AppError('conflict', 'this Pressroom has an owner already; sign in');
    return createUser(tx, { email: a.email, name: a.name ?? '', role: 'owner', passwordHash: hash });
  });
}

/** Checks a sign-in; each attempt is counted before the password is checked, so parallel guesses pass one by one. */
export async function signIn(d: AccountsDeps, emailIn: string, password: string, address: string): Promise<User> {
  const email = normaliseEmail(emailIn);
  const at = d.now();
  const { max, windowMs } = d.loginLimit;
  const refuse = (wait: number, why: string) => new AppError('rate-limited', `${why}; try again in ${Math.ceil(wait / 60)} minute(s)`, 'rate-limited', wait);
  const addressKey = `address:${address}`;
  const byAddress = await reserveAttempt(d.db, addressKey, max, windowMs, at);
  if (byAddress) throw refuse(byAddress, 'too many failed sign-ins from your address');
  const user = await userByEmail(d.db, email);
  const accountKey = `account:${email}`;
  const known = user ? await knownAddress(d.db, user.id, address, at) : false;
  if (!known) {
    const byAccount = await reserveAttempt(d.db, accountKey, max, windowMs, at);
    if (byAccount) throw refuse(byAccount, 'too many failed sign-ins to this account from new addresses (sign in from a device you have used before, or wait)');
  }
  // A missing account costs the same time as a wrong password.
  const ok = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, DUMMY_HASH), false);
  if (!ok || !user) throw new AppError('unauthenticated', 'wrong email or password', 'bad-credentials');
  await clearAttempts(d.db, known ? [addressKey] : [addressKey, accountKey]);
  const { passwordHash: _hash, ...account } = user;
  return account;
}

export const listAccounts = (db: Db) => listUsers(db);

export async function invite(d: AccountsDeps, email: string, role: 'owner' | 'editor', invitedBy: number): Promise<{ token: string; expiresAt: string }> {
  if (await userByEmail(d.db, email)) throw new AppError('conflict', `${normaliseEmail(email)} has an account already`);
  return createInvitation(d.db, { email, role, invitedBy }, d.now());
}

export async function invitation(d: AccountsDeps, token: string) {
  const inv = await findInvitation(d.db, token, d.now());
  if (typeof inv === 'string') throw new AppError('not-found', inv);
  return inv;
}

export async function acceptInvite(d: AccountsDeps, token: string, name: string, password: string): Promise<User> {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('bad-request', problem);
  const user = await acceptInvitation(d.db, token, name, await hashPassword(password), d.now());
  if (typeof user === 'string') throw new AppError('gone', user);
  return user;
}

// A real scrypt hash of a random password, so that an unknown email costs a full verification.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The owner from PRESSROOM_OWNER_EMAIL and PRESSROOM_OWNER_PASSWORD, made when there is no account yet. */
export async function ownerFromEnv(db: Db, env = process.env): Promise<string | undefined> {
  const email = env.PRESSROOM_OWNER_EMAIL;
  const password = env.PRESSROOM_OWNER_PASSWORD;
  if (!email || !password) return undefined;
  if ((await countUsers(db)) > 0) return undefined;
  const problem = passwordProblem(password);
  if (problem) throw new Error(`PRESSROOM_OWNER_PASSWORD: ${problem}`);
  await createUser(db, { email, name: env.PRESSROOM_OWNER_NAME ?? '', role: 'owner', passwordHash: await hashPassword(password) });
  return normaliseEmail(email);
}

export const pendingInvitations = (d: AccountsDeps) => openInvitations(d.db, d.now());

export async function revokeInvitation(d: AccountsDeps, id: string): Promise<void> {
  if (!(await deleteInvitation(d.db, id))) throw new AppError('not-found', 'no open invitation with that id (used, expired or revoked already)');
}

/** An account's role; the last owner stays an owner, so someone can always invite and change roles. */
export async function changeRole(d: AccountsDeps, userId: number, role: 'owner' | 'editor'): Promise<void> {
  const users = await listUsers(d.db);
  const user = users.find((u) => u.id === userId);
  if (!user) throw new AppError('not-found', `no account #${userId}`);
  if (user.role === 'owner' && role !== 'owner' && users.filter((u) => u.role === 'owner').length === 1) throw new AppError('conflict', `${user.email} is the only owner; make another owner first`);
  await setRole(d.db, userId, role);
}

/** The language an editor reads the app in: their choice, kept with their account. */
export async function chooseAppLocale(d: AccountsDeps, userId: number, locale: string): Promise<AppLocale> {
  if (!(APP_LOCALES as readonly string[]).includes(locale)) throw new AppError('bad-request', `the app is written in ${APP_LOCALES.join(' and ')}, not "${locale}"`);
  if (!(await setLocale(d.db, userId, locale as AppLocale))) throw new AppError('not-found', `no account #${userId}`);
  return locale as AppLocale;
}

/** The app's language for an editor who has not chosen: the publication's first language when
 * the app is written in it, else English. */
export function defaultAppLocale(primaryLang: string): AppLocale {
  return (APP_LOCALES as readonly string[]).includes(primaryLang) ? (primaryLang as AppLocale) : 'en';
}

/** Removes an editor's account (not one's own, not the last owner's); their sessions end at once. */
export async function removeAccount(d: AccountsDeps, userId: number, by: number): Promise<void> {
  if (userId === by) throw new AppError('conflict', 'you cannot remove your own account');
  const users = await listUsers(d.db);
  const user = users.find((u) => u.id === userId);
  if (!user) throw new AppError('not-found', `no account #${userId}`);
  if (user.role === 'owner' && users.filter((u) => u.role === 'owner').length === 1) throw new AppError('conflict', `${user.email} is the only owner`);
  await deleteUser(d.db, userId);
}
