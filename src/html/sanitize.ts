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
