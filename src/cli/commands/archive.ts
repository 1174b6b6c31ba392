import { featuredProjects } from '../../app/featured-projects.ts';
import { linkReport, sweepLinks } from '../../app/link-sweep.ts';
import { fetcherOptions, loadConfig } from '../../app/runtime.ts';
import { Fetcher } from '../../http/client.ts';
import { platformsFromEnv } from '../../sources/types.ts';
import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { since: { type: 'string' }, refresh: { type: 'boolean' }, report: { type: 'boolean' } });
  const [what] = p.positionals;
  if (what !== 'check-links' && what !== 'projects') throw new UsageError(`archive: check-links or projects, not "${what ?? ''}"`);
  return withContext(p, io, async (ctx) => {
    if (what === 'check-links') {
      if (!p.values.report) {
        const fetcher = new Fetcher(fetcherOptions(loadConfig()));
        // Ctrl+C stops after the links in flight; what was checked is kept, and the next run resumes.
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        let last = 0;
        try {
          const r = await sweepLinks(ctx.store.db, ctx.publication, fetcher, {
            since: str(p, 'since'),
            signal: stop.signal,
            onProgress: (x) => {
              if (ctx.json || Date.now() - last < 1000) return;
              last = Date.now();
              ctx.io.err(`checked ${x.done} of ${x.total} links, ${x.dead} dead${x.resumed ? ` (${x.resumed} from the run before)` : ''}`);
            },
          });
          if (!ctx.json) ctx.io.err(r.finished ? `checked all ${r.total} links: ${r.dead} dead` : `stopped after ${r.done} of ${r.total} links; run it again to go on where it stopped`);
          if (!r.finished) return 1;
        } finally {
          process.off('SIGINT', onSignal);
          await fetcher.close();
        }
      }
      const report = await linkReport(ctx.store.db, ctx.publication);
      if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
      else
        for (const i of report.issues) {
          ctx.out(`#${i.issue} (${i.date})`);
          for (const l of i.links) ctx.out(`  ${l.status.padEnd(10)} ${l.title}\n             ${l.url}${l.finalUrl ? ` → ${l.finalUrl}` : ''}${l.detail ? `  (${l.detail})` : ''}${l.archive ? `\n             archived copy: ${l.archive}` : ''}`);
        }
      return 0;
    }
    const fetcher = p.values.refresh ? new Fetcher(fetcherOptions(loadConfig())) : undefined;
    try {
      const r = await featuredProjects(ctx.store.db, ctx.publication, fetcher ? { fetcher, platforms: platformsFromEnv() } : undefined);
      if (ctx.json) ctx.out(JSON.stringify(r, null, 2));
      else {
        ctx.out(`${'repository'.padEnd(36)}${'issue'.padStart(6)}${'then'.padStart(9)}${'now'.padStart(9)}${'growth'.padStart(9)}  state`);
        for (const x of r.projects) ctx.out(`${x.repo.padEnd(36)}${`#${x.issue}`.padStart(6)}${String(x.starsThen ?? '-').padStart(9)}${String(x.starsNow ?? '-').padStart(9)}${(x.growth === null ? '-' : `${x.growth >= 0 ? '+' : ''}${x.growth}`).padStart(9)}  ${x.state}`);
        if (fetcher) ctx.io.err(`refreshed ${r.refreshed} of ${r.projects.length} from GitHub${r.stopped ? `; stopped: ${r.stopped}` : ''}`);
      }
      return r.stopped ? 1 : 0;
    } finally {
      await fetcher?.close();
    }
  });
}
