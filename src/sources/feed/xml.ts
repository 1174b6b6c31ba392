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
  readonly attribs: Readonly<Record<string, string>>;
  /** Read-only: lists and attributes may be shared between elements (TreeBuilder). */
  readonly children: readonly XmlNode[];
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

/** Builds the tree from a tokenizer's events; namespace scopes are resolved as elements open.
 * Notes, on the way, whether the markup was balanced: the lenient parser closes what a feed left
 * open. Both tokenizers below (the strict one for well-formed feeds, htmlparser2 for the rest)
 * build through it, so they build the same tree. */
class TreeBuilder {
  constructor(private text: string) {}
  readonly top: XmlNode[] = [];
  private current: XmlElement | null = null;
  private scopes: Map<string, string>[] = [new Map()];
  /** Each scope's element names, as qualified in it. */
  private qnames: Map<string, string>[] = [new Map()];
  /** Where each open element's tag starts, to tell a self-closing tag from an implied close. */
  private starts: number[] = [];
  balanced = true;
  bareAmpersand = false;
  /** Closing tags that closed their element, and "</" seen in CDATA and comments. */
  closes = 0;
  quotedCloses = 0;

  /** The name of the element open now, as written; undefined at the top. */
  get openName(): string | undefined {
    return this.current?.name;
  }

  open(name: string, attribs: Record<string, string>, start: number): void {
    // Past the limit nothing more is read: the parser's own stack costs it time per level of depth.
    if (this.starts.length >= MAX_DEPTH) throw new DepthError(MAX_DEPTH, start, lineOf(this.text, start));
    this.starts.push(start);
    let scope = this.scopes[this.scopes.length - 1]!;
    let qnames = this.qnames[this.qnames.length - 1]!;
    for (const k in attribs) {
      if (!this.bareAmpersand && attribs[k]!.includes('&') && BARE_AMPERSAND.test(attribs[k]!)) this.bareAmpersand = true;
      if (k === 'xmlns' || k.startsWith('xmlns:')) {
        if (scope === this.scopes[this.scopes.length - 1]) {
          scope = new Map(scope);
          qnames = new Map();
        }
        scope.set(k === 'xmlns' ? '' : k.slice(6), decodeHTML(attribs[k]!).trim().toLowerCase());
      }
    }
    this.scopes.push(scope);
    this.qnames.push(qnames);
    // A name means the same in a scope each time it is met: worked out once (a feed names a
    // dozen elements thousands of times), and the readers compare one string each time.
    let qname = qnames.get(name);
    if (qname === undefined) {
      const colon = name.indexOf(':');
      const prefix = colon === -1 ? '' : name.slice(0, colon);
      const local = (colon === -1 ? name : name.slice(colon + 1)).toLowerCase();
      const alias = aliasOf(scope.get(prefix), prefix);
      qname = alias ? `${alias}:${local}` : local;
      qnames.set(name, qname);
    }
    const el: XmlElement = { type: 'tag', name, qname, attribs, children: NO_CHILDREN, parent: this.current, start, end: start };
    this.adopt(el);
    this.current = el;
  }

  /** Closes the current element. `end`: past its markup. An implied close is a self-closing tag
   * (`from` is where the element started), or markup out of order: a closing tag for an outer
   * element, or the end of the document. */
  close(end: number, implied: boolean, from: number): void {
    const start = this.starts.pop();
    if (!implied) this.closes++;
    else if (start !== from) this.balanced = false;
    this.scopes.pop();
    this.qnames.pop();
    if (this.current) this.current.end = end;
    this.current = this.current?.parent ?? null;
  }

  comment(data: string): void {
    this.quotedCloses += count(data, '</');
  }

  addText(raw: string, cdata: boolean): void {
    if (cdata) this.quotedCloses += count(raw, '</');
    else if (!this.bareAmpersand && raw.includes('&') && BARE_AMPERSAND.test(raw)) this.bareAmpersand = true;
    const data = cdata || !raw.includes('&') ? raw : decodeHTML(raw);
    const siblings = this.current ? this.current.children : this.top;
    const last = siblings[siblings.length - 1];
    if (last?.type === 'text') last.data += data;
    else this.adopt({ type: 'text', data });
  }

  /** A node into the open element (or the document). An element's first child makes its list:
   * most elements have one child, their text, and a list that grows from empty is made room for
   * seventeen. */
  private adopt(node: XmlNode): void {
    const parent = this.current;
    if (!parent) this.top.push(node);
    else if (parent.children === NO_CHILDREN) (parent as unknown as { children: XmlNode[] }).children = [node];
    else (parent.children as XmlNode[]).push(node);
  }
}

/** The children of an element that has none: one list, never added to (TreeBuilder.adopt; the
 * tree's lists are read-only to everyone else). An array of objects emptied, not a frozen one:
 * a list of another kind than an element's own made V8 compile the builder again, twice. */
const NO_CHILDREN: XmlNode[] = [undefined as never];
NO_CHILDREN.length = 0;

/** Attributes of an element that has none, likewise shared and read-only. */
const NO_ATTRIBUTES: Record<string, string> = {};

function count(s: string, what: string): number {
  let n = 0;
  for (let i = s.indexOf(what); i !== -1; i = s.indexOf(what, i + what.length)) n++;
  return n;
}

/** A document is read by the strict tokenizer when it can, by htmlparser2 when it cannot. */
export type XmlTokenizer = 'strict' | 'lenient';

