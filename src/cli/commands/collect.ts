import { collect } from '../../jobs/collect.ts';
import { platformsFromEnv } from '../../sources/types.ts';
import { parse, UsageError } from '../args.ts';
import { fetcherFromConfig, loadConfig } from '../config.ts';
import { withContext, type Io } from '../context.ts';

export const usage = 'collect [--all] [--source ID]   fetch due sources (or all, or one) and update the candidates';

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { all: { type: 'boolean' }, source: { type: 'string', multiple: true } });
  return withContext(p, io, async (ctx) => {
    const config = loadConfig();
    const fetcher = fetcherFromConfig(config);
    const source = p.values.source;
    const ids = Array.isArray(source) ? source.map(Number) : undefined;
    if (ids?.some((n) => !Number.isInteger(n))) throw new UsageError('collect: --source takes a source number (see `pressroom sources list`)');
    const tty = process.stderr.isTTY && !ctx.json;
    try {
      const { progress, outcomes } = await collect(ctx.store, ctx.publication, {
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
      if (ctx.json) ctx.out(JSON.stringify({ ...progress, last: undefined, outcomes: outcomes.map((o) => ({ source: o.source.id, url: o.source.url, status: o.status, created: o.created, seen: o.seen, problems: o.problems, error: o.error })) }, null, 2));
      else ctx.out(`collected ${progress.total} sources: ${progress.created} new candidates, ${progress.notModified} not modified, ${progress.errors} failed`);
      return progress.errors && progress.errors === progress.total ? 1 : 0;
    } finally {
      await fetcher.close();
    }
  });
}
