// A lenient XML tree for feeds: htmlparser2 in XML mode reads broken markup as far as it can,
// never loads a DTD and never expands entities it does not know, so entity bombs stay inert.
// Elements are named by namespace (atom:, dc:, itunes:, media:, …), whatever prefix a feed used.

import { parseDocument } from 'htmlparser2';
import type { AnyNode, Document, Element } from 'domhandler';
import { decodeHTML } from 'entities';
import { escapeText } from '../../text/html.ts';

const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.itunes.com/dtd/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://backend.userland.com/rss2': '',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.georss.org/georss': 'georss',
};

const qnames = new WeakMap<Element, string>();

export interface XmlDoc {
  root: Element | undefined;
  doc: Document;
}

export function parseXml(text: string): XmlDoc {
  const doc = parseDocument(text, { xmlMode: true, decodeEntities: true, recognizeCDATA: true });
  const walk = (nodes: AnyNode[], scope: Map<string, string>) => {
    for (const n of nodes) {
      if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
      const el = n as Element;
      let inner = scope;
      for (const [k, v] of Object.entries(el.attribs)) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) {
          if (inner === scope) inner = new Map(scope);
          inner.set(k === 'xmlns' ? '' : k.slice(6), v.trim().toLowerCase());
        }
      }
      const colon = el.name.indexOf(':');
      const prefix = colon === -1 ? '' : el.name.slice(0, colon);
      const local = (colon === -1 ? el.name : el.name.slice(colon + 1)).toLowerCase();
      const uri = inner.get(prefix);
      const alias = uri !== undefined ? (NAMESPACES[uri] ?? NAMESPACES[uri.replace(/\/?$/, '/')] ?? prefix.toLowerCase()) : prefix.toLowerCase();
      qnames.set(el, alias ? `${alias}:${local}` : local);
      walk(el.children, inner);
    }
  };
  walk(doc.children, new Map());
  const root = doc.children.find((n): n is Element => n.type === 'tag');
  return { root, doc };
}

export function qname(el: Element): string {
  return qnames.get(el) ?? el.name.toLowerCase();
}

export function elements(el: Element | undefined): Element[] {
  return (el?.children ?? []).filter((n): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style');
}

/** Child elements with one of the names ("atom:link", "link", …). */
export function all(el: Element | undefined, ...names: string[]): Element[] {
  return elements(el).filter((c) => names.includes(qname(c)));
}

export function first(el: Element | undefined, ...names: string[]): Element | undefined {
  for (const name of names) {
    const hit = elements(el).find((c) => qname(c) === name);
    if (hit) return hit;
  }
  return undefined;
}

/** The text inside an element, CDATA included; unknown HTML entities (&nbsp;) decoded too. */
export function text(el: Element | undefined): string {
  if (!el) return '';
  let out = '';
  const visit = (nodes: AnyNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') out += decodeHTML((n as unknown as { data: string }).data);
      else if (n.type === 'cdata') visit((n as unknown as { children: AnyNode[] }).children);
      else if (n.type === 'tag') visit((n as Element).children);
    }
  };
  visit(el.children);
  return out;
}

/** The markup inside an element, as written (for Atom type="xhtml" and RSS descriptions with tags). */
export function innerXml(el: Element | undefined): string {
  if (!el) return '';
  const ser = (nodes: AnyNode[]): string =>
    nodes
      .map((n) => {
        if (n.type === 'text') return escapeText((n as unknown as { data: string }).data);
        if (n.type === 'cdata') return escapeText(text(n as unknown as Element));
        if (n.type !== 'tag') return '';
        const e = n as Element;
        const name = e.name.replace(/^[\w-]+:/, '');
        const attrs = Object.entries(e.attribs)
          .filter(([k]) => !k.startsWith('xmlns'))
          .map(([k, v]) => ` ${k}="${v.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`)
          .join('');
        return `<${name}${attrs}>${ser(e.children)}</${name}>`;
      })
      .join('');
  return ser(el.children);
}


export function attr(el: Element | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const v = el.attribs[name] ?? Object.entries(el.attribs).find(([k]) => k.toLowerCase() === name)?.[1];
  return v === undefined ? undefined : decodeHTML(v);
}

/** xml:base in scope for an element, resolved against the document URL. */
export function baseOf(el: Element | null, docUrl: string): string {
  const chain: string[] = [];
  for (let e: Element | null = el; e; e = e.parent && e.parent.type === 'tag' ? (e.parent as Element) : null) {
    const b = e.attribs['xml:base'];
    if (b) chain.unshift(b);
  }
  let base = docUrl;
  for (const b of chain) base = resolveUrl(b, base) ?? base;
  return base;
}

export function resolveUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  const h = href.trim();
  try {
    return new URL(h, base || undefined).toString();
  } catch {
    return /^[a-z][\w+.-]*:/i.test(h) ? h : undefined;
  }
}
