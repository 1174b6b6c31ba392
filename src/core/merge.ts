// Joins one language edition, read from a file, into the issue it belongs to.
// Items are matched across languages by URL, then by place in their section.

import { normaliseIssue, type Edition, type EditionLayout, type Issue, type Item, type ItemMeta, type ItemText, type Lang, type Publication } from './model.ts';
import { formatStars } from './stars.ts';
import { fill } from './template.ts';

export interface EditionItem {
  section: string;
  url: string | null;
  image: string | null;
  meta: ItemMeta;
  text: ItemText;
}

export interface EditionInput {
  lang: Lang;
  edition: Edition;
  number: number;
  date: string;
  title: string;
  description?: string | undefined;
  layout: EditionLayout;
  items: EditionItem[];
  /** The file it was read from. */
  source?: string | undefined;
}

export function mergeEdition(existing: Issue | undefined, input: EditionInput, pub: Publication): Issue {
  const issue: Issue = existing
    ? structuredClone(existing)
    : { number: input.number, date: input.date, status: 'published', edition: input.edition, editions: [], items: [] };
  if (input.lang === pub.primaryLang || !existing) issue.date = input.date;

  issue.editions = issue.editions.filter((e) => !(e.lang === input.lang && e.edition === input.edition));
  issue.editions.push({
    lang: input.lang,
    edition: input.edition,
    title: input.title,
    ...(input.description !== undefined ? { description: input.description } : {}),
    layout: input.layout,
    ...(input.source !== undefined ? { source: input.source } : {}),
  });
  issue.edition = issue.editions.some((e) => e.edition === 'full') ? 'full' : 'teaser';

  const hasFull = issue.items.some((i) => i.url !== null) || input.edition === 'full';
  if (input.edition === 'teaser' && hasFull) mergeTeaserTitles(issue, input);
  else mergeItems(issue, input, pub);

  issue.items = issue.items.filter((i) => Object.keys(i.texts).length > 0);
  renumber(issue);
  return normaliseIssue(issue);
}

function mergeItems(issue: Issue, input: EditionInput, pub: Publication): void {
  const lang = input.lang;
  for (const item of issue.items) delete item.texts[lang];
  const bySection = groupBy(input.items, (i) => i.section);
  for (const [section, parsed] of bySection) {
    // Items that had only this language are in the pool too: re-importing a file keeps their ids.
    const pool = issue.items.filter((i) => i.section === section).sort((a, b) => a.position - b.position);
    const match = new Map<number, Item>();
    const taken = new Set<Item>();
    parsed.forEach((p, k) => {
      if (p.url === null) return;
      const hit = pool.find((i) => !taken.has(i) && i.url !== null && sameUrl(i.url, p.url!));
      if (hit) {
        match.set(k, hit);
        taken.add(hit);
      }
    });
    parsed.forEach((p, k) => {
      if (match.has(k)) return;
      const candidate = pool[k];
      if (candidate && !taken.has(candidate) && (p.url === null) === (candidate.url === null)) {
        match.set(k, candidate);
        taken.add(candidate);
      }
    });
    let after: Item | undefined;
    parsed.forEach((p, k) => {
      let item = match.get(k);
      if (item) joinLanguage(item, p, lang, pub);
      else {
        item = { section, position: 0, url: p.url, image: p.image, meta: { ...p.meta }, texts: { [lang]: p.text } };
        for (const other of issue.items) if (other.section === section && other.position > (after?.position ?? -1)) other.position += 1;
        item.position = (after?.position ?? -1) + 1;
        issue.items.push(item);
      }
      after = item;
    });
  }
}

/** Adds a language's text to an item another language already has, keeping what differs. */
function joinLanguage(item: Item, p: EditionItem, lang: Lang, pub: Publication): void {
  const text: ItemText = structuredClone(p.text);
  const layout = { ...(text.layout ?? {}) };
  const others = Object.entries(item.texts);
  if (p.url !== null && item.url !== p.url) layout.url = p.url;
  if (item.image && !p.image) layout.noImage = true;
  else if (!item.image && p.image) {
    item.image = p.image;
    for (const [, t] of others) t.layout = { ...t.layout, noImage: true };
  } else if (item.image && p.image && item.image !== p.image) layout.image = p.image;
  const stars = p.meta.stars;
  if (item.meta.stars !== undefined && stars === undefined) layout.noStars = true;
  else if (item.meta.stars === undefined && stars !== undefined) {
    item.meta.stars = stars;
    for (const [, t] of others) t.layout = { ...t.layout, noStars: true };
  } else if (stars !== undefined && item.meta.stars !== stars && !layout.starsText) {
    const template = pub.style.langs[lang]?.starsTemplate ?? '（star {stars}）';
    layout.starsText = fill(template, { stars: formatStars(stars) });
  }
  for (const [k, v] of Object.entries(p.meta)) if (k !== 'stars' && item.meta[k] === undefined) item.meta[k] = v;
  if (Object.keys(layout).length) text.layout = layout;
  else delete text.layout;
  item.texts[lang] = text;
}

