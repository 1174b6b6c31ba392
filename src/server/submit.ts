// The public page where readers suggest a link. Plain HTML that works without JavaScript.
// Spam is kept out by a signed form token that must be some seconds old and under a day, a field
// people do not see (bots fill it), and a per-address limit. Submissions land in the inbox.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { submitLink } from '../app/candidates.ts';
import { RateLimiter } from './http.ts';
import { escapeHtml } from '../html/escape.ts';
import { fill } from '../core/template.ts';

export interface SubmitDeps {
  store: Store;
  publication: () => Promise<StoredPublication>;
  secret: string;
  now: () => Date;
  /** A form sent sooner than this after it was shown is taken for a bot. */
  minFillMs?: number;
  limit?: { max: number; windowMs: number };
}

const esc = escapeHtml;

/** The page's words, in the publication's first language (English for one these do not cover). */
const WORDS = {
  en: {
    heading: 'Suggest a link to {name}',
    lead: 'Found something the readers of {name} should see? Send it to the editors.',
    link: 'Link',
    title: 'Title (optional)',
    why: 'Why it is worth reading (optional)',
    hidden: 'Leave this empty',
    send: 'Send',
    expired: 'This form has expired. Please send it again.',
    automated: 'This looked automated, so it was not sent. Please try again.',
    tooMany: 'Thank you — that is enough links for now. Please try again in {minutes} minutes.',
    badLink: 'Please give a web link starting with http:// or https://.',
    tooLong: 'The title or the note is too long.',
    thanks: 'Thank you! The editors will read it.',
  },
  zh: {
    heading: '向{name}推荐一个链接',
    lead: '发现了值得{name}读者一看的内容？发给编辑吧。',
    link: '链接',
    title: '标题（可不填）',
    why: '推荐理由（可不填）',
    hidden: '此项请留空',
    send: '发送',
    expired: '表单已过期，请重新提交。',
    automated: '这看起来像是自动提交，没有发送。请再试一次。',
    tooMany: '谢谢！暂时已经够多了，请 {minutes} 分钟后再试。',
    badLink: '请填写以 http:// 或 https:// 开头的网页链接。',
    tooLong: '标题或推荐理由太长了。',
    thanks: '谢谢！编辑会认真阅读。',
  },
  ja: {
    heading: '{name}にリンクを推薦する',
    lead: '{name}の読者に読んでほしいものを見つけましたか？編集部に送ってください。',
    link: 'リンク',
    title: 'タイトル（任意）',
    why: 'おすすめの理由（任意）',
    hidden: 'ここは空のままにしてください',
    send: '送信',
    expired: 'フォームの有効期限が切れました。もう一度送信してください。',
    automated: '自動送信のように見えたため、送信しませんでした。もう一度お試しください。',
    tooMany: 'ありがとうございます。しばらく十分です。{minutes} 分後にもう一度お試しください。',
    badLink: 'http:// か https:// で始まるリンクを入力してください。',
    tooLong: 'タイトルか理由が長すぎます。',
    thanks: 'ありがとうございます！編集部が読みます。',
  },
} satisfies Record<string, Record<string, string>>;
type SubmitWords = (typeof WORDS)['en'];
const wordsOf = (lang: string): SubmitWords => (WORDS as Record<string, SubmitWords>)[lang] ?? (WORDS as Record<string, SubmitWords>)[lang.split('-')[0]!] ?? WORDS.en;

function page(title: string, body: string, lang = 'en'): string {
  return `<!doctype html>
<html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}label{display:block;margin:.8rem 0 .2rem;font-weight:600}input,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #767676;border-radius:4px}button{margin-top:1rem;font:inherit;padding:.5rem 1.2rem;background:#0b57d0;color:#fff;border:0;border-radius:4px}.hp{position:absolute;left:-10000px}.error{color:#a50e0e}.ok{color:#146c2e}</style>
</head><body><main>${body}</main></body></html>`;
}

