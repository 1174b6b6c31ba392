import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveStats, groupItems, GROUPINGS, type Grouping } from '../../core/stats.ts';
import { editionWords } from '../../markdown/render.ts';
import { loadAllIssues } from '../../app/archive.ts';
import { parse, str, UsageError } from '../args.ts';
import { seasonOf } from '../../core/model.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { season: { type: 'string' }, by: { type: 'string' }, charts: { type: 'string' }, lang: { type: 'string' }, readers: { type: 'boolean' } });
  const season = str(p, 'season');
  if (season !== undefined && !/^[1-9]\d*$/.test(season)) throw new UsageError(`stats: --season is a season's number (1 for issues 1-30), not "${season}"`);
  const by = str(p, 'by');
  if (by !== undefined && !(GROUPINGS as readonly string[]).includes(by)) throw new UsageError(`stats: --by is one of ${GROUPINGS.join(', ')}, not "${by}"`);
  return withContext(p, io, async (ctx) => {
    const pub = ctx.publication.pub;
    const issues = (await loadAllIssues(ctx.store.db, ctx.publication.id)).filter((i) => season === undefined || seasonOf(i.number) === Number(season));
    if (p.values.readers) {
      const { readerStats } = await import('../../app/reader-stats.ts');
      const r = await readerStats(ctx.store.db, ctx.publication);
      if (ctx.json) {
        ctx.out(JSON.stringify(r, null, 2));
        return 0;
      }
      ctx.out(`${'campaign'.padEnd(10)}${'delivered'.padStart(10)}${'failed'.padStart(8)}${'bounced'.padStart(9)}${'complaints'.padStart(12)}${'unsubscribed'.padStart(14)}`);
      for (const c of r.campaigns) ctx.out(`${`#${c.issue}`.padEnd(10)}${String(c.delivered).padStart(10)}${String(c.failed).padStart(8)}${String(c.bounced).padStart(9)}${String(c.complaints).padStart(12)}${String(c.unsubscribed).padStart(14)}`);
      for (const f of r.feedReaders) ctx.out(`${f.reader} (${f.feed}): ${f.subscribers === null ? `${f.requests} requests on ${f.day}` : `${f.subscribers} subscribers`}`);
      const top = [...r.clicks].sort((a, b) => b.clicks - a.clicks).slice(0, 10);
      for (const c of top) ctx.out(`#${c.issue} ${c.clicks} clicks  ${c.url}`);
      return 0;
    }
    const chartsDir = str(p, 'charts');
    if (chartsDir) {
      const { lookBack } = await import('../../app/stats.ts');
      const r = await lookBack(ctx.store.db, ctx.publication, { season: season === undefined ? undefined : Number(season), lang: str(p, 'lang') });
      mkdirSync(chartsDir, { recursive: true });
      for (const c of [...r.charts, r.cloud]) {
        writeFileSync(join(chartsDir, `${c.id}.svg`), c.svg);
        ctx.out(`${join(chartsDir, `${c.id}.svg`)}  ${c.title}`);
      }
      ctx.out(`${r.issues} issues, ${r.items} items; the word cloud has ${r.cloud.words} words (${r.cloud.dropped} found no room)`);
      return 0;
    }
    if (by) {
      const rows = groupItems(issues, pub, by as Grouping);
      if (ctx.json) ctx.out(JSON.stringify({ by, season: season === undefined ? null : Number(season), issues: issues.length, rows }, null, 2));
      else {
        const label = (k: string) => (by === 'section' ? `${pub.sections.find((s) => s.key === k)?.titles[pub.primaryLang] ?? k}` : k);
        const width = Math.max(by.length, ...rows.map((r) => label(r.key).length)) + 2;
        ctx.out(`${by.padEnd(width)}${'items'.padStart(7)}${'share'.padStart(8)}${'issues'.padStart(8)}`);
        for (const r of rows) ctx.out(`${label(r.key).padEnd(width)}${String(r.items).padStart(7)}${`${(r.share * 100).toFixed(1)}%`.padStart(8)}${String(r.issues).padStart(8)}`);
        ctx.out(`${issues.length} issues${season ? ` in season ${season}` : ''}, ${rows.reduce((n, r) => n + r.items, 0)} items`);
      }
      return 0;
    }
    const stats = archiveStats(issues, pub, (issue) => {
      const lang = issue.items.some((i) => i.texts[pub.primaryLang]) ? pub.primaryLang : (issue.editions[0]?.lang ?? pub.primaryLang);
      return editionWords(issue, pub, lang);
    });
    if (ctx.json) {
      ctx.out(JSON.stringify(stats, null, 2));
      return 0;
    }
    const row = (cells: (string | number)[]) => cells.map((c, i) => (i < 2 ? String(c).padEnd(i ? 11 : 9) : String(c).padStart(9))).join(' ');
    ctx.out(row(['issue', 'date', 'articles', 'projects', 'media', 'talk', 'books', 'words']));
    for (const s of stats.perIssue) ctx.out(row([`#${s.number}`, s.date, s.items.article, s.items.project, s.items.media, s.items.discussion, s.books, s.words]));
    if (stats.seasons.length > 1) for (const s of stats.seasons) ctx.out(row([`season ${s.season}`, `${s.issues} issues`, s.items.article, s.items.project, s.items.media, s.items.discussion, s.books, s.words]));
    ctx.out(row(['total', `${stats.issues} issues`, stats.items.article, stats.items.project, stats.items.media, stats.items.discussion, stats.books, stats.words]));
    return 0;
  });
}
