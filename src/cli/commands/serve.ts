import { demoIssue } from '../../core/demo-issue.ts';
import { ChatClient, llmConfigFromEnv } from '../../llm/client.ts';
import { ownerFromEnv } from '../../server/auth.ts';
import { countUsers } from '../../store/accounts.ts';
import { collect } from '../../jobs/collect.ts';
import { ThreadReader } from '../../jobs/reader.ts';
import { enqueueDue, startBoss, work } from '../../jobs/queue.ts';
import { platformsFromEnv } from '../../sources/types.ts';
import { listIssues, saveIssue } from '../../store/issues.ts';
import { buildApp } from '../../server/app.ts';
import { SmtpPool } from '../../publish/mail/smtp.ts';
import { publishDue, resumeCampaigns } from '../../publish/publish.ts';
import { resolveDbUrl } from '../../store/db.ts';
import { parse, str } from '../args.ts';
import { fetcherFromConfig, loadConfig, publishDeps } from '../config.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' }, 'no-schedule': { type: 'boolean' } });
  const port = Number(str(p, 'port') ?? process.env.PORT ?? 8080);
  const host = str(p, 'host') ?? process.env.HOST ?? '127.0.0.1';
  await withContext(p, io, async (ctx) => {
    if (p.values.demo && (await listIssues(ctx.store.db, ctx.publication.id)).length === 0) {
      // A published issue for the site and a draft for the editor.
      const weekAgo = new Date(Date.now() - 7 * 86_400_000);
      await ctx.store.db.transaction().execute(async (tx) => {
        await saveIssue(tx, ctx.publication.id, { ...demoIssue(weekAgo), status: 'published' });
        await saveIssue(tx, ctx.publication.id, { ...demoIssue(), number: 2 });
      });
      io.out('serve: created the demo publication with a published issue and a draft');
    }
    const config = loadConfig();
    const owner = await ownerFromEnv(ctx.store);
    if (owner) io.out(`serve: created the owner account ${owner} from PRESSROOM_OWNER_EMAIL`);
    const llmConfig = llmConfigFromEnv(process.env, config.llm);
    // One fetcher (one connection pool, one set of per-host limits) for collection, link checks and star counts.
    const fetcher = fetcherFromConfig(config);
    const platforms = platformsFromEnv();
    const deps = await publishDeps(ctx.store, ctx.publication, config);
    // One SMTP pool for confirmations, welcomes and member links.
    const mailPool = deps.smtp ? new SmtpPool({ ...deps.smtp, pool: 1 }) : undefined;
    let listening: string | undefined;
    const app = await buildApp(ctx.store, {
      config,
      // With no site address configured, mailed links point where this server was told to listen.
      listenUrl: () => listening,
      publication: ctx.publication.pub.slug,
      fetcher,
      platforms,
      llm: llmConfig ? new ChatClient(llmConfig) : undefined,
      mail: mailPool ? { pool: mailPool, from: deps.publishing.mailFrom } : undefined,
    });
    const address = await app.listen({ port, host });
    listening = address;
    // With no configured address, links in scheduled issues' mail point at where this server listens.
    if (!deps.publishing.siteUrl && !process.env.PRESSROOM_SITE_URL) deps.siteUrl = address;
    io.out(`Pressroom is serving ${ctx.publication.pub.slug} from ${ctx.store.label} at ${address} (the site; the editor is at ${address}/editor/)`);
    if ((await countUsers(ctx.store.db)) === 0) io.out(`serve: no accounts yet: open ${address}/editor/ to create the owner's`);
    io.out(llmConfig ? `serve: the assistant uses ${llmConfig.model} at ${llmConfig.baseUrl}` : 'serve: no language model configured (PRESSROOM_LLM_BASE_URL, PRESSROOM_LLM_MODEL): blurbs fall back to extracts, translation is off');

    // Stopped in reverse: the schedule and workers, then the server, then the fetcher they share.
    io.out(deps.smtp ? `serve: mail goes through ${new URL(deps.smtp.url).host}` : 'serve: no SMTP server (PRESSROOM_SMTP_URL): subscribing and mailing issues are off');
    // Feeds are read on a thread of their own, so the server answers while a large one is read.
    const reader = new ThreadReader();
    const stops: (() => Promise<void>)[] = [() => fetcher.close(), () => reader.close(), async () => mailPool?.close(), () => app.close()];
    // Scheduled publishes: the schedule is in the database, so one set before a restart still goes out.
    let publishing = false;
    const campaigns = new Set<number>();
    const publishTick = async () => {
      if (publishing) return;
      publishing = true;
      try {
        for (const d of await publishDue(ctx.store, ctx.publication, deps)) io.out(`serve: published #${d.number}: ${d.outcomes.map((o) => `${o.channel} ${o.status}`).join(', ')}`);
        // A campaign another server (or this one, before a restart) left half-sent goes on from here.
        for (const p of await resumeCampaigns(ctx.store, ctx.publication, deps, campaigns)) io.out(`serve: campaign #${p.issue} resumed: ${p.sent} sent, ${p.failed} failed, ${p.remaining} remaining of ${p.total}`);
      } catch (e) {
        io.err(`serve: scheduled publish failed: ${(e as Error).message}`);
      } finally {
        publishing = false;
      }
    };
    void publishTick();
    const publishTimer = setInterval(() => void publishTick(), 1000 * (config.publishing?.checkSeconds ?? 30));
    stops.push(async () => clearInterval(publishTimer));
    if (!p.values['no-schedule']) {
      const every = (config.collect?.intervalSeconds ?? 60) * 1000;
      let tick: () => Promise<unknown>;
      if (ctx.store.kind === 'postgres') {
        const boss = await startBoss(resolveDbUrl(str(p, 'db')), config.queue);
        await work(boss, ctx.store, { ...config.queue, fetcher, platforms, reader, maxAgeDays: config.collect?.maxAgeDays });
        tick = () => enqueueDue(boss, ctx.store, new Date(), config.queue);
        stops.push(() => boss.stop({ graceful: true, wait: true }));
      } else {
        let running = false;
        tick = async () => {
          if (running) return;
          running = true;
          try {
            const { progress } = await collect(ctx.store, ctx.publication, { fetcher, platforms, reader, ...(config.collect?.maxAgeDays ? { maxAgeDays: config.collect.maxAgeDays } : {}) });
            if (progress.total) io.out(`serve: collected ${progress.total} sources, ${progress.created} new candidates, ${progress.errors} failed`);
          } finally {
            running = false;
          }
        };
      }
      const guarded = () => void tick().catch((e: Error) => io.err(`serve: collection failed: ${e.message}`));
      guarded();
      const timer = setInterval(guarded, every);
      stops.push(async () => clearInterval(timer));
    }
    await new Promise<void>((resolve) => {
      const stop = async () => {
        for (const s of stops.reverse()) await s();
        resolve();
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
  }, { create: true });
  return 0;
}
