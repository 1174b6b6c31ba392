// What subscribers receive: an issue as a responsive HTML mail with a plain-text part, and the
// short mails around a subscription (confirm, welcome, member sign-in link).

import { editionBody, editionHtml } from '../site/content.ts';
import type { Site } from '../site/site.ts';
import { escapeHtml as esc } from '../../html/escape.ts';
import { langTag, wordsFor } from '../site/words.ts';
import type { Edition, Issue, Lang } from '../../core/model.ts';
import { fill } from '../../core/template.ts';
import { LINK } from './mime.ts';
import { decodeHTMLAttribute } from 'entities';
import { signToken } from './tokens.ts';

/** A link in mail that counts its clicks: the site's /r/ with the issue and the target signed, so no
 * other target can be put in it. It names no reader. */
export function clickLink(site: Site, secret: string, issue: number, url: string): string {
  return site.abs(`/r/${signToken(secret, 'click', `${issue} ${url}`)}`);
}

export interface MailText {
  subject: string;
  text: string;
  html: string;
}

function shell(lang: Lang, title: string, body: string, footer: string): string {
  return `<!doctype html><html lang="${esc(langTag(lang))}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${esc(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4">
<div role="article" aria-roledescription="email" lang="${esc(langTag(lang))}" style="max-width:640px;margin:0 auto;padding:16px;background:#ffffff;color:#1b1b1b;font:16px/1.7 -apple-system,'Segoe UI','PingFang SC','Noto Sans CJK SC',sans-serif">
${body}
<hr style="border:0;border-top:1px solid #dddddd;margin:24px 0">
<div style="color:#555555;font-size:13px">${footer}</div>
</div>
</body></html>`;
}

/** An issue's mail with LINK where each reader's unsubscribe link goes; with `clickSecret`, its
 * links count their clicks (clickLink) and the footer says so. */
export function issueMail(site: Site, issue: Issue, lang: Lang, edition: Edition, opts: { clickSecret?: string | undefined } = {}): MailText {
  const w = wordsFor(lang);
  const title = site.title(issue, lang);
  const web = site.abs(site.issuePath(issue.number, lang));
  const name = site.name(lang);
  let content = editionHtml(issue, site.pub, lang, edition).replace(/<img /g, '<img style="max-width:100%;height:auto" ');
  const secret = opts.clickSecret;
  if (secret) content = content.replace(/href="(https?:\/\/[^"]+)"/g, (_m, u: string) => `href="${esc(clickLink(site, secret, issue.number, decodeHTMLAttribute(u)))}"`);
  const html = shell(
    lang,
    title,
    `<p style="font-size:13px;margin:0"><a href="${esc(web)}" style="color:#0645ad">${esc(w.web)}</a></p><h1 style="font-size:22px;line-height:1.35">${esc(title)}</h1>${content}`,
    `${esc(fill(w.mailWhy, { name }))} <a href="${LINK}" style="color:#0645ad">${esc(w.unsubscribeButton)}</a>${secret ? `<br>${esc(w.clicksCounted)}` : ''}`,
  );
  const text = `${title}\n\n${w.web}: ${web}\n\n${editionBody(issue, site.pub, lang, edition)}\n--\n${fill(w.mailWhy, { name })}\n${w.unsubscribeButton}: ${LINK}\n${secret ? `${w.clicksCounted}\n` : ''}`;
  return { subject: title, text, html };
}

function linkMail(site: Site, lang: Lang, subject: string, lead: string, url: string, after = ''): MailText {
  const name = site.name(lang);
  return {
    subject,
    text: `${lead}\n\n${url}\n\n${after ? `${after}\n\n` : ''}-- \n${name}\n`,
    html: shell(lang, subject, `<p>${esc(lead)}</p><p><a href="${esc(url)}" style="color:#0645ad;word-break:break-all">${esc(url)}</a></p>${after ? `<p>${esc(after)}</p>` : ''}`, esc(name)),
  };
}

export function confirmMail(site: Site, lang: Lang, url: string): MailText {
  const w = wordsFor(lang);
  const name = site.name(lang);
  return linkMail(site, lang, fill(w.confirmSubject, { name }), fill(w.confirmText, { name }), url, w.confirmIgnore);
}

export function welcomeMail(site: Site, lang: Lang): MailText {
  const w = wordsFor(lang);
  const name = site.name(lang);
  return linkMail(site, lang, fill(w.welcomeSubject, { name }), fill(w.welcomeText, { name }), site.abs(`${site.prefix(lang)}/archive/`));
}

export function memberLinkMail(site: Site, lang: Lang, url: string): MailText {
  const w = wordsFor(lang);
  const name = site.name(lang);
  return linkMail(site, lang, fill(w.memberSubject, { name }), fill(w.memberText, { name }), url);
}
