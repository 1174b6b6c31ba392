// The site's stats pages, when the publication makes them public: the archive's charts, or a
// season's with its word cloud. They are drawn from what every reader sees of the issues (titles,
// sections, counts), never from blurbs or links, so a teaser site's members-only text stays so.
// Served only: a static build leaves them out (it loads only the issues that changed).

import { seasonOf, type Lang } from '../../../core/model.ts';
import { fill } from '../../../core/template.ts';
import { escapeHtml as esc } from '../../../html/escape.ts';
import { lookbackReport } from '../../../lookback/report.ts';
import type { Page, Site } from '../site.ts';
import { wordsFor } from '../words.ts';

export const statsPublic = (site: Site) => site.opts.served && site.pub.publishing?.stats === 'public';

export function statsPage(site: Site, lang: Lang, season?: number): Page | undefined {
  if (!statsPublic(site)) return undefined;
  const heads = site.issuesIn(lang).filter((h) => season === undefined || seasonOf(h.number) === season);
  if (!heads.length) return undefined;
  const report = lookbackReport(heads.map((h) => site.full(h.number)), site.pub, { season, lang, public: true });
  const w = wordsFor(lang);
  const title = season === undefined ? w.stats : `${w.stats} · ${fill(w.season, { n: season })}`;
  const seasons = site.seasons(lang).map((s) => `<li><a href="${site.href(`${site.prefix(lang)}/stats/season-${s.season}/`)}"${s.season === season ? ' aria-current="page"' : ''}>${esc(fill(w.season, { n: s.season }))}</a></li>`).join('');
  const charts = report.charts.map((c) => `<figure class="chart">${c.svg}</figure>`).join('');
  const cloud = season !== undefined ? `<figure class="chart">${report.cloud.svg}</figure>` : '';
  return {
    title: `${title} · ${site.name(lang)}`,
    path: season === undefined ? `${site.prefix(lang)}/stats/` : `${site.prefix(lang)}/stats/season-${season}/`,
    body: `<h1>${esc(title)}</h1><nav aria-label="${esc(w.allSeasons)}"><ul class="seasons"><li><a href="${site.href(`${site.prefix(lang)}/stats/`)}"${season === undefined ? ' aria-current="page"' : ''}>${esc(w.allIssues)}</a></li>${seasons}</ul></nav>${cloud}${charts}`,
    lang,
    alternates: site.everyLang((l) => (season === undefined ? `${site.prefix(l)}/stats/` : `${site.prefix(l)}/stats/season-${season}/`)),
  };
}
