// A lenient XML tree for feeds: htmlparser2's tokenizer in XML mode reads broken markup as far as
// it can, never loads a DTD and never expands entities it does not know, so entity bombs stay
// inert. The tree is built here, in one pass: elements are named by namespace (atom:, dc:,
// itunes:, media:, …) whatever prefix a feed used, and text is decoded once, XML's entities and
// HTML's named ones alike (feeds write &nbsp; without declaring it), CDATA left as written.

import { Parser } from 'htmlparser2';
import { decodeHTML } from 'entities';
import { escapeText } from '../../html/escape.ts';
import { DepthError, lineOf, MAX_DEPTH } from '../../html/depth.ts';

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

export interface XmlElement {
  type: 'tag';
  /** As the feed wrote it, prefix included. */
  name: string;
  /** Namespace alias and lower-cased local name: "atom:link", "dc:creator", "title". */
  qname: string;
  /** Values as written; read them through attr(), which decodes them. */
  attribs: Record<string, string>;
  children: XmlNode[];
  parent: XmlElement | null;
  /** Where the element's markup starts and ends in the parsed text (its start tag to past its end tag). */
  start: number;
  end: number;
}

export interface XmlText {
  type: 'text';
  /** Decoded text. */
  data: string;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDoc {
  root: XmlElement | undefined;
  /** The markup closes every element it opens, in order, and nothing else. */
  balanced: boolean;
  /** An "&" that starts no entity, outside CDATA. */
  bareAmpersand: boolean;
}

const BARE_AMPERSAND = /&(?!(?:[a-zA-Z][\w.-]*|#\d+|#x[\da-fA-F]+);)/;

function aliasOf(uri: string | undefined, prefix: string): string {
  if (uri === undefined) return prefix.toLowerCase();
  return NAMESPACES[uri] ?? NAMESPACES[uri.endsWith('/') ? uri : `${uri}/`] ?? prefix.toLowerCase();
}

/** Builds the tree from the tokenizer's events; namespace scopes are resolved as elements open.
 * Notes, on the way, whether the markup was balanced: the parser closes what a feed left open. */
class TreeBuilder {
  constructor(private text: string) {}
  readonly top: XmlNode[] = [];
  private current: XmlElement | null = null;
  private scopes: Map<string, string>[] = [new Map()];
  /** Where each open element's tag starts, to tell a self-closing tag from an implied close. */
  private starts: number[] = [];
  private inCdata = false;
  private parser!: Parser;
  balanced = true;
  bareAmpersand = false;
  /** Closing tags that closed their element, and "</" seen in CDATA and comments. */
  closes = 0;
  quotedCloses = 0;

  onparserinit(parser: Parser): void {
    this.parser = parser;
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    // Past the limit nothing more is read: the parser's own stack costs it time per level of depth.
    if (this.starts.length >= MAX_DEPTH) throw new DepthError(MAX_DEPTH, this.parser.startIndex, lineOf(this.text, this.parser.startIndex));
    this.starts.push(this.parser.startIndex);
    let scope = this.scopes[this.scopes.length - 1]!;
    for (const k in attribs) {
      if (!this.bareAmpersand && attribs[k]!.includes('&') && BARE_AMPERSAND.test(attribs[k]!)) this.bareAmpersand = true;
      if (k === 'xmlns' || k.startsWith('xmlns:')) {
        if (scope === this.scopes[this.scopes.length - 1]) scope = new Map(scope);
        scope.set(k === 'xmlns' ? '' : k.slice(6), decodeHTML(attribs[k]!).trim().toLowerCase());
      }
    }
    this.scopes.push(scope);
    const colon = name.indexOf(':');
    const prefix = colon === -1 ? '' : name.slice(0, colon);
    const local = (colon === -1 ? name : name.slice(colon + 1)).toLowerCase();
    const alias = aliasOf(scope.get(prefix), prefix);
    const start = this.parser.startIndex;
    const el: XmlElement = { type: 'tag', name, qname: alias ? `${alias}:${local}` : local, attribs, children: [], parent: this.current, start, end: start };
    (this.current ? this.current.children : this.top).push(el);
    this.current = el;
  }

  onclosetag(_name: string, implied: boolean): void {
    const start = this.starts.pop();
    // An implied close is a self-closing tag (it starts where its element did), or markup out of
    // order: a closing tag for an outer element, or the end of the document.
    if (!implied) this.closes++;
    else if (start !== this.parser.startIndex) this.balanced = false;
    this.scopes.pop();
    if (this.current) this.current.end = this.parser.endIndex + 1;
    this.current = this.current?.parent ?? null;
  }

  oncomment(data: string): void {
    this.quotedCloses += count(data, '</');
  }

  ontext(raw: string): void {
    if (this.inCdata) this.quotedCloses += count(raw, '</');
    else if (!this.bareAmpersand && raw.includes('&') && BARE_AMPERSAND.test(raw)) this.bareAmpersand = true;
    const data = this.inCdata || !raw.includes('&') ? raw : decodeHTML(raw);
    const siblings = this.current ? this.current.children : this.top;
    const last = siblings[siblings.length - 1];
    if (last?.type === 'text') last.data += data;
    else siblings.push({ type: 'text', data });
  }

  oncdatastart(): void {
    this.inCdata = true;
  }

  oncdataend(): void {
    this.inCdata = false;
  }
}

function count(s: string, what: string): number {
  let n = 0;
  for (let i = s.indexOf(what); i !== -1; i = s.indexOf(what, i + what.length)) n++;
  return n;
}

export function parseXml(text: string): XmlDoc {
  const builder = new TreeBuilder(text);
  const parser = new Parser(builder, { xmlMode: true, decodeEntities: false, recognizeCDATA: true });
  parser.end(text);
  // A closing tag that matched no open element produces no event: count them instead.
  const strays = count(text, '</') - builder.quotedCloses - builder.closes;
  let root: XmlElement | undefined;
  for (const n of builder.top) {
    if (n.type === 'tag') {
      root = n;
      break;
    }
  }
  // A document cut off inside its last tag ("</rss") is read as if the tag were whole.
  const whole = text.trimEnd().endsWith('>');
  return { root, balanced: builder.balanced && strays === 0 && whole, bareAmpersand: builder.bareAmpersand };
}

/** Child elements with one of the names ("atom:link", "link", …). */
export function all(el: XmlElement | undefined, ...names: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  if (el) for (const c of el.children) if (c.type === 'tag' && names.includes(c.qname)) out.push(c);
  return out;
}

/** The first child with the first of the names that any child has. */
export function first(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  if (!el) return undefined;
  for (const name of names) {
    for (const c of el.children) if (c.type === 'tag' && c.qname === name) return c;
  }
  return undefined;
}

/** The text inside an element, its descendants' included. */
export function text(el: XmlElement | undefined): string {
  if (!el) return '';
  const kids = el.children;
  if (kids.length === 1 && kids[0]!.type === 'text') return kids[0]!.data;
  let out = '';
  for (const n of kids) out += n.type === 'text' ? n.data : text(n);
  return out;
}

export function hasElements(el: XmlElement | undefined): boolean {
  return !!el && el.children.some((c) => c.type === 'tag');
}

/** The markup inside an element, as written (for Atom type="xhtml" and RSS descriptions with tags). */
export function innerXml(el: XmlElement | undefined): string {
  if (!el) return '';
  let out = '';
  for (const n of el.children) {
    if (n.type === 'text') {
      out += escapeText(n.data);
      continue;
    }
    const name = n.name.replace(/^[\w-]+:/, '');
    let attrs = '';
    for (const k in n.attribs) {
      if (!k.startsWith('xmlns')) attrs += ` ${k}="${decodeHTML(n.attribs[k]!).replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
    }
    out += `<${name}${attrs}>${innerXml(n)}</${name}>`;
  }
  return out;
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  let v = el.attribs[name];
  if (v === undefined) {
    for (const k in el.attribs) {
      if (k.toLowerCase() === name) {
        v = el.attribs[k];
        break;
      }
    }
  }
  return v === undefined ? undefined : v.includes('&') ? decodeHTML(v) : v;
}

/** xml:base in scope for an element, resolved against the document URL. */
export function baseOf(el: XmlElement | null, docUrl: string): string {
  const chain: string[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) {
    const b = e.attribs['xml:base'];
    if (b) chain.unshift(decodeHTML(b));
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
