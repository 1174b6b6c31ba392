// Settings the installation keeps for itself, such as the key that signs its tokens.

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** PRESSROOM_SECRET when set; else a random key made on first use and kept in the database. */
export async function signingSecret(db: Kysely<Database>, env = process.env): Promise<string> {
  if (env.PRESSROOM_SECRET) return env.PRESSROOM_SECRET;
  const found = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirst();
  if (found) return found.value;
  await db.insertInto('settings').values({ key: 'secret', value: randomBytes(32).toString('base64url') }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow()).value;
}
