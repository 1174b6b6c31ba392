// OPML in and out: the usual way feed readers and editors exchange subscription lists. What only
// Pressroom knows of a source (its kind, weight, language, section, tags, whether it is on, and
// that its title is empty) is written in attributes of Pressroom's own namespace, which feed
// readers ignore; platform sources (GitHub, Hacker News…) are outlines of their own type. So an
// export imported again changes nothing, and one from another reader still reads as before.

import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { escapeAttribute } from 'entities';
import type { Source, SourceKind } from './types.ts';

/** Pressroom's OPML namespace. */
export const OPML_NS = 'urn:pressroom:opml:1';

export interface OpmlSource {
  kind: SourceKind;
  url: string;
  title: string;
  /** Folder names the outline sat in, or Pressroom's own tags. */
  tags: string[];
  weight?: number;
  lang?: string | null;
  section?: string | null;
  enabled?: boolean;
}

export function readOpml(text: string): OpmlSource[] {
  const doc = parseDocument(text, { xmlMode: true });
  const out: OpmlSource[] = [];
  let prefix = 'pressroom';
  const walk = (nodes: Element['children'], path: string[]) => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n as Element;
      for (const [k, v] of Object.entries(el.attribs)) if (k.startsWith('xmlns:') && v === OPML_NS) prefix = k.slice(6);
      if (el.name.toLowerCase() !== 'outline') {
        walk(el.children, path);
        continue;
      }
      const a = Object.fromEntries(Object.entries(el.attribs).map(([k, v]) => [k.toLowerCase(), v]));
      const own = (k: string) => a[`${prefix}:${k}`.toLowerCase()];
      const kind = (own('kind') ?? (a.xmlurl ? 'feed' : undefined)) as SourceKind | undefined;
      const url = (kind && kind !== 'feed' ? own('url') : a.xmlurl)?.trim();
      if (kind && url) {
        const weight = Number(own('weight'));
        out.push({
          kind,
          url,
          title: own('title') ?? a.title ?? a.text ?? '',
          tags: own('tags') !== undefined ? own('tags')!.split(',').map((t) => t.trim()).filter(Boolean) : path,
          ...(own('weight') !== undefined && Number.isFinite(weight) ? { weight } : {}),
          ...(own('lang') !== undefined ? { lang: own('lang') || null } : {}),
          ...(own('section') !== undefined ? { section: own('section') || null } : {}),
          ...(own('enabled') !== undefined ? { enabled: own('enabled') !== 'false' } : {}),
        });
      }
      walk(el.children, url ? path : [...path, a.title ?? a.text ?? ''].filter(Boolean));
    }
  };
  walk(doc.children as Element['children'], []);
  if (out.length === 0 && !/<opml/i.test(text)) throw new Error('opml: not an OPML document');
  return out;
}

export function writeOpml(title: string, sources: Source[]): string {
  const lines = sources
    .filter((s) => s.kind !== 'submission')
    .map((s) => {
      const shown = escapeAttribute(s.title || s.url);
      const mine = [
        `pressroom:kind="${s.kind}"`,
        `pressroom:title="${escapeAttribute(s.title)}"`,
        `pressroom:weight="${s.weight}"`,
        `pressroom:lang="${escapeAttribute(s.lang ?? '')}"`,
        `pressroom:section="${escapeAttribute(s.section ?? '')}"`,
        `pressroom:tags="${escapeAttribute(s.tags.join(','))}"`,
        `pressroom:enabled="${s.enabled}"`,
      ].join(' ');
      return s.kind === 'feed'
        ? `    <outline type="rss" text="${shown}" title="${shown}" xmlUrl="${escapeAttribute(s.url)}"${s.tags.length ? ` category="${escapeAttribute(s.tags.join(','))}"` : ''} ${mine}/>`
        : `    <outline type="pressroom" text="${shown}" pressroom:url="${escapeAttribute(s.url)}" ${mine}/>`;
    });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0" xmlns:pressroom="${OPML_NS}">\n  <head><title>${escapeAttribute(title)}</title></head>\n  <body>\n${lines.join('\n')}\n  </body>\n</opml>\n`;
}
