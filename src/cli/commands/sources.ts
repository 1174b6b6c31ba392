import { readFile } from 'node:fs/promises';
import { writeOpml } from '../../sources/opml.ts';
import { listSources } from '../../app/sources.ts';
import { addSource, differingText, importOpml } from '../../app/sources.ts';
import { AppError } from '../../app/errors.ts';
import { parse, str, UsageError } from '../args.ts';
import { usageOf } from '../commands.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, {
    kind: { type: 'string' },
    weight: { type: 'string' },
    lang: { type: 'string' },
    section: { type: 'string' },
    tags: { type: 'string' },
    title: { type: 'string' },
    replace: { type: 'boolean' },
  });
  const [sub, arg] = p.positionals;
  return withContext(p, io, async (ctx) => {
    const { id: pubId, pub } = ctx.publication;
    switch (sub) {
      case 'add': {
        if (!arg) throw new UsageError('sources add: give the feed URL, owner/repo, query, subreddit, node or tag');
        const weight = str(p, 'weight') !== undefined ? Number(str(p, 'weight')) : undefined;
        let r;
        try {
          r = await addSource(ctx.store.db, ctx.publication, { kind: str(p, 'kind'), address: arg, title: str(p, 'title'), weight, lang: str(p, 'lang'), section: str(p, 'section'), tags: str(p, 'tags')?.split(',').map((t) => t.trim()).filter(Boolean) });
        } catch (e) {
          // A kind, weight or section that is not one is a mistake in the command line.
          if (e instanceof AppError && /kind of a source|weight|no section/.test(e.message)) throw new UsageError(e.message);
          throw new Error(`sources add: ${(e as Error).message}`, { cause: e });
        }
        ctx.out(ctx.json ? JSON.stringify({ id: r.id, created: r.created, kind: r.kind, url: r.url }) : `${r.created ? 'added' : 'updated'} ${r.kind} source #${r.id}: ${r.url}`);
        return 0;
      }
      case 'list': {
        const sources = await listSources(ctx.store.db, pubId);
        if (ctx.json) ctx.out(JSON.stringify(sources, null, 2));
        else {
          for (const s of sources) {
            const state = s.lastError ? `✗ ${s.errorCount} failures, last: ${s.lastError}` : s.lastFetchedAt ? `✓ ${s.lastFetchedAt.slice(0, 16).replace('T', ' ')}` : 'never fetched';
            ctx.out(`#${s.id} ${s.kind.padEnd(8)} w${s.weight} ${s.url}${s.title ? ` (${s.title})` : ''} — ${state}`);
          }
          ctx.out(`${sources.length} sources`);
        }
        return 0;
      }
      case 'import-opml': {
        if (!arg) throw new UsageError('sources import-opml: give the OPML file');
        const text = await readFile(arg, 'utf8').catch(() => {
          throw new Error(`sources import-opml: cannot read ${arg}`);
        });
        let r;
        try {
          r = await importOpml(ctx.store.db, ctx.publication, text, arg, { replace: p.values.replace === true });
        } catch (e) {
          throw new Error(`sources import-opml: ${(e as Error).message}`);
        }
        if (ctx.json) {
          ctx.out(JSON.stringify(r));
          return 0;
        }
        const parts = [`${r.created} new`, `${r.unchanged} already there as the file has them`];
        if (r.replaced) parts.push(`${r.replaced} given the file's settings`);
        if (r.differing.length) parts.push(`${r.differing.length} already there with other settings, left as they are`);
        ctx.out(`imported ${r.feeds} sources from ${arg}: ${parts.join(', ')}`);
        for (const d of r.differing) ctx.out(`  ${differingText(d)}`);
        if (r.differing.length) ctx.out(`(sources import-opml ${arg} --replace gives them the file's settings)`);
        return 0;
      }
      case 'export-opml':
        ctx.io.write(writeOpml(pub.name[pub.primaryLang] ?? pub.slug, await listSources(ctx.store.db, pubId)));
        return 0;
      default:
        throw new UsageError(`sources: usage: pressroom ${usageOf('sources')}`);
    }
  }, { create: sub === 'add' || sub === 'import-opml' });
}
