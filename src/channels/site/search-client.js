// The static site's search page: loads the search index of each season and shows results as
// the server would (same ranking and marking, from search-core.js). Copied as is to /search.js.
import { escapeHtml, mark, search, snippet } from './search-core.js';

// The index is data: a link is written only when its scheme is http, https or mailto, read as a browser
// reads it (the server keeps to the same rule, src/core/links.ts, so this is the second lock).
const safeUrl = (url) => {
  const read = String(url ?? '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(read);
  return read !== '' && !/[\\]|&#|&[a-z]+;/i.test(read.split(/[/?]/)[0]) && (!scheme || ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase()));
};
const box = document.getElementById('results');
const input = document.getElementById('q');
if (box && input) {
  const words = JSON.parse(box.dataset.words);
  const fill = (t, vars) => t.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
  let entries = null;
  const load = async () => {
    if (!entries) {
      const shards = box.dataset.shards.split(' ').filter(Boolean);
      const parts = await Promise.all(shards.map((u) => fetch(u).then((r) => (r.ok ? r.json() : []))));
      entries = parts.flat();
    }
    return entries;
  };
  const show = async (q) => {
    if (!q.trim()) {
      box.innerHTML = '';
      return;
    }
    const found = search(await load(), q);
    const items = found.hits
      .map(({ entry: [n, section, title, text, url] }) => {
        const t = mark(title, found.terms);
        return `<li><h3>${safeUrl(url) ? `<a href="${escapeHtml(url)}">${t}</a>` : t}</h3><p>${mark(snippet(text, found.terms), found.terms)}</p><p class="meta">${section === 'post' ? `<a href="${escapeHtml(url)}">${escapeHtml(words.posts)}</a>` : `<a href="${words.issueBase}${n}/">${escapeHtml(fill(words.inIssue, { n }))}</a>`}</p></li>`;
      })
      .join('');
    box.innerHTML = `<p role="status">${escapeHtml(fill(found.total ? words.results : words.none, { n: found.total, q }))}</p><ol class="results">${items}</ol>`;
  };
  const initial = new URLSearchParams(location.search).get('q') ?? '';
  input.value = initial;
  void show(initial);
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      history.replaceState(null, '', input.value ? `?q=${encodeURIComponent(input.value)}` : location.pathname);
      void show(input.value);
    }, 120);
  });
}
