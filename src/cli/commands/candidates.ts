import { rankedCandidates } from '../../app/candidates.ts';
import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { section: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' }, status: { type: 'string' }, search: { type: 'string' } });
  const limit = Number(str(p, 'limit') ?? 30);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('candidates: --limit is a whole number');
  const since = str(p, 'since');
  if (since && !Number.isFinite(Date.parse(since))) throw new UsageError(`candidates: --since "${since}" is not a date`);
  const status = (str(p, 'status') ?? 'new') as 'new';
  return withContext(p, io, async (ctx) => {
    const list = await rankedCandidates(ctx.store.db, ctx.publication.id, {
      section: str(p, 'section'),
      since: since ? new Date(since).toISOString() : undefined,
      limit,
      status,
      text: str(p, 'search'),
    });
    if (ctx.json) {
      ctx.out(JSON.stringify(list, null, 2));
      return 0;
    }
    list.forEach((c, i) => {
      const marks = [c.featuredIn ? `⚠ featured in #${c.featuredIn}` : '', c.duplicateOf ? `≈ near-duplicate of #${c.duplicateOf}` : ''].filter(Boolean).join(' ');
      ctx.out(`${String(i + 1).padStart(3)}. [${c.score.toFixed(2)}] ${c.title}  (${c.section}, #${c.id})${marks ? '  ' + marks : ''}\n      ${c.url}\n      ${c.explanation}`);
    });
    if (list.length === 0) ctx.out('no candidates; add sources with `pressroom sources add URL` and run `pressroom collect`');
    return 0;
  });
}
