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
