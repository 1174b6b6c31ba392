import { join, resolve } from 'node:path';
import { makeEbook, type EbookFormat } from '../../app/ebook.ts';
import { fetcherOptions, loadConfig } from '../../app/runtime.ts';
import { Fetcher } from '../../http/client.ts';
import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { lang: { type: 'string' }, format: { type: 'string' }, images: { type: 'string' }, 'data-dir': { type: 'string' } });
  const [what, n] = p.positionals;
  if (what !== 'season' || !n || !/^[1-9]\d*$/.test(n)) throw new UsageError(`ebook season N: the season's number (1 for issues 1-30), not "${[what, n].filter(Boolean).join(' ')}"`);
  const format = str(p, 'format') ?? 'epub';
  if (format !== 'epub' && format !== 'pdf') throw new UsageError(`ebook: --format is epub or pdf, not "${format}"`);
  const images = str(p, 'images');
  if (images !== undefined && images !== 'embed' && images !== 'drop') throw new UsageError(`ebook: --images is embed or drop, not "${images}"`);
  return withContext(p, io, async (ctx) => {
    const embed = (images ?? ctx.publication.pub.publishing?.ebooks?.images) === 'embed';
    const fetcher = embed ? new Fetcher(fetcherOptions(loadConfig())) : undefined;
    try {
      const dir = join(resolve(str(p, 'data-dir') ?? process.env.PRESSROOM_DATA_DIR ?? './data'), 'ebooks');
      const r = await makeEbook(ctx.store.db, ctx.publication, { season: Number(n), lang: str(p, 'lang'), format: format as EbookFormat, images: images as 'embed' | 'drop' | undefined, fetcher, dir });
      if (ctx.json) ctx.out(JSON.stringify(r));
      else {
        ctx.out(`wrote ${r.file}: ${(r.bytes / 1024).toFixed(0)} KB, ${r.issues} issues, ${r.items} items, ${r.images.embedded} pictures embedded${r.replaced ? `; it replaces the book made ${r.replaced.slice(0, 16).replace('T', ' ')}` : ''}`);
        for (const d of r.images.dropped) ctx.io.err(`  left out ${d.src}: ${d.why}`);
      }
      return 0;
    } finally {
      await fetcher?.close();
    }
  });
}
