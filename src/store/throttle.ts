// Failed sign-ins, counted in the database so that every server shares one count and a restart
// forgets nothing. An attempt is reserved before the password is checked, in one statement, so
// parallel guesses cannot all pass a check that runs before any of them is counted.

import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Counts an attempt for `key` in its window; returns 0 when it may go ahead, else the seconds
 * until the window ends (the attempt is refused, and counted all the same).
 */
export async function reserveAttempt(db: Kysely<Database>, key: string, max: number, windowMs: number, now: Date): Promise<number> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_start: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when login_throttle.window_start <= ${cutoff} then 1 else login_throttle.failures + 1 end`,
        window_start: sql<string>`case when login_throttle.window_start <= ${cutoff} then ${at} else login_throttle.window_start end`,
      }),
    )
    .returning(['failures', 'window_start'])
    .executeTakeFirstOrThrow();
  if (Number(row.failures) <= max) return 0;
  return Math.max(1, Math.ceil((Date.parse(row.window_start) + windowMs - now.getTime()) / 1000));
}

/** A successful sign-in gives back what it reserved. */
export async function clearAttempts(db: Kysely<Database>, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}

/** Whether the account has signed in from this address (within `days`). */
export async function knownAddress(db: Kysely<Database>, userId: number, address: string, now: Date, days = 90): Promise<boolean> {
  const row = await db.selectFrom('known_logins').select('last_at').where('user_id', '=', userId).where('address', '=', address).executeTakeFirst();
  return !!row && Date.parse(row.last_at) > now.getTime() - days * 86_400_000;
}

export async function rememberAddress(db: Kysely<Database>, userId: number, address: string, now: Date): Promise<void> {
  await db
    .insertInto('known_logins')
    .values({ user_id: userId, address, last_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['user_id', 'address']).doUpdateSet({ last_at: now.toISOString() }))
    .execute();
}
