// The delivery log of webhooks: one row per attempt.

import type { Kysely } from 'kysely';
import type { Database, WebhookDeliveriesTable } from './schema.ts';

export type Delivery = Omit<WebhookDeliveriesTable, 'id' | 'detail'> & { detail: string };

export async function logDelivery(db: Kysely<Database>, d: Delivery): Promise<void> {
  await db.insertInto('webhook_deliveries').values(d).execute();
}

export async function deliveries(db: Kysely<Database>, publicationId: number, issueNumber?: number): Promise<(Delivery & { id: number })[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('publication_id', '=', publicationId);
  if (issueNumber !== undefined) q = q.where('issue_number', '=', issueNumber);
  return q.orderBy('id').execute();
}
