// The HTML page around a page's body, the same for every page of the served and the static site,
// and the one stylesheet.

import { safeLink } from '../../core/links.ts';
import { escapeHtml as esc } from '../../html/escape.ts';
import type { Page, Site } from './site.ts';
import { langTag, wordsFor } from './words.ts';

/** The policy a static copy carries in its pages (a server adds its own header too): no inline script, forms to the site or its forms server. */
function csp(site: Site): string {
  const forms = site.opts.formsUrl ? ` ${new URL(site.opts.formsUrl).origin}` : '';
  return `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data:; media-src 'self' https:; frame-src https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'${forms}`;
}

/** A page: its head (canonical and language alternates, feeds, OpenGraph, CSP), the site's header and footer around its body. */
export function pageHtml(site: Site, page: Page): string {
  const w = wordsFor(page.lang);
  const p = site.prefix(page.lang);
  const url = site.abs(page.path);
  const title = esc(page.title);
  const desc = page.description ? esc(page.description.slice(0, 300)) : '';
  const image = safeLink(page.image, 'image') ? esc(new URL(page.image!, url).href) : '';
  const alternates = Object.entries(page.alternates ?? {})
    .map(([l, path]) => `<link rel="alternate" hreflang="${esc(langTag(l))}" href="${esc(site.abs(path!))}">`)
    .join('');
  const switcher = Object.entries(page.alternates ?? {}).filter(([l]) => l !== page.lang);
  const langNav = switcher.length
    ? `<ul class="langs" aria-label="${esc(w.languages)}">${switcher.map(([l, path]) => `<li><a href="${site.href(path!)}" hreflang="${esc(langTag(l))}" lang="${esc(langTag(l))}">${esc(l.toUpperCase())}</a></li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="${esc(langTag(page.lang))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp(site))}">
<title>${title}</title>
${desc ? `<meta name="description" content="${desc}">` : ''}${page.noindex ? '<meta name="robots" content="noindex">' : ''}
<link rel="canonical" href="${esc(url)}">${alternates}
<link rel="alternate" type="application/rss+xml" title="${esc(site.name(page.lang))} (RSS)" href="${site.href(`${p}/feed.xml`)}">
<link rel="alternate" type="application/atom+xml" title="${esc(site.name(page.lang))} (Atom)" href="${site.href(`${p}/atom.xml`)}">
<link rel="alternate" type="application/feed+json" title="${esc(site.name(page.lang))} (JSON Feed)" href="${site.href(`${p}/feed.json`)}">
<meta property="og:site_name" content="${esc(site.name(page.lang))}">
<meta property="og:title" content="${title}">
<meta property="og:type" content="${page.type ?? 'website'}">
<meta property="og:url" content="${esc(url)}">
<meta property="og:locale" content="${esc(langTag(page.lang).replace('-', '_'))}">
${desc ? `<meta property="og:description" content="${desc}">` : ''}${image ? `<meta property="og:image" content="${image}">` : ''}
<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${title}">
${desc ? `<meta name="twitter:description" content="${desc}">` : ''}${image ? `<meta name="twitter:image" content="${image}">` : ''}
<link rel="stylesheet" href="${site.href('/style.css')}">
</head>
<body>
<a class="skip" href="#main">${esc(w.skip)}</a>
<header class="site">
<nav aria-label="${esc(site.name(page.lang))}"><a class="brand" href="${site.href(`${p}/`)}">${esc(site.name(page.lang))}</a><ul><li><a href="${site.href(`${p}/archive/`)}">${esc(w.archive)}</a></li><li><a href="${site.href(`${p}/search/`)}">${esc(w.search)}</a></li><li><a href="${site.href(`${p}/subscribe/`)}">${esc(w.subscribe)}</a></li><li><a href="${site.href(`${p}/feed.xml`)}">RSS</a></li></ul>${langNav}</nav>
</header>
<main id="main">
${page.body}
</main>
<footer class="site"><p>${esc(site.name(page.lang))} · <a href="${site.href(`${p}/archive/`)}">${esc(w.archive)}</a> · <a href="${site.formHref(`${p}/members/`)}">${esc(w.members)}</a> · <a href="${site.href(`${p}/feed.xml`)}">RSS</a> · <a href="${site.href(`${p}/atom.xml`)}">Atom</a> · <a href="${site.href(`${p}/feed.json`)}">JSON Feed</a></p></footer>
</body>
</html>
`;
}

export const STYLE_CSS = `:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--link:#0645ad;--line:#ddd;--note:#f4f6fb;--mark:#ffe58a}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#141414;--muted:#b0b0b0;--link:#8ab4f8;--line:#333;--note:#1f2330;--mark:#6b5500}}
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.7 system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Hiragino Sans",sans-serif}
a{color:var(--link)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:1}
header.site,main,footer.site{max-width:46rem;margin:0 auto;padding:0 1rem}
header.site nav{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;padding:1rem 0;border-bottom:1px solid var(--line)}
header.site ul,.inline,.langs,.seasons{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.brand{font-weight:700;text-decoration:none;color:var(--fg);margin-right:auto}
main{padding-top:1rem;padding-bottom:2rem}h1{font-size:1.6rem;line-height:1.3}h2{font-size:1.25rem;line-height:1.35;margin-top:2rem}h3{font-size:1.05rem;margin:.2rem 0}
.content img{max-width:100%;height:auto}.content pre{overflow-x:auto}
.meta,.kicker,small,time{color:var(--muted);font-size:.9em}.kicker{margin:0}
.notice{background:var(--note);border-left:4px solid var(--link);padding:.5rem 1rem;margin:1rem 0}
.issues li{margin:.25rem 0}.items{list-style:none;padding:0}.items li{margin:1rem 0}.items p{margin:.25rem 0}
.stars{color:var(--muted);font-weight:400;font-size:.85em}.tags a{margin-right:.5rem}
.pager{display:flex;justify-content:space-between;margin-top:2rem;border-top:1px solid var(--line);padding-top:1rem}
mark{background:var(--mark);color:inherit}.results{padding-left:1.2rem}.results li{margin:1rem 0}
form .row{display:flex;gap:.5rem}.stack{display:grid;gap:.5rem;max-width:24rem}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg)}
input[type=search]{flex:1;min-width:0}button{background:var(--link);color:var(--bg);border-color:var(--link);cursor:pointer}
.hp{position:absolute;left:-999px}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9em;padding-bottom:2rem}
figure.chart{margin:1rem 0}figure.chart svg{display:block;width:100%;height:auto;border-radius:8px}.ebooks,.stats-link{margin:.3rem 0}
`;
