// Allow-list HTML sanitising, for everything ingested before it is stored or shown:
// no scripts, styles, event handlers or javascript: URLs; iframes only from known video hosts.
// Relative URLs are resolved against the document they came from.

import { createRequire } from 'node:module';
import { squashSpaces } from '../text/spaces.ts';
import { checkDepth } from './depth.ts';
import { decodeHTML } from 'entities';
import type SanitizeHtml from 'sanitize-html';

// sanitize-html, with the parser and the CSS tools it brings, is loaded on its first use: most
// commands never sanitise, and a collection's reader threads start without it (80 ms each).
let loaded: typeof SanitizeHtml | undefined;
const sanitizeHtml = (html: string, options: SanitizeHtml.IOptions): string => (loaded ??= createRequire(import.meta.url)('sanitize-html') as typeof SanitizeHtml)(html, options);

const IFRAME_HOSTS = ['www.youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com', 'player.bilibili.com'];

function resolver(base: string | undefined, attr: string) {
  return (tagName: string, attribs: SanitizeHtml.Attributes) => {
    const v = attribs[attr];
    if (v && base) {
      try {
        attribs[attr] = new URL(v.trim(), base).toString();
      } catch {
        delete attribs[attr];
      }
    }
    return { tagName, attribs };
  };
}

export function sanitize(html: string, base?: string): string {
  if (!html) return '';
  checkDepth(html, { html: true });
  return sanitizeHtml(html, {
    allowedTags: [
      'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
      'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'iframe', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p',
      'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
      'thead', 'time', 'tr', 'u', 'ul', 'var', 'audio', 'video', 'source',
    ],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      iframe: ['src', 'width', 'height', 'allowfullscreen', 'title'],
      audio: ['src', 'controls'],
      video: ['src', 'controls', 'poster', 'width', 'height'],
      source: ['src', 'type'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      abbr: ['title'],
      time: ['datetime'],
      q: ['cite'],
      blockquote: ['cite'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'], audio: ['http', 'https'], video: ['http', 'https'], source: ['http', 'https'] },
    allowProtocolRelative: false,
    allowedIframeHostnames: IFRAME_HOSTS,
    disallowedTagsMode: 'discard',
    // An iframe whose source was refused is dropped whole, not left empty.
    exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
    transformTags: { a: resolver(base, 'href'), img: resolver(base, 'src'), iframe: resolver(base, 'src'), source: resolver(base, 'src') },
  });
}

/** Text without any markup, for titles and search. */
export function stripTags(html: string): string {
  // Without a "<" there is nothing to strip (most titles): the parser would only decode entities.
  const text = html.includes('<') ? sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }) : html;
  const decoded = text.includes('&') ? decodeHTML(text) : text;
  return squashSpaces(decoded).trim();
}

// The elements of HTML (the living standard's, with the obsolete ones feeds still carry): a tag
// named otherwise, as in `Vec<T>` or `odd <heading>`, is a word of the title, not markup.
const HTML_ELEMENTS = new Set(
  ('a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button canvas caption center cite code col colgroup ' +
    'data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 ' +
    'head header hgroup hr html i iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noscript object ol ' +
    'optgroup option output p param picture pre progress q rp rt ruby s samp script search section select small source span strike strong style ' +
    'sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr').split(' '),
);
const CLOSE_TAG = /<\/\w+\s*>/;
const ENTITY = /&(?:#\d+|#x[\da-f]+|\w+);/i;
const TAG_NAME = /<\/?([a-z][\w-]*)/gi;
const NAMED_ENTITY = /&(\w+);/g;

/**
 * Whether a title written as text may be HTML, as feedparser judges an RSS title: it must have a
 * closing tag or an entity, every tag must be an HTML element and every named entity one of
 * HTML's. `Using <b>bold</b>` and `Tom &amp; Jerry` are HTML; `Why Vec<T> is fast` is not.
 */
export function looksLikeHtml(s: string): boolean {
  if (!CLOSE_TAG.test(s) && !ENTITY.test(s)) return false;
  for (const [, name] of s.matchAll(TAG_NAME)) if (!HTML_ELEMENTS.has(name!.toLowerCase())) return false;
  for (const [whole] of s.matchAll(NAMED_ENTITY)) if (decodeHTML(whole) === whole) return false;
  return true;
}

/**
 * A title from a source that does not say whether it is text or HTML (RSS, JSON Feed in the wild):
 * markup and entities go only where the title looks like HTML, so a title about `Vec<T>` or the
 * `<dialog>` element keeps its words.
 */
export function titleText(s: string): string {
  return looksLikeHtml(s) ? stripTags(s) : squashSpaces(s).trim();
}
