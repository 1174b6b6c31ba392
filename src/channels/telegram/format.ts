// The Telegram message of an issue: the teaser's shape, within Telegram's length limit.

import { issueTitle, type Issue, type Lang, type Publication } from '../../core/model.ts';
import { fill } from '../../core/template.ts';
import { defaultLayout } from '../../markdown/default-layout.ts';
import { renderLayout } from '../../markdown/render.ts';

/** Telegram's limit for one message's text, in characters. */
export const TELEGRAM_LIMIT = 4096;

export interface TelegramMessage {
  text: string;
  /** Items had to be left out to fit the limit. */
  truncated: boolean;
}

export function renderTelegram(issue: Issue, pub: Publication, lang: Lang, limit = TELEGRAM_LIMIT): TelegramMessage {
  const style = pub.style.langs[lang];
  const layout = defaultLayout(issue, pub, lang, 'teaser');
  layout.header = { kind: 'h1', text: style?.titleTemplate ?? '{title}' };
  layout.end = '';
  const full = renderLayout(layout, issue, pub, lang, 'teaser').replace(/^# (.*)/, '**$1**');
  if (full.length <= limit) return { text: full, truncated: false };
  const url = pub.style.fullTextUrl ?? '';
  const footer = `\n\n…\n\n${fill(style?.subscribe ?? '{url}', { number: issue.number, url })}`;
  let cut = full.slice(0, limit - footer.length);
  cut = cut.slice(0, Math.max(cut.lastIndexOf('\n\n'), 0)) || issueTitle(issue, lang);
  return { text: cut + footer, truncated: true };
}
