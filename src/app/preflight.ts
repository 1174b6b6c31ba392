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
import { fill } from '../core/template.ts';
import { AppError } from './errors.ts';
import { checkIssueLinks } from './links.ts';
import type { Fetcher } from '../http/client.ts';

export interface Finding {
  /** block: the publish cannot go; warn: it can, once the editor has seen this. */
  level: 'block' | 'warn';
  /** What it is, in English. */
  what: string;
  /** The same as a phrase with {placeholders} and their values, for the app to say in the
   * editor's language. */
  phrase: string;
  vars: Record<string, string | number>;
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
  /** Whether the links were fetched (dead links are among the findings). */
  linksChecked: boolean;
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
  const say = (level: Finding['level'], phrase: string, vars: Finding['vars'], more: Partial<Finding>) => out.push({ level, what: fill(phrase, vars), phrase, vars, ...more });
  const block = (phrase: string, vars: Finding['vars'] = {}, more: Partial<Finding> = {}) => say('block', phrase, vars, more);
  const warn = (phrase: string, vars: Finding['vars'] = {}, more: Partial<Finding> = {}) => say('warn', phrase, vars, more);
  const title = issue.editions.find((e) => e.lang === primary && e.edition === 'full')?.title ?? issue.editions.find((e) => e.lang === primary)?.title;
  if (!title?.trim()) block('the issue has no {lang} title', { lang: primary }, { lang: primary });
  if (!issue.items.length) block('the issue has no items');
  const name = (i: Issue['items'][number]) => i.texts[primary]?.title || i.url || `item ${i.id}`;
  const placeholders: string[] = [];
  for (const item of issue.items) {
    if (!item.texts[primary]?.title?.trim()) block('an item has no {lang} title ({item}): it would be published as a bare number', { lang: primary, item: item.url ?? `item ${item.id}` }, { lang: primary, itemId: item.id });
    if ((item.url && isPlaceholder(item.url)) || (item.image && /^https?:/.test(item.image) && isPlaceholder(item.image))) placeholders.push(`"${name(item)}"`);
    if (item.url && opts.featured) {
      const n = featuredIssue(opts.featured, item.url, item.texts[primary]?.title);
      if (n !== null && n !== issue.number) warn('"{item}" was featured in #{n}', { item: name(item), n }, { itemId: item.id });
    }
  }
  // One line for them all: an issue made from a template can have a placeholder in every item.
  if (placeholders.length === 1) warn('{item} links to a placeholder address (example.com, localhost…)', { item: placeholders[0]! });
  else if (placeholders.length) warn('{n} items link to a placeholder address (example.com, localhost…): {items}', { n: placeholders.length, items: placeholders.slice(0, 3).join(', ') + (placeholders.length > 3 ? ', …' : '') });
  for (const s of pub.sections.filter((s) => s.kind === 'items')) {
    if (issue.items.length && sectionItems(issue, s.key).length === 0) warn('the section "{section}" is empty and is left out', { section: s.titles[primary] ?? s.key }, { lang: primary });
  }
  for (const lang of pub.languages.filter((l) => l !== primary)) {
    if (!hasLang(issue, lang)) {
      warn('no item has a title in {lang}: the issue is not published in {lang}, and {lang} readers get the {primary} edition', { lang, primary }, { lang });
      continue;
    }
    const missing = issue.items.filter((i) => !i.texts[lang]?.title);
    if (missing.length) warn('{n} of {all} items have no {lang} title and are left out of the {lang} edition', { n: missing.length, all: issue.items.length, lang }, { lang });
    for (const item of issue.items) if (staleTranslations(item, primary).includes(lang)) warn('the {lang} text of "{item}" was written from an earlier {primary} text: the {primary} text changed since', { lang, item: name(item), primary }, { lang, itemId: item.id });
    if (!issue.editions.find((e) => e.lang === lang)?.title) warn('the {lang} edition has no title', { lang }, { lang });
  }
  const fullText = pub.style.fullTextUrl;
  if (fullText && isPlaceholder(fullText)) warn('the teaser\'s and Telegram\'s "full text" link is a placeholder ({url}): set the publication\'s full-text address', { url: fullText }, { channel: 'telegram' });
  if (opts.siteUrl && isPlaceholder(opts.siteUrl)) warn('the site address is {url}: links in mail, feeds and Telegram will point there (set publishing.siteUrl or PRESSROOM_SITE_URL)', { url: opts.siteUrl });
  const tg = pub.publishing?.telegram;
  if (tg?.chatId && issue.items.length) {
    const m = renderTelegram(issue, pub, tg.lang ?? primary);
    if (m.truncated) warn('the Telegram post is longer than Telegram allows: it is cut, with a link to the full text', {}, { channel: 'telegram' });
  }
  return out;
}

/** The preflight of an issue, with the settings publishing would use; every channel's state with it. */
export async function preflight(db: Db, stored: StoredPublication, number: number, deps: ChannelDeps, opts: { links?: Fetcher | undefined } = {}): Promise<Preflight> {
  const issue = await loadIssue(db, stored.id, number);
  if (!issue) throw new AppError('not-found', `no issue #${number}`);
  const pub = { ...stored.pub, publishing: deps.publishing };
  const findings = checkIssue(issue, pub, { siteUrl: deps.siteUrl, featured: await featuredUrls(db, stored.id) });
  // Dead links, when asked: it takes the network, so the app asks for it after the first answer.
  if (opts.links) {
    const { failed } = await checkIssueLinks(issue, opts.links);
    const name = (id: number) => {
      const item = issue.items.find((i) => i.id === id);
      return item?.texts[pub.primaryLang]?.title || item?.url || `item ${id}`;
    };
    for (const f of failed) {
      const phrase = f.what === 'image' ? 'the image of "{item}" cannot be reached ({url}): {error}' : 'the link of "{item}" cannot be reached ({url}): {error}';
      const vars = { item: name(f.itemId), url: f.url, error: f.error };
      findings.push({ level: 'warn', what: fill(phrase, vars), phrase, vars, itemId: f.itemId });
    }
  }
  const states: ChannelState[] = [];
  for (const c of CHANNEL_LIST) {
    const unconfigured = c.unconfigured(deps);
    const sentAlready = !c.idempotent && (await wentOut(db, stored.id, number, c.name));
    // A channel not set up, or sent once already, is said with the channel (the editor's picker
    // shows it), not as a finding: it is how this Pressroom is set up, not a fault of the issue.
    states.push({ name: c.name, unconfigured, sentAlready });
  }
  return { number, findings, channels: states, blocked: findings.some((f) => f.level === 'block'), linksChecked: !!opts.links };
}
