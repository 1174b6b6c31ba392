// Campaign messages, assembled fast: an issue's mail is the same for thousands of readers but for
// the address and the unsubscribe link. The parts are encoded once per language and edition,
// in base64 segments whose lengths are multiples of three bytes, so a reader's link is encoded
// on its own and spliced between them (a message composed whole by nodemailer took 2.4 ms; this,
// a few microseconds). Transactional mail (confirm, welcome, sign-in) uses nodemailer's composer.

import { randomBytes } from 'node:crypto';
import mimeFuncs from 'nodemailer/lib/mime-funcs/index.js';

/** A slot in a template where each recipient's link goes. */
export const LINK = '\u0000LINK\u0000';

interface Part {
  type: 'text/plain' | 'text/html';
  /** base64 lines of each piece between links; the link is padded with spaces to a multiple of 3 bytes. */
  pieces: string[];
}

export interface CampaignTemplate {
  from: string;
  subject: string;
  parts: Part[];
  listId: string;
}

function wrap(b64: string): string {
  return b64.replace(/.{1,76}/g, '$&\r\n');
}

/** Splits content at LINK; each piece but the last is padded to a multiple of 3 bytes with spaces where a link follows. */
function encodePart(type: Part['type'], content: string): Part {
  const raw = content.replace(/\r?\n/g, '\r\n').split(LINK);
  const pieces = raw.map((piece, i) => {
    let b = Buffer.from(piece, 'utf8');
    if (i < raw.length - 1 && b.length % 3) b = Buffer.concat([b, Buffer.from(' '.repeat(3 - (b.length % 3)))]);
    return wrap(b.toString('base64'));
  });
  return { type, pieces };
}

export function campaignTemplate(t: { from: string; subject: string; text: string; html: string; listId: string }): CampaignTemplate {
  return { from: t.from, subject: mimeFuncs.encodeWords(t.subject, 'B', 52), listId: t.listId, parts: [encodePart('text/plain', t.text), encodePart('text/html', t.html)] };
}

function encodeLink(link: string, last: boolean): string {
  let b = Buffer.from(link, 'utf8');
  if (!last && b.length % 3) b = Buffer.concat([b, Buffer.from(' '.repeat(3 - (b.length % 3)))]);
  return wrap(b.toString('base64'));
}

/** The whole message for one recipient, CRLF line ends, ready for DATA. */
export function campaignMessage(t: CampaignTemplate, r: { to: string; messageId: string; unsubscribeUrl: string; unsubscribeMailto?: string | undefined; date: Date }): string {
  const boundary = `=_pressroom_${randomBytes(8).toString('hex')}`;
  const link = encodeLink(r.unsubscribeUrl, false);
  const head = [
    `From: ${t.from}`,
    `To: ${r.to}`,
    `Subject: ${t.subject}`,
    `Date: ${r.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${r.messageId}>`,
    'MIME-Version: 1.0',
    `List-Id: ${t.listId}`,
    `List-Unsubscribe: <${r.unsubscribeUrl}>${r.unsubscribeMailto ? `, <${r.unsubscribeMailto}>` : ''}`,
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ].join('\r\n');
  let out = `${head}\r\n\r\n`;
  for (const p of t.parts) {
    out += `--${boundary}\r\nContent-Type: ${p.type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n`;
    out += p.pieces.join(link);
  }
  return `${out}--${boundary}--\r\n`;
}
