// Newsletters into the inbox. A mail comes in (the inbound SMTP listener, or `pressroom inbox mail`
// from any MTA); if its sender is on the allow list (a newsletter source with its address, or
// with "@" and its domain), each of its links becomes a candidate seen by that source, with the
// words around it as the preview. Mail from anyone else is held, whole, for the editor: allowing
// the sender makes the source and takes in everything held from it; dropping deletes it.

import { newsletterSightings, parseMail, type Newsletter } from '../sources/newsletter/read.ts';
import type { Source } from '../sources/types.ts';
import type { Db } from '../store/db.ts';
import { inTransaction } from '../store/db.ts';
import { countHeld, dropHeld, heldMail, heldRaw, holdMail, type HeldMail } from '../store/inbound.ts';
import { ensureSource, getSource, listSources, recordSuccess, upsertSource } from '../store/sources.ts';
import type { StoredPublication } from '../store/publications.ts';
import { recordSightings } from './candidates.ts';
import { AppError } from './errors.ts';
import { sizeText } from '../text/size.ts';
import { isUtf8 } from 'node:buffer';

export type { HeldMail };

/** Mail bigger than this is refused: a newsletter is far smaller. */
export const MAX_MAIL_BYTES = 10 * 1024 * 1024;

/** Held mail waits for the editor; past this many, more from strangers is refused, not stored. */
export const MAX_HELD = 500;

/** Nor may what is held outgrow this (in characters of the raw messages): strangers' mail, ten
 * megabytes each, could otherwise fill the disk before anyone looks at it. */
export const MAX_HELD_CHARS = 100 * 1024 * 1024;

/** Links taken from one newsletter at most: a digest has dozens; past this it is a directory. */
export const MAX_LINKS = 500;

export type MailOutcome =
  /** `links` taken in; `beyond`: links past MAX_LINKS, left out and said so. */
  | { status: 'collected'; sender: string; source: string; links: number; created: number; beyond: number }
  | { status: 'held'; sender: string; subject: string; id: number };

function allowedSource(sources: Source[], sender: string): Source | undefined {
  const domain = `@${sender.split('@')[1] ?? ''}`;
  const list = sources.filter((s) => s.kind === 'newsletter' && s.enabled);
  return list.find((s) => s.url === sender) ?? list.find((s) => s.url === domain);
}

async function takeIn(db: Db, stored: StoredPublication, source: Source, mail: Newsletter, now: Date): Promise<MailOutcome> {
  const all = newsletterSightings(mail);
  const sightings = all.slice(0, MAX_LINKS);
  const out = await inTransaction(db, async (tx) => {
    const recorded = await recordSightings(tx, stored, source, sightings, now);
    // The source's last mail, shown where a feed shows its last fetch.
    await recordSuccess(tx, source.id, now, { title: source.title || mail.fromName || undefined });
    return recorded;
  });
  return { status: 'collected', sender: mail.from, source: source.title || source.url, links: sightings.length, created: out.created, beyond: all.length - sightings.length };
}

// A message is bytes: an 8bit body in GBK or Shift_JIS is not UTF-8, and read as UTF-8 it would
// be mojibake for good. Held mail is kept as text: as it is when it is UTF-8 (nearly all mail, and
// readable in the database), else as base64 behind a mark no message can start with (DEL).
const BYTES_MARK = '\u007fbase64:';
const heldText = (bytes: Buffer) => (isUtf8(bytes) ? bytes.toString('utf8') : BYTES_MARK + bytes.toString('base64'));
const heldBytes = (raw: string) => (raw.startsWith(BYTES_MARK) ? Buffer.from(raw.slice(BYTES_MARK.length), 'base64') : Buffer.from(raw, 'utf8'));

/** A message as an MTA hands it over (bytes; a string is taken as UTF-8). */
export async function receiveMail(db: Db, stored: StoredPublication, message: string | Uint8Array, now = new Date(), limits = { mails: MAX_HELD, chars: MAX_HELD_CHARS }): Promise<MailOutcome> {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  if (bytes.length > MAX_MAIL_BYTES) throw new AppError('bad-request', `the message is ${sizeText(bytes.length)}; mail over ${sizeText(MAX_MAIL_BYTES)} is refused`);
  let mail;
  try {
    mail = await parseMail(bytes);
  } catch (e) {
    throw new AppError('bad-request', `not a mail message: ${(e as Error).message}`);
  }
  const source = allowedSource(await listSources(db, stored.id), mail.from);
  if (!source) {
    const held = await countHeld(db, stored.id);
    const advice = 'allow or drop some (Sources page, pressroom inbox held) before more is kept';
    if (held.mails >= limits.mails) throw new AppError('conflict', `${limits.mails} mails from senders not on the allow list are held already; ${advice}`);
    const raw = heldText(bytes);
    if (held.chars + raw.length > limits.chars) {
      throw new AppError('conflict', `the mail held from senders not on the allow list is ${sizeText(held.chars)} already, and this message from ${mail.from} (${sizeText(raw.length)}) would take it past ${sizeText(limits.chars)}; ${advice}`);
    }
    const id = await holdMail(db, stored.id, { sender: mail.from, subject: mail.subject, raw }, now);
    return { status: 'held', sender: mail.from, subject: mail.subject, id };
  }
  return takeIn(db, stored, source, mail, now);
}

export const listHeld = (db: Db, stored: StoredPublication) => heldMail(db, stored.id);

/** What a held mail would bring in if its sender were allowed: its links, as they would become
 * candidates (unwrapped, footers and social links left out), for the editor to judge it by. */
export async function heldLinks(db: Db, stored: StoredPublication, heldId: number): Promise<{ url: string; title: string }[]> {
  const [held] = await heldRaw(db, stored.id, { id: heldId });
  if (!held) throw new AppError('not-found', `no held mail #${heldId}`);
  return newsletterSightings(await parseMail(heldBytes(held.raw))).map((s) => ({ url: s.url, title: s.title }));
}

/** Allows a held mail's sender: the newsletter source is made, and every mail held from it is taken in. */
export async function allowSender(db: Db, stored: StoredPublication, heldId: number, now = new Date()): Promise<{ sender: string; taken: MailOutcome[] }> {
  const [held] = await heldRaw(db, stored.id, { id: heldId });
  if (!held) throw new AppError('not-found', `no held mail #${heldId}`);
  const mail = await parseMail(heldBytes(held.raw));
  // A source the editor had for this sender (switched off, say) is switched on, its settings kept.
  const { id } = await ensureSource(db, stored.id, { kind: 'newsletter', url: held.sender, title: mail.fromName || held.sender, weight: 1.2 });
  await upsertSource(db, stored.id, { kind: 'newsletter', url: held.sender, enabled: true });
  const source = (await getSource(db, id))!;
  const all = await heldRaw(db, stored.id, { sender: held.sender });
  const taken: MailOutcome[] = [];
  for (const m of all) taken.push(await takeIn(db, stored, source, m.id === held.id ? mail : await parseMail(heldBytes(m.raw)), now));
  await dropHeld(db, stored.id, all.map((m) => m.id));
  return { sender: held.sender, taken };
}

export async function dropHeldMail(db: Db, stored: StoredPublication, heldId: number): Promise<void> {
  if (!(await dropHeld(db, stored.id, [heldId]))) throw new AppError('not-found', `no held mail #${heldId}`);
}

