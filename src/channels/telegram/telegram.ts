// Posting an issue to a Telegram channel through the Bot API: the cover image with the title as
// its caption, then the text in HTML parse mode, split at paragraph ends to stay under the
// message limit, retrying when the API answers 429 with parameters.retry_after.

import { issueTitle, type Issue, type Lang, type Publication } from '../../core/model.ts';
import { safeLink } from '../../core/links.ts';
import { Fetcher } from '../../http/client.ts';
import { renderTelegram, TELEGRAM_LIMIT } from './format.ts';
import { escapeHtml } from '../../html/escape.ts';

export const CAPTION_LIMIT = 1024;

export interface TelegramOptions {
  token: string;
  /** Default https://api.telegram.org; tests point it at a local server. */
  baseUrl?: string | undefined;
  /** How retries wait (tests pass one that does not). */
  sleep?: (ms: number) => Promise<void>;
  maxRetries?: number;
  /** The one HTTP client; default one that trusts only the Bot API's host. */
  fetcher?: Fetcher | undefined;
}

export class TelegramError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    description: string,
  ) {
    super(`telegram: ${method} failed (${code}): ${description}`);
  }
}

export class TelegramClient {
  private base: string;
  private fetcher: Fetcher;
  constructor(private opts: TelegramOptions) {
    this.base = (opts.baseUrl ?? 'https://api.telegram.org').replace(/\/+$/, '');
    // The Bot API's host is the operator's setting; anything else it might point to keeps the guard.
    this.fetcher = opts.fetcher ?? new Fetcher({ trustedHosts: [new URL(this.base).host], retries: 0 });
  }

  /** Closes the client's connections, when the client made its own. */
  async close(): Promise<void> {
    if (!this.opts.fetcher) await this.fetcher.close();
  }

  async call<T>(method: string, body: Record<string, unknown>): Promise<T> {
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      const url = `${this.base}/bot${this.opts.token}/${method}`;
      // The token is in the URL: never put the URL in a message.
      const hide = (m: string) => m.replaceAll(url, `${this.base}/bot…/${method}`).replaceAll(this.opts.token, '…');
      let status = 0;
      let data: { ok: boolean; result?: T; description?: string; error_code?: number; parameters?: { retry_after?: number } };
      try {
        const res = await this.fetcher.post(url, JSON.stringify(body), { 'content-type': 'application/json' }, { timeoutMs: 30_000 });
        status = res.status;
        const text = await this.fetcher.text(res);
        try {
          data = JSON.parse(text);
        } catch {
          data = { ok: false, description: `HTTP ${status} with a body that is not JSON` };
        }
      } catch (e) {
        throw new TelegramError(method, 0, `cannot reach ${new URL(this.base).host}: ${hide((e as Error).message)}`);
      }
      if (data.ok) return data.result as T;
      const code = data.error_code ?? status;
      if (code === 429 && attempt < (this.opts.maxRetries ?? 5)) {
        await sleep(Math.min(Math.max(data.parameters?.retry_after ?? 1, 1), 300) * 1000);
        continue;
      }
      throw new TelegramError(method, code, hide(data.description ?? `HTTP ${status}`));
    }
  }
}

/** The house Markdown of a Telegram message as Telegram's HTML: bold, links, code; everything else escaped. */
export function telegramHtml(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      const text = heading ? `**${heading[1]}**` : line;
      let out = '';
      const re = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)|`([^`]+)`/g;
      let at = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        out += escapeHtml(text.slice(at, m.index));
        if (m[1] !== undefined) out += `<b>${telegramHtml(m[1])}</b>`;
        else if (m[2] !== undefined) out += /^https?:\/\//.test(m[3]!) ? `<a href="${escapeHtml(m[3]!)}">${escapeHtml(m[2])}</a>` : escapeHtml(m[2]);
        else out += `<code>${escapeHtml(m[4]!)}</code>`;
        at = m.index + m[0].length;
      }
      return out + escapeHtml(text.slice(at));
    })
    .join('\n');
}

/** Messages of at most `limit` characters, cut between paragraphs (a paragraph longer than that, between lines). */
export function splitMessage(html: string, limit = TELEGRAM_LIMIT): string[] {
  const out: string[] = [];
  let cur = '';
  const pieces = html.split(/\n\n/).flatMap((p) => (p.length <= limit ? [p] : p.split('\n')));
  for (const p of pieces) {
    const piece = p.length <= limit ? p : p.slice(0, limit - 1) + '…';
    if (cur && cur.length + 2 + piece.length > limit) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n\n${piece}` : piece;
  }
  if (cur) out.push(cur);
  return out;
}

export interface TelegramPost {
  messages: number;
  photo: boolean;
  ids: number[];
}

export async function postIssue(client: TelegramClient, chatId: string, issue: Issue, pub: Publication, lang: Lang): Promise<TelegramPost> {
  const text = telegramHtml(renderTelegram(issue, pub, lang, Number.MAX_SAFE_INTEGER).text);
  const cover = issue.items.map((i) => safeLink(i.image, 'image')).find(Boolean);
  const ids: number[] = [];
  if (cover && /^https?:\/\//.test(cover)) {
    const title = issueTitle(issue, lang) || issueTitle(issue, pub.primaryLang);
    const caption = escapeHtml(title.length > CAPTION_LIMIT ? title.slice(0, CAPTION_LIMIT - 1) + '…' : title);
    const r = await client.call<{ message_id: number }>('sendPhoto', { chat_id: chatId, photo: cover, caption, parse_mode: 'HTML' });
    ids.push(r.message_id);
  }
  for (const chunk of splitMessage(text)) {
    const r = await client.call<{ message_id: number }>('sendMessage', { chat_id: chatId, text: chunk, parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    ids.push(r.message_id);
  }
  return { messages: ids.length, photo: ids.length > 0 && !!cover, ids };
}
