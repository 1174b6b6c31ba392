// The archive looked at, from the issues given (what readers have; all, or one season): items per
// section per issue, words per issue, the links' languages, top domains, the projects' stars when
// they were featured, the editor's pick rate per source when given, and the word cloud; each chart
// an SVG with its text alternative. The editor's stats page (app/stats.ts adds the pick rates), the
// site's stats pages and `stats --charts` all draw it.

import { groupItems } from '../core/stats.ts';
import { seasonOf, sectionItems, type Issue, type Lang, type Publication } from '../core/model.ts';
import { barChart, lineChart, shareBar, stackedColumns } from './charts.ts';
import { cloudSvg, countWords, layoutCloud, stopWords } from './wordcloud.ts';
import { editionWords } from '../markdown/render.ts';

export interface Chart {
  id: string;
  title: string;
  svg: string;
}

export interface LookBack {
  season: number | null;
  lang: Lang;
  issues: number;
  items: number;
  charts: Chart[];
  /** The season's word cloud (or the archive's), with how many words found no room. */
  cloud: Chart & { words: number; dropped: number };
}

const WORDS: Record<string, Record<string, string>> = {
  zh: { perSection: '每期各栏目的条目数', words: '每期字数', langs: '链接的语言', domains: '最常出现的网站', stars: '项目被推荐时的星标数', picks: '各信息源的采用率', cloud: '词云', season: '第 {n} 季', all: '全部' },
  en: { perSection: 'Items per section, per issue', words: 'Words per issue', langs: 'Languages of the links', domains: 'Top sites', stars: 'Projects\' stars when featured', picks: 'Pick rate per source', cloud: 'Word cloud', season: 'season {n}', all: 'all issues' },
  ja: { perSection: '号ごとのセクション別項目数', words: '号ごとの文字数', langs: 'リンクの言語', domains: 'よく出るサイト', stars: '紹介時のスター数', picks: '情報源ごとの採用率', cloud: 'ワードクラウド', season: 'シーズン {n}', all: 'すべて' },
};

export function lookbackReport(all: Issue[], pub: Publication, opts: { season?: number | undefined; lang?: Lang | undefined; rates?: { label: string; picked: number; decided: number }[] | undefined; public?: boolean | undefined; /** The language of the charts' titles (the editor's); default the content's. */ ui?: string | undefined } = {}): LookBack {
  const lang = opts.lang ?? pub.primaryLang;
  const w = WORDS[opts.ui ?? lang] ?? WORDS.en!;
  // Oldest first, however they were given (the site lists its issues newest first): the charts run left to right in time.
  const issues: Issue[] = all.filter((i) => (opts.season === undefined || seasonOf(i.number) === opts.season) && i.items.some((it) => it.texts[lang]?.title)).sort((a, b) => a.number - b.number);
  const scope = opts.season === undefined ? w.all! : w.season!.replace('{n}', String(opts.season));
  const sections = pub.sections.filter((s) => s.kind === 'items');
  const charts: Chart[] = [];
  const at = (id: string, title: string, svg: string) => charts.push({ id, title, svg });
  const numbers = issues.map((i) => i.number);

  const series = sections.map((s) => ({ label: `${s.emoji}${s.titles[lang] ?? s.key}`, values: issues.map((i) => sectionItems(i, s.key).filter((it) => it.texts[lang]?.title).length) }));
  const totals = series.map((s) => `${s.label} ${s.values.reduce((a, b) => a + b, 0)}`).join(', ');
  at('per-section', w.perSection!, stackedColumns({ id: 'per-section', title: `${w.perSection} · ${scope}`, desc: `${issues.length} issues (#${numbers[0] ?? '-'}–#${numbers.at(-1) ?? '-'}); items in all: ${totals}`, x: numbers, series }));

  const words = issues.map((i) => ({ x: i.number, y: editionWords(i, pub, lang) }));
  const mean = words.length ? Math.round(words.reduce((a, p) => a + p.y, 0) / words.length) : 0;
  at('words', w.words!, lineChart({ id: 'words', title: `${w.words} · ${scope}`, desc: `${words.length} issues, ${mean} words on average; the most ${Math.max(0, ...words.map((p) => p.y))} and the fewest ${words.length ? Math.min(...words.map((p) => p.y)) : 0}`, points: words }));

  const langs = groupItems(issues, pub, 'language');
  at('languages', w.langs!, shareBar({ id: 'languages', title: `${w.langs} · ${scope}`, desc: `${langs.reduce((n, r) => n + r.items, 0)} links by language: ${langs.map((r) => `${r.key} ${r.items} (${(r.share * 100).toFixed(1)}%)`).join(', ')}`, rows: langs.map((r) => ({ label: r.key, value: r.items })) }));

  // For everyone (the site's pages): what every reader sees, titles and counts; no links, no blurbs.
  const open = !opts.public;
  const domains = groupItems(issues, pub, 'domain').filter((r) => !r.key.startsWith('(')).slice(0, 12);
  if (open) at('domains', w.domains!, barChart({ id: 'domains', title: `${w.domains} · ${scope}`, desc: `The ${domains.length} sites linked most, with their links: ${domains.map((r) => `${r.key} ${r.items}`).join(', ')}`, rows: domains.map((r) => ({ label: r.key, value: r.items })) }));

  const projects = issues
    .flatMap((i) => i.items.filter((it) => typeof it.meta.stars === 'number' && it.texts[lang]?.title).map((it) => ({ label: it.texts[lang]!.title.split(/[：:]/)[0]!, value: it.meta.stars as number, note: `#${i.number}` })))
    .sort((a, b) => b.value - a.value)
    .slice(0, 12);
  if (open && projects.length) at('stars', w.stars!, barChart({ id: 'stars', title: `${w.stars} · ${scope}`, desc: `The ${projects.length} projects with the most stars when featured: ${projects.map((p) => `${p.label} ${p.value} (${p.note})`).join(', ')}`, rows: projects }));

  const rates = (opts.rates ?? [])
    .filter((r) => r.decided >= 3)
    .map((r) => ({ label: r.label, value: Math.round((r.picked / r.decided) * 100), note: `${r.picked} of ${r.decided}` }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, 12);
  if (rates.length) at('picks', w.picks!, barChart({ id: 'picks', title: w.picks!, desc: `Of the candidates decided, the share picked, per source: ${rates.map((r) => `${r.label} ${r.value}% (${r.note})`).join(', ')}`, rows: rates, unit: '%' }));

  // A season's cloud reads its titles and blurbs; the archive's, its titles (segmenting Chinese is
  // about 2 MB a second, and the archive's blurbs are megabytes).
  const withBlurbs = open && opts.season !== undefined;
  const texts = issues.flatMap((i) => i.items.flatMap((it) => (it.texts[lang] ? [it.texts[lang]!.title, ...(withBlurbs ? [it.texts[lang]!.blurb] : [])] : [])));
  const counted = countWords(texts, lang, stopWords(lang, pub.style.langs[lang]?.stopWords ?? []));
  const { placed, dropped } = layoutCloud(counted.slice(0, 2000), { width: 900, height: 460 });
  const cloud = { id: 'cloud', title: `${w.cloud} · ${scope}`, svg: cloudSvg({ id: 'cloud', title: `${w.cloud} · ${scope}`, lang, width: 900, height: 460, placed }), words: placed.length, dropped };

  return { season: opts.season ?? null, lang, issues: issues.length, items: series.reduce((n, s) => n + s.values.reduce((a, b) => a + b, 0), 0), charts, cloud };
}
