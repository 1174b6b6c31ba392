// Editing an issue as a list of small operations. Each one applied returns its inverse (for undo)
// and the fields it touched (to tell two editors' independent changes from conflicting ones).

import { normaliseIssue, textHash, type Issue, type Item, type ItemText, type Lang, type Publication } from './model.ts';

export const TEXT_FIELDS = ['title', 'blurb', 'note', 'suffix', 'imageAlt'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const ITEM_FIELDS = ['url', 'image', 'stars'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

export type EditOp =
  /** Puts a new item at `item.position` of `item.section` (the end when past it). */
  | { op: 'add'; item: Item }
  | { op: 'remove'; id: number }
  | { op: 'move'; id: number; section: string; position: number }
  /** Sets one text of one language; null clears an optional field. */
  | { op: 'text'; id: number; lang: Lang; field: TextField; value: string | null }
  | { op: 'set'; id: number; field: ItemField; value: string | number | null }
  /** The issue's title in a language (both its editions). */
  | { op: 'title'; lang: Lang; value: string }
  | { op: 'date'; value: string };

export class EditError extends Error {
  override name = 'EditError';
}

export interface Applied {
  inverse: EditOp[];
  touched: string[];
}

/** Applies ops in order to `issue` (changed in place). Throws EditError, leaving the issue half-changed: apply to a copy. */
export function applyOps(issue: Issue, pub: Publication, ops: EditOp[]): Applied {
  const inverse: EditOp[] = [];
  const touched = new Set<string>();
  for (const op of ops) {
    const r = applyOne(issue, pub, op);
    inverse.unshift(...r.inverse);
    r.touched.forEach((t) => touched.add(t));
  }
  normaliseIssue(issue);
  return { inverse, touched: [...touched] };
}

function find(issue: Issue, id: number): Item {
  const item = issue.items.find((i) => i.id === id);
  if (!item) throw new EditError(`item ${id} is not in issue #${issue.number} (removed by another change?)`);
  return item;
}

function sectionOrder(issue: Issue, key: string): Item[] {
  return issue.items.filter((i) => i.section === key).sort((a, b) => a.position - b.position);
}

function renumber(list: Item[]): void {
  list.forEach((it, k) => (it.position = k));
}

function checkSection(pub: Publication, key: string): void {
  const s = pub.sections.find((x) => x.key === key);
  if (!s) throw new EditError(`no section "${key}" in ${pub.slug}`);
  if (s.kind !== 'items') throw new EditError(`section "${key}" holds free text, not items`);
}

function applyOne(issue: Issue, pub: Publication, op: EditOp): Applied {
  switch (op.op) {
    case 'add': {
      checkSection(pub, op.item.section);
      if (op.item.id === undefined) throw new EditError('a new item needs an id');
      if (issue.items.some((i) => i.id === op.item.id)) throw new EditError(`item ${op.item.id} is already in the issue`);
      // An item without a title in the publication's first language would be published as a bare number.
      if (!op.item.texts[pub.primaryLang]?.title?.trim()) throw new EditError(`a new item needs a title in ${pub.primaryLang}`);
      // The same rule as `set`: a new item's link and image are http(s) (or an upload), nothing else.
      for (const field of ['url', 'image'] as const) {
        const v = op.item[field];
        if (v !== null && v !== undefined && v !== '' && !isLink(v)) throw new EditError(`${field} must be an http(s) link or a path under /uploads/`);
      }
      const item = structuredClone(op.item);
      const list = sectionOrder(issue, item.section);
      list.splice(Math.max(0, Math.min(item.position, list.length)), 0, item);
      renumber(list);
      issue.items.push(item);
      return { inverse: [{ op: 'remove', id: item.id! }], touched: ['order', `item:${item.id}`] };
    }
    case 'remove': {
      const item = find(issue, op.id);
      issue.items = issue.items.filter((i) => i !== item);
      renumber(sectionOrder(issue, item.section));
      return { inverse: [{ op: 'add', item: structuredClone(item) }], touched: ['order', `item:${item.id}`] };
    }
    case 'move': {
      checkSection(pub, op.section);
      const item = find(issue, op.id);
      const was = { section: item.section, position: item.position };
      const from = sectionOrder(issue, item.section).filter((i) => i !== item);
      renumber(from);
      item.section = op.section;
      const to = op.section === was.section ? from : sectionOrder(issue, op.section).filter((i) => i !== item);
      to.splice(Math.max(0, Math.min(op.position, to.length)), 0, item);
      renumber(to);
      return { inverse: [{ op: 'move', id: item.id!, section: was.section, position: was.position }], touched: ['order'] };
    }
    case 'text': {
      if (!pub.languages.includes(op.lang)) throw new EditError(`${pub.slug} is not written in "${op.lang}"`);
      if (!(TEXT_FIELDS as readonly string[]).includes(op.field)) throw new EditError(`no text field "${op.field}"`);
      const item = find(issue, op.id);
      const text: ItemText = item.texts[op.lang] ?? (item.texts[op.lang] = { title: '', blurb: '' });
      const before = (text[op.field] as string | undefined) ?? null;
      if (op.field === 'title' || op.field === 'blurb') text[op.field] = op.value ?? '';
      else if (op.value === null || op.value === '') delete text[op.field];
      else text[op.field] = op.value;
      if (!text.title && !text.blurb && !text.note && !text.suffix && !text.imageAlt && !text.layout) delete item.texts[op.lang];
      // A translation's title or blurb remembers the first language's text it was written from.
      if (op.lang !== pub.primaryLang && (op.field === 'title' || op.field === 'blurb') && item.texts[op.lang]) item.meta = { ...item.meta, translatedFrom: { ...item.meta.translatedFrom, [op.lang]: textHash(item.texts[pub.primaryLang]) } };
      return { inverse: [{ op: 'text', id: op.id, lang: op.lang, field: op.field, value: before }], touched: [`text:${op.id}:${op.lang}:${op.field}`] };
    }
    case 'set': {
      const item = find(issue, op.id);
      let before: string | number | null;
      if (op.field === 'stars') {
        before = item.meta.stars ?? null;
        if (op.value === null) delete item.meta.stars;
        else if (typeof op.value === 'number' && Number.isFinite(op.value) && op.value >= 0) item.meta.stars = Math.round(op.value);
        else throw new EditError('stars must be a whole number');
      } else if (op.field === 'url' || op.field === 'image') {
        before = item[op.field] ?? null;
        if (op.value !== null && (typeof op.value !== 'string' || !isLink(op.value))) throw new EditError(`${op.field} must be an http(s) link or a path under /uploads/`);
        item[op.field] = (op.value as string | null) || null;
      } else throw new EditError(`no item field "${String((op as { field: unknown }).field)}"`);
      return { inverse: [{ op: 'set', id: op.id, field: op.field, value: before }], touched: [`item:${op.id}:${op.field}`] };
    }
    case 'title': {
      if (!pub.languages.includes(op.lang)) throw new EditError(`${pub.slug} is not written in "${op.lang}"`);
      const before = issue.editions.find((e) => e.lang === op.lang && e.edition === 'full')?.title ?? '';
      for (const edition of ['full', 'teaser'] as const) {
        const e = issue.editions.find((x) => x.lang === op.lang && x.edition === edition);
        if (e) e.title = op.value;
        else if (edition === 'full') issue.editions.push({ lang: op.lang, edition, title: op.value });
      }
      return { inverse: [{ op: 'title', lang: op.lang, value: before }], touched: [`title:${op.lang}`] };
    }
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(op.value) || Number.isNaN(Date.parse(op.value))) throw new EditError('date must be YYYY-MM-DD');
      const before = issue.date;
      issue.date = op.value;
      return { inverse: [{ op: 'date', value: before }], touched: ['date'] };
    }
    default:
      throw new EditError(`unknown operation "${(op as { op: unknown }).op}"`);
  }
}

