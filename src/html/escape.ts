// Escaping text for HTML (and XML). One place for the server; the browser's search module
// (src/channels/site/search-core.js) carries its own copy of escapeHtml, as it must run alone.

const SPECIALS = /[&<>]/;

/** Text into element content: &, < and >. */
export function escapeText(s: string): string {
  // Most text has none of the three: it is returned as it is, not copied three times.
  if (!SPECIALS.test(s)) return s;
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Text into content or a quoted attribute, HTML or XML: the five specials, quotes as numeric references
 * (which Telegram's HTML mode, with its four named entities, also reads). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
