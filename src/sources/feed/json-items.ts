// Where a JSON Feed's items are in its text, without parsing it: the top-level "items" array and
// the span of each object in it. A feed read daily brings back dozens of known items for each
// new one; each item is marked by its text as written (marks.ts), and the known ones are cut out
// before JSON.parse sees the document. Anything this scan is not sure of (no top-level object, a
// key written with escapes, "items" twice, a document cut short) gives no spans, and the feed is
// read whole.

import { markOf, type KnownEntries } from './marks.ts';
import type { UnchangedEntry } from './types.ts';

interface ItemSpans {
  /** The items array's "[" and what follows its "]". */
  start: number;
  end: number;
  /** Each element of the array; `object` for objects and arrays (what the reader takes for items). */
  elements: { start: number; end: number; object: boolean }[];
}

const WS = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

function skipWs(t: string, i: number): number {
  while (i < t.length && WS(t.charCodeAt(i))) i++;
  return i;
}

/** Past the string starting at t[i] (a quote), or -1. */
function skipString(t: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = t.indexOf('"', j);
    if (q === -1) return -1;
    let slashes = 0;
    for (let k = q - 1; t.charCodeAt(k) === 92; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Past the value starting at t[i], or -1. */
function skipValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 34) return skipString(t, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < t.length; j++) {
      const d = t.charCodeAt(j);
      if (d === 34) {
        j = skipString(t, j) - 1;
        if (j < 0) return -1;
      } else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < t.length) {
    const d = t.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || WS(d)) break;
    j++;
  }
  return j === i ? -1 : j;
}

function jsonItemSpans(t: string): ItemSpans | undefined {
  let i = skipWs(t, 0);
  if (t.charCodeAt(i) !== 123) return undefined;
  i = skipWs(t, i + 1);
  let found: ItemSpans | undefined;
  if (t.charCodeAt(i) === 125) return undefined;
  for (;;) {
    if (t.charCodeAt(i) !== 34) return undefined;
    const keyEnd = skipString(t, i);
    if (keyEnd === -1) return undefined;
    const key = t.slice(i + 1, keyEnd - 1);
    if (key.includes('\\')) return undefined;
    i = skipWs(t, keyEnd);
    if (t.charCodeAt(i) !== 58) return undefined;
    i = skipWs(t, i + 1);
    if (key === 'items') {
      if (found || t.charCodeAt(i) !== 91) return undefined;
      const spans: ItemSpans = { start: i, end: -1, elements: [] };
      i = skipWs(t, i + 1);
      if (t.charCodeAt(i) === 93) i++;
      else {
        for (;;) {
          const end = skipValue(t, i);
          if (end === -1) return undefined;
          spans.elements.push({ start: i, end, object: t.charCodeAt(i) === 123 || t.charCodeAt(i) === 91 });
          i = skipWs(t, end);
          const c = t.charCodeAt(i);
          if (c === 93) {
            i++;
            break;
          }
          if (c !== 44) return undefined;
          i = skipWs(t, i + 1);
        }
      }
      spans.end = i;
      found = spans;
    } else {
      i = skipValue(t, i);
      if (i === -1) return undefined;
    }
    i = skipWs(t, i);
    const c = t.charCodeAt(i);
    if (c === 125) return found;
    if (c !== 44) return undefined;
    i = skipWs(t, i + 1);
  }
}

/**
 * The document without the items it is known to hold, as withoutKnown (marks.ts) is for RSS and
 * Atom: each item is marked by its text as written, and those with a known mark are cut out and
 * listed. `marks` are those of the items left, in their order. Undefined where the scan cannot
 * say where the items are.
 */
export function jsonWithoutKnown(t: string, known: KnownEntries | undefined): { text: string; marks: string[]; unchanged: UnchangedEntry[] } | undefined {
  const spans = jsonItemSpans(t);
  if (!spans) return undefined;
  const kept: string[] = [];
  const marks: string[] = [];
  const unchanged: UnchangedEntry[] = [];
  for (const e of spans.elements) {
    const raw = t.slice(e.start, e.end);
    if (e.object) {
      const mark = markOf(raw);
      const key = known?.get(mark);
      if (key !== undefined) {
        unchanged.push({ mark, key });
        continue;
      }
      marks.push(mark);
    }
    kept.push(raw);
  }
  const text = unchanged.length ? `${t.slice(0, spans.start)}[${kept.join(',')}]${t.slice(spans.end)}` : t;
  return { text, marks, unchanged };
}
