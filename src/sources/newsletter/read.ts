// A newsletter as candidates: the links of its HTML (its text part when it has none), each with
// the words around it as its preview. Tracking redirects are unwrapped where the target is in the
// address (a url= parameter, or a base64 JSON token as Substack's); unsubscribe, preference,
// "view in browser", social and footer links are left out, and so is a link to the sender's own
// site's front page. The message is read with postal-mime (MIME, encodings, charsets).

import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { textContent } from 'domutils';
import PostalMime from 'postal-mime';
import { escapeText } from '../../html/escape.ts';
import type { Sighting } from '../types.ts';

export interface Newsletter {
  /** The sender's address, lower case. */
  from: string;
  fromName: string;
  subject: string;
  date: string | undefined;
  messageId: string | undefined;
  html: string | undefined;
  text: string | undefined;
}

export async function parseMail(raw: string | Uint8Array): Promise<Newsletter> {
  const m = await PostalMime.parse(raw);
  const from = (m.from?.address ?? '').trim().toLowerCase();
  if (!from) throw new Error('the message has no From address');
  return { from, fromName: m.from?.name ?? '', subject: m.subject ?? '', date: m.date ? new Date(m.date).toISOString() : undefined, messageId: m.messageId, html: m.html, text: m.text };
}

const NOT_CONTENT = /unsubscribe|opt[- ]?out|manage (your )?(subscription|preferences|email)|update (your )?(preferences|profile)|email preferences|view (this )?(email|newsletter|it)? ?(in|on) (your |a |the )?(browser|web)|view online|forward (this|to a friend)|privacy policy|terms of (service|use)|取消订阅|退订|在浏览器中查看|配信停止/i;
const FOOTER = /unsubscribe|you('re| are) receiving|you received this|sent to .+@|mailing address|our address is|©|copyright|all rights reserved|取消订阅|退订|版权所有/i;
const SOCIAL = /^(?:www\.)?(?:twitter\.com|x\.com|facebook\.com|fb\.com|instagram\.com|linkedin\.com\/(?:company|in|share)|t\.me|weibo\.com|discord\.gg|mastodon\.social|bsky\.app\/profile|threads\.net)(?:\/|$)/i;
const TRACKER_PARAMS = ['url', 'u', 'target', 'redirect', 'redirect_url', 'redirect_uri', 'link', 'dest', 'destination', 'to', 'r', 'q'];
const GENERIC = /^(here|link|this|read more|read|more|click here|continue reading|阅读全文|点击这里|更多)$/i;

/** The target a tracking redirect carries, or the address itself. */
export function unwrap(href: string, depth = 0): string {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return href;
  }
  if (depth > 3) return u.href;
  for (const p of TRACKER_PARAMS) {
    const v = u.searchParams.get(p);
    if (v && /^https?:\/\//i.test(v)) return unwrap(v, depth + 1);
  }
  // A token of base64 JSON in the path (Substack's /redirect/2/eyJ…) that names the target.
  for (const seg of u.pathname.split('/')) {
    if (seg.length < 16 || !/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/.test(seg)) continue;
    try {
      const json = JSON.parse(Buffer.from(seg.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      const target = Object.values(json).find((v): v is string => typeof v === 'string' && /^https?:\/\//i.test(v));
      if (target) return unwrap(target, depth + 1);
    } catch {
      // not a token
    }
  }
  // Tracking parameters (utm_…) go where every link's do: the candidate's canonical URL.
  return u.href;
}

/** The words around a link as its preview: where the block opens with the link's own text (a
 * title, then its blurb), the title is not said twice, nor the dash or colon after it; a block
 * that is nothing but the title has no preview. A link inside a sentence keeps the sentence. */
function previewAfter(around: string, title: string): string {
  if (!title || !around.startsWith(title)) return around;
  const rest = around.slice(title.length);
  // "fastparse.io is…" opens with "fastparse" but not with its title.
  if (/^[^\s\-–—:|·.,]|^[.,:][^\s]/.test(rest)) return around;
  return rest.replace(/^\s*[-–—:|·.,]?\s*/, '');
}

const BLOCK = new Set(['p', 'li', 'td', 'div', 'h1', 'h2', 'h3', 'h4', 'blockquote', 'section', 'article', 'tr']);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function blockOf(el: AnyNode): AnyNode {
  let n: AnyNode | null = el.parent;
  while (n && !(n.type === 'tag' && BLOCK.has((n as Element).name))) n = n.parent;
  return n ?? el;
}

/** The newsletter's links as sightings, in their order, each once (the caller decides how many it keeps, and says so). */
export function newsletterSightings(mail: Newsletter): Sighting[] {
  const out: Sighting[] = [];
  const seen = new Set<string>();
  const senderSite = mail.from.split('@')[1] ?? '';
  const add = (href: string, text: string, around: string) => {
    if (!/^https?:\/\//i.test(href)) return;
    const url = unwrap(href);
    let host = '';
    let path = '/';
    try {
      const u = new URL(url);
      host = u.hostname.replace(/^www\./, '');
      path = u.pathname;
    } catch {
      return;
    }
    if (NOT_CONTENT.test(text) || NOT_CONTENT.test(url) || SOCIAL.test(`${host}${path}`) || FOOTER.test(around)) return;
    // The sender's own front page is where the newsletter lives, not a pick.
    if ((host === senderSite || senderSite.endsWith(`.${host}`)) && (path === '/' || path === '')) return;
    if (seen.has(url)) return;
    seen.add(url);
    const named = squash(text);
    const whole = squash(around);
    const titled = named.length > 3 && !GENERIC.test(named);
    const title = titled ? named.slice(0, 300) : whole.slice(0, 120) || url;
    out.push({ url, title, summary: escapeText(previewAfter(whole, titled ? named : '').slice(0, 400)), published: mail.date, points: 0, comments: 0, tags: ['newsletter'] });
  };
  if (mail.html) {
    const doc = parseDocument(mail.html.replace(/<br\b[^>]*>/gi, ' '));
    const walk = (nodes: AnyNode[]) => {
      for (const n of nodes) {
        if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
          const el = n as Element;
          if (el.name === 'script' || el.name === 'style' || el.name === 'head') continue;
          if (el.name === 'a' && el.attribs.href) add(el.attribs.href.trim(), textContent(el), textContent(blockOf(el)));
          walk(el.children);
        }
      }
    };
    walk(doc.children);
  } else if (mail.text) {
    // A text-only newsletter: each address, with its line as the words around it.
    for (const line of mail.text.split(/\r?\n/)) for (const m of line.matchAll(/https?:\/\/[^\s<>()"']+/g)) add(m[0].replace(/[.,;:!?]+$/, ''), line.replace(m[0], ''), line);
  }
  return out;
}
