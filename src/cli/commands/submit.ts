import { canonicalUrl } from '../../rank/canonical-url.ts';
import { submitLink } from '../../app/candidates.ts';
import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { note: { type: 'string' }, title: { type: 'string' } });
  const url = p.positionals[0];
  if (!url || !/^https?:\/\/[^\s/]+\.[^\s]+/i.test(url)) throw new UsageError('submit: give an http(s) URL');
  return withContext(p, io, async (ctx) => {
    const id = await submitLink(ctx.store.db, ctx.publication, { url, title: str(p, 'title'), note: str(p, 'note') }, new Date());
    ctx.out(ctx.json ? JSON.stringify(id) : `${id.created ? 'submitted' : 'already a candidate, marked as submitted too'}: #${id.id} ${canonicalUrl(url)}`);
    return 0;
  }, { create: true });
}