export function registerSubmit(app: FastifyInstance, deps: SubmitDeps): void {
  const minFill = deps.minFillMs ?? 3000;
  const limit = deps.limit ?? { max: 5, windowMs: 60 * 60_000 };
  const limiter = new RateLimiter(limit.max, limit.windowMs, () => deps.now().getTime());
  const sign = (ts: string) => createHmac('sha256', deps.secret).update(`submit:${ts}`).digest('base64url');
  const token = () => {
    const ts = String(deps.now().getTime());
    return `${ts}.${sign(ts)}`;
  };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const form = async (values: Record<string, string> = {}, message = '') => {
    const { pub } = await deps.publication();
    const lang = pub.primaryLang;
    const w = wordsOf(lang);
    const name = pub.name[lang] ?? pub.slug;
    return page(
      fill(w.heading, { name }),
      `<h1>${esc(fill(w.heading, { name }))}</h1>
<p>${esc(fill(w.lead, { name }))}</p>
${message}
<form method="post" action="/submit">
<input type="hidden" name="token" value="${esc(token())}">
<label for="url">${esc(w.link)}</label><input id="url" name="url" type="url" required maxlength="2000" placeholder="https://" value="${esc(values.url ?? '')}">
<label for="title">${esc(w.title)}</label><input id="title" name="title" maxlength="300" value="${esc(values.title ?? '')}">
<label for="note">${esc(w.why)}</label><textarea id="note" name="note" rows="4" maxlength="2000">${esc(values.note ?? '')}</textarea>
<div class="hp" aria-hidden="true"><label for="website">${esc(w.hidden)}</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${esc(w.send)}</button>
</form>`,
      lang,
    );
  };

  /** An answer in the page's language: `say` picks the words. */
  const answer = async (req: FastifyRequest, reply: FastifyReply, status: number, say: (w: SubmitWords) => string, values?: Record<string, string>) => {
    const message = say(wordsOf((await deps.publication()).pub.primaryLang));
    if ((req.headers.accept ?? '').includes('application/json')) return reply.status(status).send(status < 300 ? { ok: true, message } : { error: message });
    const cls = status < 300 ? 'ok' : 'error';
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(await form(status < 300 ? {} : values, `<p class="${cls}" role="${status < 300 ? 'status' : 'alert'}">${esc(message)}</p>`));
  };

  app.get('/submit', { config: { access: 'public' } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(await form()));

  app.post<{ Body: Record<string, string> }>('/submit', { config: { access: 'public' } }, async (req, reply) => {
    const body = req.body && typeof req.body === 'object' ? req.body : {};
    const values = { url: String(body.url ?? ''), title: String(body.title ?? ''), note: String(body.note ?? '') };
    const [ts = '', sig = ''] = String(body.token ?? '').split('.');
    const expected = sign(ts);
    const age = deps.now().getTime() - Number(ts);
    if (!ts || sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected)) || !(age <= 86_400_000)) {
      return answer(req, reply, 400, (w) => w.expired, values);
    }
    if (body.website || age < minFill) return answer(req, reply, 400, (w) => w.automated, values);
    const wait = limiter.hit(req.ip);
    if (wait) {
      void reply.header('retry-after', String(wait));
      return answer(req, reply, 429, (w) => fill(w.tooMany, { minutes: Math.ceil(wait / 60) }), values);
    }
    let url: string;
    try {
      const u = new URL(values.url.trim());
      if (u.protocol !== 'http:' && u.protocol !== 'https:' || !u.hostname.includes('.')) throw new Error('not a web link');
      url = u.toString();
    } catch {
      return answer(req, reply, 400, (w) => w.badLink, values);
    }
    if (values.title.length > 300 || values.note.length > 2000) return answer(req, reply, 400, (w) => w.tooLong, values);
    await submitLink(deps.store.db, await deps.publication(), { url, title: values.title, note: values.note }, deps.now());
    return answer(req, reply, 201, (w) => w.thanks);
  });
}