/** A teaser of an issue that has a full edition: its lines are the items' titles. */
function mergeTeaserTitles(issue: Issue, input: EditionInput): void {
  const lang = input.lang;
  for (const item of issue.items) {
    const t = item.texts[lang];
    if (!t?.layout) continue;
    delete t.layout.teaserTitle;
    if (t.layout.teaserOnly) delete item.texts[lang];
  }
  for (const [section, parsed] of groupBy(input.items, (i) => i.section)) {
    const pool = issue.items.filter((i) => i.section === section).sort((a, b) => a.position - b.position);
    parsed.forEach((p, k) => {
      const item = pool[k];
      if (!item) {
        issue.items.push({ section, position: pool.length + k, url: null, image: null, meta: {}, texts: { [lang]: { ...p.text, layout: { ...p.text.layout, teaserOnly: true } } } });
        return;
      }
      const own = item.texts[lang];
      const extra = { ...(p.text.layout ?? {}) };
      if (own) {
        if (own.title !== p.text.title) extra.teaserTitle = p.text.title;
        own.layout = { ...own.layout, ...extra };
      } else item.texts[lang] = { ...p.text, layout: { ...extra, teaserOnly: true } };
    });
  }
}

function renumber(issue: Issue): void {
  for (const [, items] of groupBy(issue.items, (i) => i.section)) {
    items.sort((a, b) => a.position - b.position).forEach((it, i) => (it.position = i));
  }
}

function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/^http:/, 'https:').replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** The links of an issue that have text in a language (any language when none is given). */
function linksOf(issue: Issue, lang?: Lang): Set<string> {
  const out = new Set<string>();
  for (const i of issue.items) {
    if (lang !== undefined && !i.texts[lang]) continue;
    const url = (lang !== undefined ? i.texts[lang]?.layout?.url : undefined) ?? i.url;
    if (url) out.add(url.trim());
  }
  return out;
}

/**
 * Why a file's edition may not join the issue it names, or undefined when it may: another file
 * holds that issue and language with a different date or other links, or it is a new language
 * dated otherwise than the issue whose links it mostly does not share (a translation numbered
 * wrong). Importing it would replace or mix up what is stored, so it is refused, never merged.
 */
export function editionConflict(existing: Issue | undefined, input: EditionInput): string | undefined {
  if (!existing) return undefined;
  const mine = new Set(input.items.flatMap((i) => (i.url ? [i.url.trim()] : [])));
  const held = existing.editions.find((e) => e.lang === input.lang && e.edition === input.edition);
  if (held) {
    if (held.source !== undefined && held.source === input.source) return undefined;
    const theirs = linksOf(existing, input.lang);
    const reasons: string[] = [];
    if (existing.date !== input.date) reasons.push(`dated ${existing.date} there, ${input.date} here`);
    const gone = [...theirs].filter((u) => !mine.has(u)).length;
    const added = [...mine].filter((u) => !theirs.has(u)).length;
    if (gone || added) reasons.push(`${added} links here are not there and ${gone} there are not here`);
    if (!reasons.length) return undefined;
    return `#${input.number} ${input.lang} ${input.edition} is already held by ${held.source ?? 'an earlier import'} (${reasons.join('; ')})`;
  }
  if (existing.date === input.date || mine.size === 0) return undefined;
  const theirs = linksOf(existing);
  const shared = [...mine].filter((u) => theirs.has(u)).length;
  if (shared * 2 >= mine.size) return undefined;
  return `it says #${input.number} but is dated ${input.date}, and #${input.number} (dated ${existing.date}${existing.editions[0]?.source ? `, from ${existing.editions[0].source}` : ''}) shares ${shared} of its ${mine.size} links`;
}
