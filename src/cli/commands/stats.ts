import { archiveStats } from '../../core/stats.ts';
import { editionWords } from '../../markdown/render.ts';
import { loadAllIssues } from '../../store/issues.ts';
import { parse } from '../args.ts';
import { withContext, type Io } from '../context.ts';

export const usage = 'stats   issues, items per kind (articles, projects, audio/video, discussions) and words';

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, {});
  return withContext(p, io, async (ctx) => {
    const pub = ctx.publication.pub;
    const issues = await loadAllIssues(ctx.store.db, ctx.publication.id);
    const stats = archiveStats(issues, pub, (issue) => {
      const lang = issue.items.some((i) => i.texts[pub.primaryLang]) ? pub.primaryLang : (issue.editions[0]?.lang ?? pub.primaryLang);
      return editionWords(issue, pub, lang);
    });
    if (ctx.json) {
      ctx.out(JSON.stringify(stats, null, 2));
      return 0;
    }
    const row = (cells: (string | number)[]) => cells.map((c, i) => (i < 2 ? String(c).padEnd(i ? 11 : 6) : String(c).padStart(9))).join(' ');
    ctx.out(row(['issue', 'date', 'articles', 'projects', 'media', 'talk', 'words']));
    for (const s of stats.perIssue) ctx.out(row([`#${s.number}`, s.date, s.items.article, s.items.project, s.items.media, s.items.discussion, s.words]));
    ctx.out(row(['total', `${stats.issues} issues`, stats.items.article, stats.items.project, stats.items.media, stats.items.discussion, stats.words]));
    return 0;
  });
}
