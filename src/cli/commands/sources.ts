import { readFile } from 'node:fs/promises';
import { readOpml, writeOpml } from '../../sources/opml.ts';
import { adapterFor } from '../../sources/registry.ts';
import { ADDABLE_KINDS, isSourceKind } from '../../sources/kinds.ts';
import { listSources, upsertSource } from '../../store/sources.ts';
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
  });
  const [sub, arg] = p.positionals;
  return withContext(p, io, async (ctx) => {
    const { id: pubId, pub } = ctx.publication;
    switch (sub) {
      case 'add': {
        if (!arg) throw new UsageError('sources add: give the feed URL, owner/repo, query, subreddit, node or tag');
        const kind = str(p, 'kind') ?? 'feed';
        if (!isSourceKind(kind) || !ADDABLE_KINDS.includes(kind)) throw new UsageError(`sources add: --kind is one of ${ADDABLE_KINDS.join(', ')}`);
        const weight = str(p, 'weight') !== undefined ? Number(str(p, 'weight')) : undefined;
        if (weight !== undefined && !(weight > 0)) throw new UsageError('sources add: --weight is a positive number');
        const section = str(p, 'section');
        if (section && !pub.sections.some((s) => s.key === section)) throw new UsageError(`sources add: no section "${section}" (sections: ${pub.sections.map((s) => s.key).join(', ')})`);
        let url: string;
        try {
          url = adapterFor(kind).normalise(arg);
        } catch (e) {
          throw new Error(`sources add: ${(e as Error).message.replace(/^\w+: /, '')}`);
        }
        const r = await upsertSource(ctx.store.db, pubId, {
          kind,
          url,
          title: str(p, 'title'),
          weight,
          lang: str(p, 'lang'),
          section,
          tags: str(p, 'tags')?.split(',').map((t) => t.trim()).filter(Boolean),
        });
        ctx.out(ctx.json ? JSON.stringify({ id: r.id, created: r.created, kind, url }) : `${r.created ? 'added' : 'updated'} ${kind} source #${r.id}: ${url}`);
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
        const feeds = readOpml(text);
        const unknown = feeds.find((f) => !isSourceKind(f.kind) || !ADDABLE_KINDS.includes(f.kind));
        if (unknown) throw new Error(`sources import-opml: ${arg}: "${unknown.url}" is of a kind Pressroom has no adapter for ("${unknown.kind}"); nothing was imported`);
        let created = 0;
        await ctx.store.db.transaction().execute(async (tx) => {
          for (const f of feeds) created += (await upsertSource(tx, pubId, f)).created ? 1 : 0;
        });
        ctx.out(ctx.json ? JSON.stringify({ feeds: feeds.length, created }) : `imported ${feeds.length} sources from ${arg}: ${created} new, ${feeds.length - created} already there`);
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
