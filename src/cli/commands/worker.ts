import { Fetcher } from '../../http/client.ts';
import { enqueueDue, startBoss, work } from '../../jobs/queue.ts';
import { platformsFromEnv } from '../../sources/types.ts';
import { parse, str, UsageError } from '../args.ts';
import { fetcherOptions, loadConfig } from '../../app/runtime.ts';
import { withContext, type Io } from '../context.ts';
import { resolveDbUrl } from '../../store/db.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { concurrency: { type: 'string' } });
  const url = resolveDbUrl(str(p, 'db'));
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('worker: needs PostgreSQL (--db postgres://… or PRESSROOM_DB); on SQLite `pressroom serve` collects in-process');
  const concurrency = Number(str(p, 'concurrency') ?? 4);
  return withContext(p, io, async (ctx) => {
    const config = loadConfig();
    const queue = {
      ...config.queue,
      ...(process.env.PRESSROOM_JOB_EXPIRE_SECONDS ? { expireInSeconds: Number(process.env.PRESSROOM_JOB_EXPIRE_SECONDS) } : {}),
      ...(process.env.PRESSROOM_QUEUE_MAINTENANCE_SECONDS ? { maintenanceIntervalSeconds: Number(process.env.PRESSROOM_QUEUE_MAINTENANCE_SECONDS) } : {}),
      ...(process.env.PRESSROOM_QUEUE_POLL_SECONDS ? { pollingIntervalSeconds: Number(process.env.PRESSROOM_QUEUE_POLL_SECONDS) } : {}),
    };
    const boss = await startBoss(url, queue);
    const fetcher = new Fetcher(fetcherOptions(config));
    const interval = (config.collect?.intervalSeconds ?? 60) * 1000;
    const tick = () => enqueueDue(boss, ctx.store, new Date(), queue).catch((e: Error) => io.err(`worker: cannot queue due sources: ${e.message}`));
    await tick();
    const timer = setInterval(tick, interval);
    await work(boss, ctx.store, {
      ...queue,
      fetcher,
      platforms: platformsFromEnv(),
      concurrency,
      maxAgeDays: config.collect?.maxAgeDays,
      onOutcome: (o) => io.out(`worker ${process.pid}: source #${o.source.id} ${o.status}${o.error ? `: ${o.error}` : `, ${o.created} new`}`),
    });
    io.out(`worker ${process.pid}: working (${concurrency} at a time) on ${ctx.store.label}`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        clearInterval(timer);
        void boss.stop({ graceful: true, wait: true }).then(() => fetcher.close()).then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  });
}
