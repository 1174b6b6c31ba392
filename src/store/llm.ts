// The language model's answers, cached by their input (model and messages), and every call's
// tokens, counted against the issue it was for.

import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export async function cachedAnswer(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('llm_cache').select('output').where('key', '=', key).executeTakeFirst())?.output;
}

export async function cacheAnswer(db: Db, a: { key: string; model: string; output: string; promptTokens: number; completionTokens: number }, now: Date): Promise<void> {
  await db
    .insertInto('llm_cache')
    .values({ key: a.key, model: a.model, output: a.output, prompt_tokens: a.promptTokens, completion_tokens: a.completionTokens, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function recordUsage(
  db: Db,
  u: { publicationId: number; issueNumber: number | null; purpose: string; model: string; promptTokens: number; completionTokens: number; cached: boolean },
  now: Date,
): Promise<void> {
  await db
    .insertInto('llm_usage')
    .values({
      publication_id: u.publicationId,
      issue_number: u.issueNumber,
      purpose: u.purpose,
      model: u.model,
      prompt_tokens: u.promptTokens,
      completion_tokens: u.completionTokens,
      cached: u.cached ? 1 : 0,
      created_at: now.toISOString(),
    })
    .execute();
}

export async function tokensFor(db: Db, publicationId: number, issueNumber: number): Promise<{ prompt: number; completion: number; calls: number; cached: number }> {
  const r = await db
    .selectFrom('llm_usage')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('prompt_tokens'), eb.val(0)).as('prompt'),
      eb.fn.coalesce(eb.fn.sum<number>('completion_tokens'), eb.val(0)).as('completion'),
      eb.fn.countAll<number>().as('calls'),
      eb.fn.coalesce(eb.fn.sum<number>('cached'), eb.val(0)).as('cached'),
    ])
    .where('publication_id', '=', publicationId)
    .where('issue_number', '=', issueNumber)
    .executeTakeFirstOrThrow();
  return { prompt: Number(r.prompt), completion: Number(r.completion), calls: Number(r.calls), cached: Number(r.cached) };
}
