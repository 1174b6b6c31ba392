// Item search shared by the server (`/search/?q=`) and the static site (search.js in the browser):
// one file, plain JavaScript, so both rank and mark the same way. Types: search-core.d.ts.
//
// An index entry is [issue, section, title, text, url]. A query is split on spaces into terms; an
// entry matches when it holds every term (case-insensitive substring, so Chinese needs no word
// segmentation and "async" finds "asyncio"). Ranking: terms in the title count most, then whole
// words over word parts, then newer issues.

/** @param {string} q */
export function queryTerms(q) {
  const seen = new Set();
  for (const t of q.normalize('NFKC').toLowerCase().split(/[\s,，、。;；]+/u)) {
    const term = t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}+#]+$/gu, '');
    if (term) seen.add(term);
  }
  return [...seen].slice(0, 8);
}

const WORD = /[\p{L}\p{N}_]/u;

function countIn(hay, term) {
  let n = 0;
  let whole = 0;
  for (let i = hay.indexOf(term); i !== -1; i = hay.indexOf(term, i + term.length)) {
    n++;
    const before = i === 0 ? '' : hay[i - 1];
    const after = hay[i + term.length] ?? '';
    if ((!before || !WORD.test(before) || !/[a-z0-9]/.test(term[0])) && (!after || !WORD.test(after) || !/[a-z0-9]/.test(term[term.length - 1]))) whole++;
  }
  return { n, whole };
}

/**
 * @param {Array<[number, string, string, string, string]>} entries
 * @param {string} q
 * @param {number} [limit]
 */
export function search(entries, q, limit = 50) {
  const terms = queryTerms(q);
  if (terms.length === 0) return { terms, total: 0, hits: [] };
  const hits = [];
  for (const e of entries) {
    const title = e[2].toLowerCase();
    const text = e[3].toLowerCase();
    let score = 0;
    for (const term of terms) {
      const a = countIn(title, term);
      const b = countIn(text, term);
      if (a.n + b.n === 0) {
        score = 0;
        break;
      }
      score += a.n * 10 + a.whole * 5 + Math.min(b.n, 5) * 2 + Math.min(b.whole, 5);
    }
    if (score > 0) hits.push({ entry: e, score });
  }
  hits.sort((x, y) => y.score - x.score || y.entry[0] - x.entry[0]);
  return { terms, total: hits.length, hits: hits.slice(0, limit) };
}

/** The browser's copy of src/html/escape.ts escapeHtml (this file runs alone in the static site). @param {string} s */
export function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** The text, HTML-escaped, with every term wrapped in <mark>. */
export function mark(s, terms) {
  if (!terms.length) return escapeHtml(s);
  const lower = s.toLowerCase();
  const spans = [];
  for (const term of terms) for (let i = lower.indexOf(term); i !== -1; i = lower.indexOf(term, i + term.length)) spans.push([i, i + term.length]);
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  for (const [from, to] of spans) {
    if (from < at) continue;
    out += escapeHtml(s.slice(at, from)) + '<mark>' + escapeHtml(s.slice(from, to)) + '</mark>';
    at = to;
  }
  return out + escapeHtml(s.slice(at));
}

/** About `width` characters of the text around its first match. */
export function snippet(s, terms, width = 140) {
  if (s.length <= width) return s;
  const lower = s.toLowerCase();
  let first = -1;
  for (const t of terms) {
    const i = lower.indexOf(t);
    if (i !== -1 && (first === -1 || i < first)) first = i;
  }
  const start = Math.max(0, Math.min(first - Math.floor(width / 3), s.length - width));
  return (start > 0 ? '…' : '') + s.slice(start, start + width) + (start + width < s.length ? '…' : '');
}
