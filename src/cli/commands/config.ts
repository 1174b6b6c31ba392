import { configPath, describeSettings, loadConfig } from '../../app/config.ts';
import { parse, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, {});
  if (p.positionals[0] !== 'show') throw new UsageError('config show');
  return withContext(p, io, async (ctx) => {
    const settings = describeSettings(ctx.publication.pub, loadConfig());
    if (ctx.json) {
      ctx.out(JSON.stringify({ file: configPath(), database: ctx.store.label, publication: ctx.publication.pub.slug, settings }, null, 2));
      return 0;
    }
    ctx.out(`publication ${ctx.publication.pub.slug} in ${ctx.store.label}; configuration file ${configPath()}`);
    ctx.out('order: database, then file, then environment (later wins); secrets are never shown');
    const width = Math.max(...settings.map((s) => s.key.length));
    for (const s of settings) ctx.out(`${s.key.padEnd(width)}  ${s.value}  [${s.from}]`);
    return 0;
  });
}
