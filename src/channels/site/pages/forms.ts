// The readers' forms: subscribe, member sign-in and out, and the short page a form or a mailed link answers with.

import { type Lang } from '../../../core/model.ts';
import { escapeHtml as esc } from '../../../html/escape.ts';
import { ANONYMOUS, type Page, type Site, type Viewer } from '../site.ts';
import { wordsFor } from '../words.ts';

export function subscribePage(site: Site, lang: Lang, message?: string): Page {
  const w = wordsFor(lang);
  const langs = site.pub.languages
    .map((l) => `<option value="${esc(l)}"${l === lang ? ' selected' : ''}>${esc(site.name(l))} (${esc(l)})</option>`)
    .join('');
  const body = `<h1>${esc(w.subscribe)}</h1>${message ? `<p role="status" class="notice">${esc(message)}</p>` : ''}<p>${esc(w.subscribeLead)}</p>
<form method="post" action="${site.formHref('/subscribe')}" class="stack"><label for="email">${esc(w.email)}</label><input id="email" name="email" type="email" required autocomplete="email"><label for="lang">${esc(w.language)}</label><select id="lang" name="lang">${langs}</select><div class="hp" aria-hidden="true"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div><button type="submit">${esc(w.subscribeButton)}</button></form>
<h2>${esc(w.feeds)}</h2><ul class="inline"><li><a href="${site.href(`${site.prefix(lang)}/feed.xml`)}">RSS</a></li><li><a href="${site.href(`${site.prefix(lang)}/atom.xml`)}">Atom</a></li><li><a href="${site.href(`${site.prefix(lang)}/feed.json`)}">JSON Feed</a></li></ul>`;
  return { title: `${w.subscribe} · ${site.name(lang)}`, path: `${site.prefix(lang)}/subscribe/`, body, lang, alternates: site.everyLang((l) => `${site.prefix(l)}/subscribe/`) };
}

export function membersPage(site: Site, lang: Lang, viewer: Viewer = ANONYMOUS, message?: string): Page {
  const w = wordsFor(lang);
  const body = viewer.member
    ? `<h1>${esc(w.members)}</h1><p role="status" class="notice">${esc(w.signedIn)} (${esc(viewer.memberEmail ?? '')})</p><form method="post" action="${site.formHref('/members/logout')}"><input type="hidden" name="csrf" value="${esc(viewer.csrf ?? '')}"><button type="submit">${esc(w.signOut)}</button></form><form method="post" action="${site.formHref('/members/logout')}"><input type="hidden" name="csrf" value="${esc(viewer.csrf ?? '')}"><input type="hidden" name="everywhere" value="1"><button type="submit">${esc(w.signOutEverywhere)}</button></form>`
    : `<h1>${esc(w.members)}</h1>${message ? `<p role="status" class="notice">${esc(message)}</p>` : ''}<p>${esc(w.membersLead)}</p><form method="post" action="${site.formHref('/members/login')}" class="stack"><input type="hidden" name="lang" value="${esc(lang)}"><label for="member-email">${esc(w.email)}</label><input id="member-email" name="email" type="email" required autocomplete="email"><button type="submit">${esc(w.membersButton)}</button></form>`;
  return { title: `${w.members} · ${site.name(lang)}`, path: `${site.prefix(lang)}/members/`, body, lang, noindex: true };
}

/** A short page for the outcome of a form or a link from a mail. */
export function messagePage(site: Site, lang: Lang, title: string, text: string, form?: { action: string; fields: Record<string, string>; button: string }): Page {
  const f = form
    ? `<form method="post" action="${site.formHref(form.action)}">${Object.entries(form.fields)
        .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
        .join('')}<button type="submit">${esc(form.button)}</button></form>`
    : '';
  return { title: `${title} · ${site.name(lang)}`, path: `${site.prefix(lang)}/`, body: `<h1>${esc(title)}</h1><p role="status">${esc(text)}</p>${f}<p><a href="${site.href(`${site.prefix(lang)}/`)}">${esc(site.name(lang))}</a></p>`, lang, noindex: true };
}
