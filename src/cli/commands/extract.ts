import { Fetcher } from '../../http/client.ts';
import { extractCandidates } from '../../app/extract.ts';
import { parse, str, UsageError } from '../args.ts';
import { fetcherOptions, loadConfig } from '../../app/runtime.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { limit: { type: 'string' }, 'min-score': { type: 'string' }, id: { type: 'string' } });
  const limit = Number(str(p, 'limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('extract: --limit is a whole number');
  const id = str(p, 'id');
  return withContext(p, io, async (ctx) => {
    const fetcher = new Fetcher(fetcherOptions(loadConfig()));
    try {
      const outcomes = await extractCandidates(ctx.store, ctx.publication, {
        fetcher,
        limit,
        ...(str(p, 'min-score') ? { minScore: Number(str(p, 'min-score')) } : {}),
        ...(id ? { ids: [Number(id)] } : {}),
        onProgress: ctx.json ? undefined : (done, total) => process.stderr.isTTY && process.stderr.write(`\rextracted ${done}/${total}`),
      });
      if (process.stderr.isTTY && !ctx.json) process.stderr.write('\n');
      if (ctx.json) ctx.out(JSON.stringify(outcomes, null, 2));
      else {
        for (const o of outcomes) if (!o.ok) io.err(`  ✗ #${o.id} ${o.url}: ${o.error}`);
        ctx.out(`extracted ${outcomes.filter((o) => o.ok).length} of ${outcomes.length} pages`);
      }
      return 0;
    } finally {
      await fetcher.close();
    }
  });
}
