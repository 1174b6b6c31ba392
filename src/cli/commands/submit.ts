import { canonicalUrl } from '../../rank/canonical-url.ts';
import { recordSightings } from '../../store/candidates.ts';
import { getSource, submissionSource } from '../../store/sources.ts';
import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';

export const usage = 'submit URL [--note TEXT] [--title TEXT]   add a reader-submitted link to the candidates';

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { note: { type: 'string' }, title: { type: 'string' } });
  const url = p.positionals[0];
  if (!url || !/^https?:\/\/[^\s/]+\.[^\s]+/i.test(url)) throw new UsageError('submit: give an http(s) URL');
  return withContext(p, io, async (ctx) => {
    const now = new Date();
    const note = str(p, 'note') ?? null;
    const id = await ctx.store.db.transaction().execute(async (tx) => {
      const source = (await getSource(tx, await submissionSource(tx, ctx.publication.id)))!;
      const out = await recordSightings(tx, ctx.publication, source, [{ url, title: str(p, 'title') ?? url, summary: '', points: 0, comments: 0, tags: ['submitted'] }], now);
      const row = await tx.selectFrom('candidates').select('id').where('publication_id', '=', ctx.publication.id).where('url', '=', canonicalUrl(url)).executeTakeFirstOrThrow();
      if (note) await tx.updateTable('candidates').set({ note }).where('id', '=', row.id).execute();
      return { id: row.id, created: out.created > 0 };
    });
    ctx.out(ctx.json ? JSON.stringify(id) : `${id.created ? 'submitted' : 'already a candidate, marked as submitted too'}: #${id.id} ${canonicalUrl(url)}`);
    return 0;
  });
}