function isLink(v: string): boolean {
  if (v.startsWith('/uploads/')) return /^\/uploads\/[\w.-]+$/.test(v);
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Keys two writers may both change without one losing the other's work. */
export function conflicts(mine: string[], theirs: string[]): string[] {
  const other = new Set(theirs.filter((t) => t !== 'order'));
  return mine.filter((t) => t !== 'order' && other.has(t));
}

/** A short line for the revision history: "moved “Faster startup” to media #2". Items are named by their
 * title in `lang` (or any) in `before`, the issue as it was, so a removed item is still named. */
export function describeOps(ops: EditOp[], before?: Issue, lang?: Lang): string {
  const title = (item: Item | undefined) => {
    const t = item && ((lang && item.texts[lang]?.title) || Object.values(item.texts).find((x) => x.title)?.title);
    return t ? `“${t.length > 40 ? `${t.slice(0, 39)}…` : t}”` : undefined;
  };
  const name = (id: number) => title(before?.items.find((i) => i.id === id)) ?? `item ${id}`;
  if (ops.length === 1) {
    const op = ops[0]!;
    switch (op.op) {
      case 'add':
        return `added ${title(op.item) ?? op.item.url ?? 'an item'} to ${op.item.section}`;
      case 'remove':
        return `removed ${name(op.id)}`;
      case 'move':
        return `moved ${name(op.id)} to ${op.section} #${op.position + 1}`;
      case 'text':
        return `edited the ${op.lang} ${op.field} of ${name(op.id)}`;
      case 'set':
        return `set the ${op.field} of ${name(op.id)}`;
      case 'title':
        return `retitled the ${op.lang} edition`;
      case 'date':
        return `dated the issue ${op.value}`;
    }
  }
  return `${ops.length} changes`;
}
