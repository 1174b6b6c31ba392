// A section's and a tag's pages, by season: their items grouped under the issues that had them.

import { sectionItems, type Lang } from '../../../core/model.ts';
import { fill } from '../../../core/template.ts';
import { escapeHtml as esc } from '../../../html/escape.ts';
import { itemTags, tagSlug } from '../content.ts';
import { ANONYMOUS, type Page, type Site, type Viewer } from '../site.ts';
import { wordsFor } from '../words.ts';
import { issueList, seasonNav, itemsByIssue } from './parts.ts';

/** A section's items of one season, by issue; with no season, the latest season's issues. */
export function sectionPage(site: Site, key: string, lang: Lang, season?: number, viewer: Viewer = ANONYMOUS): Page | undefined {
  const def = site.itemSections().find((s) => s.key === key);
  if (!def) return undefined;
  const w = wordsFor(lang);
  const seasons = site.seasons(lang);
  const shown = season ?? seasons[0]?.season ?? 1;
  const issues = seasons.find((s) => s.season === shown)?.issues;
  if (season !== undefined && !issues) return undefined;
  const heading = def.emoji + (def.titles[lang] ?? def.key);
  const seasonPath = (s: number) => `${site.prefix(lang)}/sections/${key}/season-${s}/`;
  const nav = seasonNav(site, lang, seasons.map((s) => s.season), season, seasonPath);
  // The section's front page lists the latest season's issues; each season's page shows the items.
  const groups = season === undefined ? '' : itemsByIssue(site, issues ?? [], lang, viewer, (issue) => sectionItems(issue, key).filter((i) => i.texts[lang]?.title));
  const path = season === undefined ? `${site.prefix(lang)}/sections/${key}/` : seasonPath(shown);
  const index = season === undefined && issues ? `<h2>${esc(fill(w.season, { n: shown }))}</h2>${issueList(site, issues, lang)}` : '';
  return { title: `${heading} · ${fill(w.season, { n: shown })} · ${site.name(lang)}`, path, body: `<h1>${esc(heading)}</h1>${nav}${index}${groups}`, lang, alternates: site.everyLang((l) => path.replace(site.prefix(lang), site.prefix(l))) };
}

/** A tag's items of one season (default its latest), by issue, with links to its other seasons. */
export function tagPage(site: Site, slug: string, lang: Lang, season?: number, viewer: Viewer = ANONYMOUS): Page | undefined {
  const use = site.tags(lang).get(slug);
  if (!use) return undefined;
  const shown = season ?? site.tagFront(slug, lang)!;
  if (!use.seasons.has(shown)) return undefined;
  const w = wordsFor(lang);
  const base = `${site.prefix(lang)}/tags/${slug}/`;
  const seasonPath = (s: number) => `${base}season-${s}/`;
  const seasons = [...use.seasons.keys()].sort((a, b) => b - a);
  const nav = seasons.length > 1 ? seasonNav(site, lang, seasons, shown, seasonPath) : '';
  const heads = site.seasons(lang).find((s) => s.season === shown)?.issues ?? [];
  const body = itemsByIssue(site, heads, lang, viewer, (issue) => issue.items.filter((i) => i.texts[lang]?.title && itemTags(i).some((t) => tagSlug(t) === slug)));
  const path = season === undefined ? base : seasonPath(shown);
  return { title: `#${use.tag} · ${fill(w.season, { n: shown })} · ${site.name(lang)}`, path, body: `<h1>#${esc(use.tag)} <small>${esc(fill(w.items, { n: use.total }))}</small></h1>${nav}${body}`, lang };
}
