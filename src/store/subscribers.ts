// Subscribers of a publication (per language, with double opt-in), members among them, and the
// suppression list that bounces and complaints feed.

import type { Insertable, Kysely, Selectable } from 'kysely';
import { normaliseEmail } from './accounts.ts';
import type { Database, SubscribersTable } from './schema.ts';

export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed';

export interface Subscriber {
  id: number;
  email: string;
  lang: string;
  status: SubscriberStatus;
  member: boolean;
  name: string;
  source: string;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

const toSubscriber = (r: Selectable<SubscribersTable>): Subscriber => ({
  id: r.id,
  email: r.email,
  lang: r.lang,
  status: r.status as SubscriberStatus,
  member: r.member === 1,
  name: r.name,
  source: r.source,
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at,
  unsubscribedAt: r.unsubscribed_at,
});

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function emailProblem(email: string): string | undefined {
  if (email.length > 254) return 'is too long';
  if (!EMAIL.test(email)) return 'is not an email address';
  return undefined;
}

export async function subscriberById(db: Kysely<Database>, publicationId: number, id: number): Promise<Subscriber | undefined> {
  const r = await db.selectFrom('subscribers').selectAll().where('publication_id', '=', publicationId).where('id', '=', id).executeTakeFirst();
  return r && toSubscriber(r);
}

export async function subscriberByEmail(db: Kysely<Database>, publicationId: number, email: string): Promise<Subscriber | undefined> {
  const r = await db.selectFrom('subscribers').selectAll().where('publication_id', '=', publicationId).where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return r && toSubscriber(r);
}

/** A new or returning address: pending until confirmed. An active subscriber stays active (and may change language). */
export async function subscribe(db: Kysely<Database>, publicationId: number, emailIn: string, lang: string, now: Date): Promise<Subscriber> {
  const email = normaliseEmail(emailIn);
  const at = now.toISOString();
  const found = await subscriberByEmail(db, publicationId, email);
  if (!found) {
    const r = await db.insertInto('subscribers').values({ publication_id: publicationId, email, lang, status: 'pending', created_at: at, confirmed_at: null, unsubscribed_at: null }).returningAll().executeTakeFirstOrThrow();
    return toSubscriber(r);
  }
  const status = found.status === 'active' ? 'active' : 'pending';
  await db.updateTable('subscribers').set({ lang, status }).where('id', '=', found.id).execute();
  return { ...found, lang, status };
}

/** Confirms a pending address; true when this call made it active. */
export async function confirmSubscriber(db: Kysely<Database>, publicationId: number, id: number, now: Date): Promise<boolean> {
  const r = await db.updateTable('subscribers').set({ status: 'active', confirmed_at: now.toISOString(), unsubscribed_at: null }).where('publication_id', '=', publicationId).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** true when this call unsubscribed an address that was not already. */
export async function unsubscribe(db: Kysely<Database>, publicationId: number, id: number, now: Date): Promise<boolean> {
  const r = await db.updateTable('subscribers').set({ status: 'unsubscribed', unsubscribed_at: now.toISOString() }).where('publication_id', '=', publicationId).where('id', '=', id).where('status', '!=', 'unsubscribed').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listSubscribers(db: Kysely<Database>, publicationId: number, f: { status?: SubscriberStatus; lang?: string } = {}): Promise<Subscriber[]> {
  let q = db.selectFrom('subscribers').selectAll().where('publication_id', '=', publicationId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.lang) q = q.where('lang', '=', f.lang);
  return (await q.orderBy('id').execute()).map(toSubscriber);
}

export async function subscriberCounts(db: Kysely<Database>, publicationId: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom('subscribers').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('publication_id', '=', publicationId).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

// ---- suppression

export type SuppressionReason = 'bounce' | 'complaint' | 'manual';

/** Puts an address on the suppression list; true when it was not on it. */
export async function suppress(db: Kysely<Database>, publicationId: number, email: string, reason: SuppressionReason, detail: string, now: Date): Promise<boolean> {
  const r = await db
    .insertInto('suppressions')
    .values({ publication_id: publicationId, email: normaliseEmail(email), reason, detail: detail.slice(0, 500), created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['publication_id', 'email']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function suppressions(db: Kysely<Database>, publicationId: number): Promise<{ email: string; reason: string; detail: string; createdAt: string }[]> {
  const rows = await db.selectFrom('suppressions').selectAll().where('publication_id', '=', publicationId).orderBy('created_at').execute();
  return rows.map((r) => ({ email: r.email, reason: r.reason, detail: r.detail, createdAt: r.created_at }));
}

// ---- CSV

/** RFC 4180 fields: commas, quotes doubled inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const csvField = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${(/^[=+\-@]/.test(v) ? "'" : '') + v.replaceAll('"', '""')}"` : v);

export interface ImportOutcome {
  added: number;
  updated: number;
  /** Rows left out, by line number, and why. */
  skipped: { line: number; reason: string }[];
}

/** Other services' names for the columns, so their exports import as they are: Mailchimp's
 * "Email Address", "First Name", "Last Name"; Substack's "active_subscription" (a paying member)
 * and "email_disabled" (unsubscribed); "language", "e-mail". */
const ALIASES: Record<string, string[]> = {
  email: ['email', 'email address', 'e-mail', 'e-mail address', 'mail'],
  lang: ['lang', 'language', 'locale'],
  name: ['name', 'full name'],
  member: ['member', 'active_subscription', 'paid'],
};

/**
 * Subscribers from CSV with a header row: email (required), lang, status (active, pending or
 * unsubscribed; default active: an imported list was confirmed elsewhere), member (1/true/yes), name.
 * Mailchimp's and Substack's exports are read too (see ALIASES). One transaction: a file with a
 * broken header changes nothing.
 */
export async function importSubscribers(db: Kysely<Database>, publicationId: number, csv: string, now: Date, defaults: { lang?: string } = {}): Promise<ImportOutcome> {
  const rows = parseCsv(csv);
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => {
    for (const alias of ALIASES[name] ?? [name]) {
      const i = header.indexOf(alias);
      if (i !== -1) return i;
    }
    return -1;
  };
  if (col('email') === -1) throw new Error(`subscribers: the CSV has no "email" column in its first row (it has ${header.map((h) => `"${h}"`).join(', ') || 'none'})`);
  const outcome: ImportOutcome = { added: 0, updated: 0, skipped: [] };
  const at = now.toISOString();
  await db.transaction().execute(async (tx) => {
    const existing = new Map((await tx.selectFrom('subscribers').select(['id', 'email']).where('publication_id', '=', publicationId).execute()).map((r) => [r.email, r.id]));
    const seen = new Set<string>();
    const fresh: Insertable<SubscribersTable>[] = [];
    const updates: { id: number; values: { lang: string; status: string; member: number; name: string } }[] = [];
    rows.forEach((r, i) => {
      const line = i + 2;
      const get = (name: string) => (col(name) === -1 ? '' : (r[col(name)] ?? '').trim());
      const email = normaliseEmail(get('email'));
      const problem = emailProblem(email);
      if (problem) return void outcome.skipped.push({ line, reason: `"${get('email')}" ${problem}` });
      const disabled = /^(1|true|yes)$/i.test(get('email_disabled'));
      const status = get('status').toLowerCase().replace(/^subscribed$/, 'active') || (disabled ? 'unsubscribed' : 'active');
      if (!['active', 'pending', 'unsubscribed'].includes(status)) return void outcome.skipped.push({ line, reason: `unknown status "${status}"` });
      const member = /^(1|true|yes|y)$/i.test(get('member')) ? 1 : 0;
      const name = get('name') || [get('first name'), get('last name')].filter(Boolean).join(' ');
      const values = { lang: get('lang') || defaults.lang || 'zh', status, member, name };
      if (seen.has(email)) return void outcome.skipped.push({ line, reason: `${email} is on an earlier line` });
      seen.add(email);
      const id = existing.get(email);
      if (id !== undefined) {
        updates.push({ id, values });
        outcome.updated++;
      } else {
        fresh.push({ publication_id: publicationId, email, ...values, source: 'import', created_at: at, confirmed_at: status === 'active' ? at : null, unsubscribed_at: status === 'unsubscribed' ? at : null });
        outcome.added++;
      }
    });
    for (const u of updates) await tx.updateTable('subscribers').set(u.values).where('id', '=', u.id).execute();
    for (let i = 0; i < fresh.length; i += 500) await tx.insertInto('subscribers').values(fresh.slice(i, i + 500)).execute();
  });
  return outcome;
}

export async function exportSubscribers(db: Kysely<Database>, publicationId: number): Promise<string> {
  const list = await listSubscribers(db, publicationId);
  const lines = ['email,lang,status,member,name,source,created_at,confirmed_at,unsubscribed_at'];
  for (const s of list) lines.push([s.email, s.lang, s.status, s.member ? '1' : '0', s.name, s.source, s.createdAt, s.confirmedAt ?? '', s.unsubscribedAt ?? ''].map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * What became of each campaign's recipients until the next campaign began: addresses that
 * bounced or complained (the suppression list says when) and readers who unsubscribed.
 */
export async function campaignOutcomes(db: Kysely<Database>, publicationId: number, campaigns: { issue: number; since: string }[]): Promise<Map<number, { bounced: number; complaints: number; unsubscribed: number }>> {
  const ordered = [...campaigns].sort((a, b) => a.since.localeCompare(b.since));
  const out = new Map<number, { bounced: number; complaints: number; unsubscribed: number }>();
  for (const [i, c] of ordered.entries()) {
    const until = ordered[i + 1]?.since ?? '9999';
    const recipients = db
      .selectFrom('campaign_messages')
      .innerJoin('campaigns', 'campaigns.id', 'campaign_messages.campaign_id')
      .select('campaign_messages.email')
      .where('campaigns.publication_id', '=', publicationId)
      .where('campaigns.issue_number', '=', c.issue)
      .where('campaign_messages.status', '=', 'sent');
    const supp = await db
      .selectFrom('suppressions')
      .select(['reason', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('publication_id', '=', publicationId)
      .where('created_at', '>=', c.since)
      .where('created_at', '<', until)
      .where('email', 'in', recipients)
      .groupBy('reason')
      .execute();
    const unsub = await db
      .selectFrom('subscribers')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('publication_id', '=', publicationId)
      .where('unsubscribed_at', '>=', c.since)
      .where('unsubscribed_at', '<', until)
      .where('email', 'in', recipients)
      .executeTakeFirstOrThrow();
    const n = (reason: string) => Number(supp.find((s) => s.reason === reason)?.n ?? 0);
    out.set(c.issue, { bounced: n('bounce'), complaints: n('complaint'), unsubscribed: Number(unsub.n) });
  }
  return out;
}
