// Saving while reading: the bookmarklet and the installed app's share target open /save with the
// page's address, title and selected text; the page, on Pressroom's own origin, shows them in a
// form for a note, and its POST (the editor's session, the session's CSRF token in the form, the
// same origin) puts the link in the inbox, signed with the editor's name. Nothing is added by
// just opening the page, so another site cannot add links by sending a reader there.

import type { FastifyInstance } from 'fastify';
import { featuredBefore, saveLink } from '../app/candidates.ts';
import { escapeHtml as esc } from '../html/escape.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';

export interface SaveDeps {
  store: Store;
  publication: () => Promise<StoredPublication>;
  now: () => Date;
}

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,'PingFang SC','Noto Sans CJK SC',sans-serif;max-width:34rem;margin:1.5rem auto;padding:0 1rem}label{display:grid;gap:.2rem;margin:.7rem 0;font-weight:600}input,textarea{font:inherit;font-weight:400;padding:.4rem;border:1px solid #8a8d96;border-radius:6px}button{font:inherit;padding:.45rem 1rem;border-radius:6px;border:1px solid #0b57d0;background:#0b57d0;color:#fff}.muted{color:#666}.warn{background:#fff4d6;color:#6b4e00;border:1px solid #e8c66a;border-radius:6px;padding:.5rem .7rem}</style></head><body>${body}</body></html>`;

/** The page's address from what a share or a bookmarklet gives: the url field, else the first address in the text. */
export function sharedUrl(q: { url?: string; text?: string }): string {
  if (q.url && /^https?:\/\//i.test(q.url.trim())) return q.url.trim();
  return /https?:\/\/[^\s<>"']+/i.exec(q.text ?? '')?.[0] ?? '';
}

/** Said on the form and once saved, as the inbox and the preflight say it: the editor is reading the page now. */
function featuredWarning(before: { number: number; title: string | null } | null): string {
  return before ? `<p class="warn">Already featured in issue #${before.number}${before.title ? ` as “${esc(before.title)}”` : ''}.</p>` : '';
}

export function registerSave(app: FastifyInstance, deps: SaveDeps): void {
  app.get<{ Querystring: { url?: string; title?: string; text?: string } }>('/save', { config: { access: 'public' } }, async (req, reply) => {
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    const url = sharedUrl(req.query);
    if (!req.session) {
      const back = `/save?${new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string')).toString()}`;
      return reply.status(401).send(page('Sign in first', `<h1>Sign in to Pressroom first</h1><p>Saving a link puts it in your inbox, so it needs your editor account. <a href="/editor/">Sign in</a>, then <a href="${esc(back)}">come back to this page</a>.</p>`));
    }
    const text = (req.query.text ?? '').replace(url, '').trim();
    const stored = await deps.publication();
    const before = /^https?:\/\//i.test(url) ? await featuredBefore(deps.store.db, stored.id, url, req.query.title) : null;
    return reply.send(
      page(
        'Save to Pressroom',
        `<h1>Save to the inbox</h1>${featuredWarning(before)}<form method="post" action="/save"><input type="hidden" name="csrf" value="${esc(req.session.csrf)}">` +
          `<label>Link<input name="url" type="url" required value="${esc(url)}"></label>` +
          `<label>Title<input name="title" value="${esc((req.query.title ?? '').slice(0, 300))}"></label>` +
          `<label>Note<textarea name="note" rows="4">${esc(text ? `“${text.slice(0, 1500)}”` : '')}</textarea></label>` +
          `<button type="submit">Save</button> <span class="muted">as ${esc(req.session.user.name || req.session.user.email)}</span></form>`,
      ),
    );
  });

  app.post<{ Body: { csrf?: string; url?: string; title?: string; note?: string } }>('/save', { config: { access: 'public' } }, async (req, reply) => {
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    // Same origin is checked before this runs (a cross-site form is refused); the form's token is the session's.
    if (!req.session) return reply.status(401).send(page('Sign in first', '<h1>Sign in to Pressroom first</h1><p><a href="/editor/">Sign in</a>, then save the link again.</p>'));
    if (!req.body || req.body.csrf !== req.session.csrf) return reply.status(403).send(page('Not saved', '<h1>Not saved</h1><p>The form is stale or did not come from Pressroom. Open the link from the bookmarklet again.</p>'));
    const stored = await deps.publication();
    const url = String(req.body.url ?? '').trim();
    const r = await saveLink(deps.store.db, stored, { url, title: req.body.title, note: req.body.note, by: req.session.user.name || req.session.user.email }, deps.now());
    const before = await featuredBefore(deps.store.db, stored.id, url, req.body.title);
    return reply.send(page('Saved', `<h1>${r.created ? 'Saved to the inbox' : 'In the inbox already'}</h1>${featuredWarning(before)}<p><a href="/editor/#/inbox">Open the inbox</a> · <a href="${esc(url)}">back to the page</a></p>`));
  });
}
