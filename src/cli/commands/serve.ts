import { demoIssue } from '../../core/demo-issue.ts';
import { listIssues, saveIssue } from '../../store/issues.ts';
import { buildApp } from '../../server/app.ts';
import { parse, str } from '../args.ts';
import { withContext, type Io } from '../context.ts';

export const usage = 'serve [--port 8080] [--host 127.0.0.1] [--demo]   run the server (--demo adds a sample draft to an empty archive)';

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' } });
  const port = Number(str(p, 'port') ?? process.env.PORT ?? 8080);
  const host = str(p, 'host') ?? process.env.HOST ?? '127.0.0.1';
  await withContext(p, io, async (ctx) => {
    if (p.values.demo && (await listIssues(ctx.store.db, ctx.publication.id)).length === 0) {
      await ctx.store.db.transaction().execute((tx) => saveIssue(tx, ctx.publication.id, demoIssue()));
      io.out('serve: created the demo publication with a sample draft issue');
    }
    const app = await buildApp(ctx.store);
    const address = await app.listen({ port, host });
    io.out(`Pressroom is serving ${ctx.publication.pub.slug} from ${ctx.store.label} at ${address}`);
    await new Promise<void>((resolve) => {
      const stop = () => void app.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
  return 0;
}
