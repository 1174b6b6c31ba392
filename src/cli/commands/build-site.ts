import { buildSite, storeSource } from '../../channels/site/build.ts';
import { parse, str, UsageError } from '../args.ts';
import { loadConfig, publishDeps } from '../../app/runtime.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { 'site-url': { type: 'string' }, 'forms-url': { type: 'string' }, full: { type: 'boolean' } });
  const out = p.positionals[0];
  if (!out) throw new UsageError('say where: build-site OUT');
  return withContext(p, io, async (ctx) => {
    const deps = await publishDeps(ctx.store, ctx.publication, loadConfig());
    const siteUrl = str(p, 'site-url') ?? deps.siteUrl;
    try {
      new URL(siteUrl);
    } catch {
      throw new UsageError(`--site-url ${siteUrl} is not an absolute URL`);
    }
    let shown = 0;
    const r = await buildSite({ ...ctx.publication.pub, publishing: deps.publishing }, storeSource(ctx.store.db, ctx.publication.id), out, {
      siteUrl,
      formsUrl: str(p, 'forms-url'),
      full: p.values.full === true,
      onProgress: (done, total) => {
        if (ctx.json || Date.now() - shown < 1000) return;
        shown = Date.now();
        io.err(`build-site: ${done}/${total} pages`);
      },
    });
    ctx.out(ctx.json ? JSON.stringify(r) : `build-site: ${out}: ${r.rendered} pages rendered, ${r.written} files written, ${r.removed} removed, ${r.changedIssues} issues changed, ${r.loadedIssues} read${r.full ? ' (full build)' : ''}, ${(r.ms / 1000).toFixed(2)} s`);
    return 0;
  });
}
