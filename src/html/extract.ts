// The readable article inside a web page: Mozilla Readability on a linkedom document, plus
// the metadata pages declare (OpenGraph, article:*, <html lang>). Pure: HTML in, article out.

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseDate } from '../sources/feed/date.ts';
import { decodeHTML } from 'entities';
import { checkDepth } from './depth.ts';
import { sanitize } from './sanitize.ts';
import { countWords } from '../text/word-count.ts';

export interface Article {
  title: string;
  /** Plain text of the article body. */
  text: string;
  /** Sanitised HTML of the article body. */
  html: string;
  excerpt: string;
  image?: string | undefined;
  author?: string | undefined;
  published?: string | undefined;
  lang?: string | undefined;
  /** Minutes: 230 words a minute in Latin scripts, 400 characters a minute in CJK. */
  readingMinutes: number;
  words: number;
}

export function extractArticle(html: string, url: string): Article | null {
  checkDepth(html, { html: true });
  const { document } = parseHTML(html);
  const meta = (sel: string) => document.querySelector(sel)?.getAttribute('content')?.trim() || undefined;
  const abs = (u: string | undefined) => {
    if (!u) return undefined;
    try {
      return new URL(u, url).toString();
    } catch {
      return undefined;
    }
  };
  const image = abs(meta('meta[property="og:image"]') ?? meta('meta[name="twitter:image"]') ?? meta('meta[property="og:image:url"]'));
  const published = parseDate(meta('meta[property="article:published_time"]') ?? meta('meta[name="date"]') ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined);
  const lang = (document.documentElement?.getAttribute('lang') ?? meta('meta[property="og:locale"]') ?? '').slice(0, 2).toLowerCase() || undefined;
  const metaAuthor = meta('meta[name="author"]') ?? meta('meta[property="article:author"]');
  const ogTitle = meta('meta[property="og:title"]');

  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  if (!parsed?.content) return null;
  const body = sanitize(parsed.content, url);
  const text = htmlToText(body);
  // Less than a paragraph is a page with nothing to read (a link list, an error page).
  if (text.length < 140) return null;
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  const words = countWords(text, lang ?? 'en');
  const latin = Math.max(0, words - cjk);
  const readingMinutes = Math.max(1, Math.round(latin / 230 + cjk / 400));
  const detectedLang = lang ?? (cjk > text.length / 10 ? (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) ? 'ja' : 'zh') : undefined);
  return {
    title: (parsed.title || ogTitle || '').trim(),
    text,
    html: body,
    excerpt: (parsed.excerpt || meta('meta[property="og:description"]') || text.slice(0, 280)).trim(),
    image,
    author: (parsed.byline || metaAuthor)?.trim() || undefined,
    published,
    lang: detectedLang,
    readingMinutes,
    words,
  };
}

const BLOCK = /<\/?(p|div|h[1-6]|li|ul|ol|pre|blockquote|table|tr|td|th|figure|figcaption|section|article|header|footer|br|hr|dd|dt|dl)\b[^>]*>/gi;

/** Sanitised HTML to plain text: blocks become lines, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return decodeHTML(html.replace(BLOCK, '\n').replace(/<[^>]+>/g, ''))
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
