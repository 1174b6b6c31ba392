import { parseChannels, publishIssue, schedulePublish } from '../../app/publish.ts';
import { parse, str, UsageError } from '../args.ts';
import { loadConfig, publishDeps } from '../../app/runtime.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { channels: { type: 'string' }, at: { type: 'string' } });
  const number = Number(p.positionals[0]);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError('say which issue: publish NUMBER');
  const channels = parseChannels(str(p, 'channels'));
  return withContext(p, io, async (ctx) => {
    const at = str(p, 'at');
    if (at) {
      const when = new Date(at);
      if (Number.isNaN(when.getTime())) throw new UsageError(`--at ${at} is not a time; write e.g. 2026-11-28T08:00:00+08:00`);
      await schedulePublish(ctx.store, ctx.publication, number, when, channels);
      ctx.out(ctx.json ? JSON.stringify({ number, scheduled: when.toISOString(), channels }) : `publish: issue #${number} goes out at ${when.toISOString()} on ${channels.join(', ')} (kept in the database; \`pressroom serve\` publishes it)`);
      return 0;
    }
    const deps = await publishDeps(ctx.store, ctx.publication, loadConfig());
    let shown = 0;
    deps.onCampaign = (c) => {
      if (ctx.json || Date.now() - shown < 1000) return;
      shown = Date.now();
      io.err(`publish: email ${c.sent}/${c.total} sent, ${c.failed} failed, ${c.remaining} remaining`);
    };
    const outcomes = await publishIssue(ctx.store, ctx.publication, number, channels, deps);
    if (ctx.json) ctx.out(JSON.stringify({ number, outcomes }, null, 2));
    else for (const o of outcomes) ctx.out(`${o.channel.padEnd(9)} ${o.status.padEnd(8)} ${o.detail}`);
    return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
  });
}
