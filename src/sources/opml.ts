// OPML in and out: the usual way feed readers and editors exchange subscription lists.

import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { escapeAttribute } from 'entities';
import type { Source } from './types.ts';

export interface OpmlFeed {
  url: string;
  title: string;
  /** Folder names the outline sat in: become tags. */
  tags: string[];
}

export function readOpml(text: string): OpmlFeed[] {
  const doc = parseDocument(text, { xmlMode: true });
  const out: OpmlFeed[] = [];
  const walk = (nodes: Element['children'], path: string[]) => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n as Element;
      if (el.name.toLowerCase() !== 'outline') {
        walk(el.children, path);
        continue;
      }
      const a = Object.fromEntries(Object.entries(el.attribs).map(([k, v]) => [k.toLowerCase(), v]));
      const title = a.title ?? a.text ?? '';
      if (a.xmlurl) out.push({ url: a.xmlurl.trim(), title, tags: path });
      walk(el.children, a.xmlurl ? path : [...path, title].filter(Boolean));
    }
  };
  walk(doc.children as Element['children'], []);
  if (out.length === 0 && !/<opml/i.test(text)) throw new Error('opml: not an OPML document');
  return out;
}

export function writeOpml(title: string, sources: Source[]): string {
  const feeds = sources.filter((s) => s.kind === 'feed');
  const lines = feeds.map(
    (s) =>
      `    <outline type="rss" text="${escapeAttribute(s.title || s.url)}" title="${escapeAttribute(s.title || s.url)}" xmlUrl="${escapeAttribute(s.url)}"${s.tags.length ? ` category="${escapeAttribute(s.tags.join(','))}"` : ''}/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>${escapeAttribute(title)}</title></head>\n  <body>\n${lines.join('\n')}\n  </body>\n</opml>\n`;
}