export function parseXml(text: string, opts: { tokenizer?: XmlTokenizer } = {}): XmlDoc & { tokenizer: XmlTokenizer } {
  let builder = opts.tokenizer === 'lenient' ? undefined : strict(text);
  const tokenizer = builder ? 'strict' : 'lenient';
  if (!builder) {
    builder = new TreeBuilder(text);
    const events = new LenientEvents(builder, text);
    const parser = new Parser(events, { xmlMode: true, decodeEntities: false, recognizeCDATA: true });
    events.parser = parser;
    parser.end(text);
  }
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
  return { root, balanced: builder.balanced && strays === 0 && whole, bareAmpersand: builder.bareAmpersand, tokenizer };
}

/** htmlparser2's events, for the builder. */
class LenientEvents {
  parser!: Parser;
  private inCdata = false;
  constructor(
    private builder: TreeBuilder,
    private text: string,
  ) {}

  onopentag(name: string, attribs: Record<string, string>): void {
    this.builder.open(name, attribs, this.parser.startIndex);
  }

  onclosetag(_name: string, implied: boolean): void {
    // The parser's end index is where the closing tag's name ended ("</item >" has a space there):
    // the element's markup ends past the ">".
    let end = this.parser.endIndex + 1;
    if (!implied && this.text[end - 1] !== '>') {
      const gt = this.text.indexOf('>', end);
      if (gt !== -1) end = gt + 1;
    }
    this.builder.close(end, implied, this.parser.startIndex);
  }

  oncomment(data: string): void {
    this.builder.comment(data);
  }

  ontext(raw: string): void {
    this.builder.addText(raw, this.inCdata);
  }

  oncdatastart(): void {
    this.inCdata = true;
  }

  oncdataend(): void {
    this.inCdata = false;
  }
}

// The strict tokenizer's grammar: what htmlparser2 reads, in XML mode, exactly the same way. White
// space is XML's and HTML's five characters, as htmlparser2 counts them.
const NAME = /[A-Za-z_][^ \t\n\f\r/>=<"']*/y;
const ATTRIBUTE = /[ \t\n\f\r]+([^ \t\n\f\r/>=<"']+)[ \t\n\f\r]*=[ \t\n\f\r]*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /[ \t\n\f\r]*\/?>/y;
const CLOSE_END = /[ \t\n\f\r]*>/y;

/**
 * The tree of a well-formed feed, read by indexOf and sticky expressions, where htmlparser2's
 * tokenizer reads a character at a time. The 333 XML feeds of bench:collect, built into the same
 * tree: 94 ms cold and 70 ms warm, against 161 and 124 ms through htmlparser2. It reads markup only as
 * htmlparser2 would read it the same way: elements closed in order, attributes quoted, comments,
 * CDATA, processing instructions and a DOCTYPE without an internal subset. At anything else (a
 * misnested or unclosed tag, a bare "<", an attribute without quotes) it gives up, and the
 * document is read again by htmlparser2, whose recovery from broken markup feeds rely on.
 */
function strict(text: string): TreeBuilder | undefined {
  const b = new TreeBuilder(text);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      b.addText(text.slice(i), false);
      break;
    }
    if (lt > i) b.addText(text.slice(i, lt), false);
    const c = text.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      // Only the open element's closing tag: its name, then white space or ">".
      const name = b.openName;
      if (name === undefined || !text.startsWith(name, lt + 2)) return undefined;
      CLOSE_END.lastIndex = lt + 2 + name.length;
      if (!CLOSE_END.test(text)) return undefined;
      b.close(CLOSE_END.lastIndex, false, lt);
      i = CLOSE_END.lastIndex;
    } else if (c === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const d = text.charCodeAt(lt + 4);
        const end = text.indexOf('-->', lt + 4);
        if (end === -1 || d === 45 /* - */ || d === 62 /* > */) return undefined;
        b.comment(text.slice(lt + 4, end));
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) return undefined;
        b.addText(text.slice(lt + 9, end), true);
        i = end + 3;
      } else {
        // A declaration (<!DOCTYPE rss>); one with an internal subset is htmlparser2's to read.
        const end = text.indexOf('>', lt + 2);
        if (end === -1 || text.charCodeAt(lt + 2) === 91 /* [ */ || text.charCodeAt(lt + 2) === 45 /* - */ || text.slice(lt, end).includes('[')) return undefined;
        i = end + 1;
      }
    } else if (c === 63 /* ? */) {
      const end = text.indexOf('>', lt + 2);
      if (end === -1) return undefined;
      i = end + 1;
    } else {
      NAME.lastIndex = lt + 1;
      if (!NAME.test(text)) return undefined;
      const name = text.slice(lt + 1, NAME.lastIndex);
      let attribs = NO_ATTRIBUTES;
      let at = NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const m = ATTRIBUTE.exec(text);
        if (!m) break;
        if (attribs === NO_ATTRIBUTES) attribs = {};
        if (!Object.hasOwn(attribs, m[1]!)) attribs[m[1]!] = m[2] ?? m[3]!;
        at = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = at;
      if (!TAG_END.test(text)) return undefined;
      i = TAG_END.lastIndex;
      b.open(name, attribs, lt);
      if (text.charCodeAt(i - 2) === 47 /* / */) b.close(i, true, lt);
    }
  }
  return b.openName === undefined ? b : undefined;
}

/** Child elements with one of the names ("atom:link", "link", …). */
export function all(el: XmlElement | undefined, ...names: string[]): XmlElement[] {
  return allIn(el, names);
}

/** all() with the names in a list made once (a reader's constants): no list made per call. */
export function allIn(el: XmlElement | undefined, names: readonly string[]): XmlElement[] {
  const out: XmlElement[] = [];
  if (el) for (const c of el.children) if (c.type === 'tag' && names.includes(c.qname)) out.push(c);
  return out;
}

/** The first child with the first of the names that any child has. */
export function first(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  return firstIn(el, names);
}

/** first() with the names in a list made once. */
export function firstIn(el: XmlElement | undefined, names: readonly string[]): XmlElement | undefined {
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
