// How deeply markup nests, found in one linear pass before any parser builds a tree. Parsers pay
// for depth (htmlparser2 keeps its open elements with unshift, linkedom and Readability recurse),
// so a feed or page nested 100,000 levels deep took seconds to minutes and then overflowed the
// stack. Markup deeper than the limit is refused here, in time proportional to its length.

export const MAX_DEPTH = 1000;

export class DepthError extends Error {
  override name = 'DepthError';
  constructor(
    readonly limit: number,
    /** Character offset of the element that went past the limit. */
    readonly offset: number,
    readonly line: number,
  ) {
    super(`elements nested deeper than ${limit} levels (line ${line}); refused unread`);
  }
}

// Elements that never have content, and those whose end tag HTML lets a writer leave out (the
// next one of its kind closes it).
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame', 'keygen']);
const SIBLINGS: Record<string, string[]> = { li: ['li'], dt: ['dt', 'dd'], dd: ['dt', 'dd'], tr: ['tr', 'td', 'th'], td: ['td', 'th'], th: ['td', 'th'], option: ['option'], thead: ['tbody'], tbody: ['thead', 'tbody'] };
/** Elements whose start closes an open <p>. */
const P_CLOSERS = new Set(['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'dt', 'dd', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);

/** Throws DepthError when the markup nests deeper than `limit`; `html` applies HTML's void and optional-end rules. */
export function checkDepth(text: string, opts: { html: boolean; limit?: number }): void {
  const limit = opts.limit ?? MAX_DEPTH;
  const stack: string[] = [];
  let i = text.indexOf('<');
  while (i !== -1 && i < text.length - 1) {
    const c = text.charCodeAt(i + 1);
    let end: number;
    if (c === 0x21 /* ! */) {
      if (text.startsWith('<!--', i)) end = close(text, '-->', i + 4);
      else if (text.startsWith('<![CDATA[', i)) end = close(text, ']]>', i + 9);
      else end = close(text, '>', i + 2);
    } else if (c === 0x3f /* ? */) {
      end = close(text, '>', i + 2);
    } else if (c === 0x2f /* / */) {
      end = close(text, '>', i + 2);
      const name = tagName(text, i + 2, opts.html);
      // Pop to the element it closes; a close that matches nothing open is ignored.
      const at = stack.lastIndexOf(name);
      if (at !== -1) stack.length = at;
    } else if (isNameStart(c)) {
      end = tagEnd(text, i + 1);
      const name = tagName(text, i + 1, opts.html);
      const selfClosed = text.charCodeAt(end - 2) === 0x2f;
      if (!(selfClosed || (opts.html && VOID.has(name)))) {
        // Start tags that end the open element (HTML's optional end tags): at most a few pops.
        if (opts.html) {
          if (stack[stack.length - 1] === 'p' && P_CLOSERS.has(name)) stack.pop();
          if (SIBLINGS[name]?.includes(stack[stack.length - 1]!)) stack.pop();
        }
        stack.push(name);
        if (stack.length > limit) throw new DepthError(limit, i, lineOf(text, i));
        if (opts.html && RAW_TEXT.has(name)) {
          const closing = new RegExp(`</${name}`, 'ig');
          closing.lastIndex = end;
          const stop = closing.exec(text);
          end = stop ? stop.index : text.length;
        }
      }
    } else {
      end = i + 1;
    }
    i = text.indexOf('<', end);
  }
}

function close(text: string, what: string, from: number): number {
  const at = text.indexOf(what, from);
  return at === -1 ? text.length : at + what.length;
}

/** Where a start tag ends, past quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const ch = text.charCodeAt(j);
    if (quote) {
      if (ch === quote) quote = 0;
    } else if (ch === 0x22 || ch === 0x27) quote = ch;
    else if (ch === 0x3e) return j + 1;
  }
  return text.length;
}

function tagName(text: string, from: number, lower: boolean): string {
  let j = from;
  while (j < text.length) {
    const ch = text.charCodeAt(j);
    if (ch === 0x3e || ch === 0x2f || ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || ch === 0x0c) break;
    j++;
  }
  const name = text.slice(from, j);
  return lower ? name.toLowerCase() : name;
}

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a || c > 0x7f;
}

/** The line (from 1) of a character offset. */
export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
