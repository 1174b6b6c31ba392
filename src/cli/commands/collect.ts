import { Fetcher } from '../../http/client.ts';
import { collect } from '../../app/collect.ts';
import { platformsFromEnv } from '../../sources/types.ts';
import { nextDue } from '../../app/sources.ts';
import { spanText } from '../../text/duration.ts';
import { parse, UsageError } from '../args.ts';
import { fetcherOptions, loadConfig } from '../../app/runtime.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { all: { type: 'boolean' }, source: { type: 'string', multiple: true } });
  return withContext(p, io, async (ctx) => {
    const config = loadConfig();
    const fetcher = new Fetcher(fetcherOptions(config));
    const source = p.values.source;
    const ids = Array.isArray(source) ? source.map(Number) : undefined;
    if (ids?.some((n) => !Number.isInteger(n))) throw new UsageError('collect: --source takes a source number (see `pressroom sources list`)');
    const tty = process.stderr.isTTY && !ctx.json;
    try {
      const { progress, outcomes, threads } = await collect(ctx.store, ctx.publication, {
        fetcher,
        platforms: platformsFromEnv(),
        force: p.values.all === true,
        ...(config.collect?.maxAgeDays ? { maxAgeDays: config.collect.maxAgeDays } : {}),
        ...(ids ? { sourceIds: ids } : {}),
        onProgress: (pr) => {
          if (ctx.json) return;
          const line = `sources ${pr.done}/${pr.total} · new candidates ${pr.created} · not modified ${pr.notModified} · errors ${pr.errors}`;
          if (tty) process.stderr.write(`\r${line}`);
          if (pr.last?.status === 'failed') {
            if (tty) process.stderr.write('\n');
            io.err(`  ✗ #${pr.last.source.id} ${pr.last.error}`);
          }
        },
      });
      if (tty) process.stderr.write('\n');
      if (progress.total === 0 && !ids && !p.values.all) {
        // Nothing was due: say when something will be, rather than a bare "0 sources".
        const due = await nextDue(ctx.store.db, ctx.publication.id);
        if (ctx.json) ctx.out(JSON.stringify({ ...progress, last: undefined, outcomes: [], sources: due.sources, nextDueAt: due.at }, null, 2));
        else if (due.sources === 0) ctx.out('nothing to collect: no source to fetch yet (pressroom sources add URL, or sources import-opml FILE; newsletters and submissions come in by themselves)');
        else ctx.out(`nothing to collect: none of the ${due.sources} sources is due${due.at ? `; the next is due ${when(due.at, new Date())}` : ''} (collect --all fetches every source now)`);
        return 0;
      }
      if (ctx.json) ctx.out(JSON.stringify({ ...progress, last: undefined, threads, outcomes: outcomes.map((o) => ({ source: o.source.id, url: o.source.url, status: o.status, created: o.created, seen: o.seen, unchanged: o.unchanged ?? 0, problems: o.problems, error: o.error })) }, null, 2));
      else ctx.out(`collected ${progress.total - progress.busy} sources: ${progress.created} new candidates, ${progress.notModified} not modified, ${progress.errors} failed${progress.busy ? `; ${progress.busy} left to another run that has them` : ''}`);
      return progress.errors && progress.errors === progress.total ? 1 : 0;
    } finally {
      await fetcher.close();
    }
  });
}

/** "at 2030-01-05 09:12 UTC, in 47 min": a due time as an editor reads it. */
function when(iso: string, now: Date): string {
  return `at ${iso.slice(0, 16).replace('T', ' ')} UTC, in ${spanText((Date.parse(iso) - now.getTime()) / 3_600_000, { minutes: true })}`;
}
