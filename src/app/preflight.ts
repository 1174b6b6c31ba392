// What the editor is told before an issue goes out: per language and channel, what stops the
// publish (no title, no items, an item without a title) and what needs a click (a language left
// out or half translated, an empty section, a link featured before or to a placeholder address,
// a channel not set up or sent already, a Telegram post cut to fit, a placeholder address for
// the site or the teaser's links). What stops the app's publish stops the CLI's and a scheduled
// one too (publishProblems in publish.ts).

import { sectionItems, staleTranslations, type Issue, type Lang, type Publication } from '../core/model.ts';
import type { ChannelDeps } from '../channels/channel.ts';
import { CHANNEL_LIST } from '../channels/registry.ts';
import { hasLang } from '../channels/site/content.ts';
import { renderTelegram } from '../channels/telegram/format.ts';
import { featuredIssue } from '../rank/identity.ts';
import { loadIssue } from '../store/issues.ts';
import { wentOut } from '../store/publish-log.ts';
import type { Db } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { featuredUrls } from './candidates.ts';
import { AppError } from './errors.ts';

export interface Finding {
  /** block: the publish cannot go; warn: it can, once the editor has seen this. */
  level: 'block' | 'warn';
  what: string;
  lang?: Lang | undefined;
  channel?: string | undefined;
  itemId?: number | undefined;
}

export interface ChannelState {
  name: string;
  /** Why it would be skipped, when it is not set up. */
  unconfigured?: string | undefined;
  /** It is sent once per issue and has been. */
  sentAlready: boolean;
}

export interface Preflight {
  number: number;
  findings: Finding[];
  channels: ChannelState[];
  /** Whether anything stops the publish. */
  blocked: boolean;
}

/** Addresses that stand for a real one: the demo's, documentation's, this machine's. */
export function isPlaceholder(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return /(^|\.)example\.(com|org|net)$/.test(host) || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}

export function checkIssue(issue: Issue, pub: Publication, opts: { siteUrl?: string | undefined; featured?: Map<string, number> } = {}): Finding[] {
  const out: Finding[] = [];
  const primary = pub.primaryLang;
  const block = (what: string, more: Partial<Finding> = {}) => out.push({ level: 'block', what, ...more });
  const warn = (what: string, more: Partial<Finding> = {}) => out.push({ level: 'warn', what, ...more });
  const title = issue.editions.find((e) => e.lang === primary && e.edition === 'full')?.title ?? issue.editions.find((e) => e.lang === primary)?.title;
  if (!title?.trim()) block(`the issue has no ${primary} title`, { lang: primary });
  if (!issue.items.length) block('the issue has no items');
  const name = (i: Issue['items'][number]) => i.texts[primary]?.title || i.url || `item ${i.id}`;
  const placeholders: string[] = [];
  for (const item of issue.items) {
    if (!item.texts[primary]?.title?.trim()) block(`an item has no ${primary} title (${item.url ?? `item ${item.id}`}): it would be published as a bare number`, { lang: primary, itemId: item.id });
    if ((item.url && isPlaceholder(item.url)) || (item.image && /^https?:/.test(item.image) && isPlaceholder(item.image))) placeholders.push(`"${name(item)}"`);
    if (item.url && opts.featured) {
      const n = featuredIssue(opts.featured, item.url, item.texts[primary]?.title);
      if (n !== null && n !== issue.number) warn(`"${name(item)}" was featured in #${n}`, { itemId: item.id });
    }
  }
  // One line for them all: an issue made from a template can have a placeholder in every item.
  if (placeholders.length) warn(`${placeholders.length === 1 ? `${placeholders[0]} links to` : `${placeholders.length} items link to`} a placeholder address (example.com, localhost…)${placeholders.length > 1 ? `: ${placeholders.slice(0, 3).join(', ')}${placeholders.length > 3 ? ', …' : ''}` : ''}`);
  for (const s of pub.sections.filter((s) => s.kind === 'items')) {
    if (issue.items.length && sectionItems(issue, s.key).length === 0) warn(`the section "${s.titles[primary] ?? s.key}" is empty and is left out`, { lang: primary });
  }
  for (const lang of pub.languages.filter((l) => l !== primary)) {
    if (!hasLang(issue, lang)) {
      warn(`no item has a title in ${lang}: the issue is not published in ${lang}, and ${lang} readers get the ${primary} edition`, { lang });
      continue;
    }
    const missing = issue.items.filter((i) => !i.texts[lang]?.title);
    if (missing.length) warn(`${missing.length} of ${issue.items.length} items have no ${lang} title and are left out of the ${lang} edition`, { lang });
    for (const item of issue.items) if (staleTranslations(item, primary).includes(lang)) warn(`the ${lang} text of "${name(item)}" was written from an earlier ${primary} text: the ${primary} text changed since`, { lang, itemId: item.id });
    if (!issue.editions.find((e) => e.lang === lang)?.title) warn(`the ${lang} edition has no title`, { lang });
  }
  const fullText = pub.style.fullTextUrl;
  if (fullText && isPlaceholder(fullText)) warn(`the teaser's and Telegram's "full text" link is a placeholder (${fullText}): set the publication's full-text address`, { channel: 'telegram' });
  if (opts.siteUrl && isPlaceholder(opts.siteUrl)) warn(`the site address is ${opts.siteUrl}: links in mail, feeds and Telegram will point there (set publishing.siteUrl or PRESSROOM_SITE_URL)`);
  const tg = pub.publishing?.telegram;
  if (tg?.chatId && issue.items.length) {
    const m = renderTelegram(issue, pub, tg.lang ?? primary);
    if (m.truncated) warn('the Telegram post is longer than Telegram allows: it is cut, with a link to the full text', { channel: 'telegram' });
  }
  return out;
}

/** The preflight of an issue, with the settings publishing would use; every channel's state with it. */
export async function preflight(db: Db, stored: StoredPublication, number: number, deps: ChannelDeps): Promise<Preflight> {
  const issue = await loadIssue(db, stored.id, number);
  if (!issue) throw new AppError('not-found', `no issue #${number}`);
  const pub = { ...stored.pub, publishing: deps.publishing };
  const findings = checkIssue(issue, pub, { siteUrl: deps.siteUrl, featured: await featuredUrls(db, stored.id) });
  const states: ChannelState[] = [];
  for (const c of CHANNEL_LIST) {
    const unconfigured = c.unconfigured(deps);
    const sentAlready = !c.idempotent && (await wentOut(db, stored.id, number, c.name));
    // A channel not set up, or sent once already, is said with the channel (the editor's picker
    // shows it), not as a finding: it is how this Pressroom is set up, not a fault of the issue.
    states.push({ name: c.name, unconfigured, sentAlready });
  }
  return { number, findings, channels: states, blocked: findings.some((f) => f.level === 'block') };
}
