import { Fetcher } from '../../http/client.ts';
import { ChatClient, llmConfigFromEnv } from '../../llm/client.ts';
import { ownerFromEnv } from '../../app/accounts.ts';
import { needsSetup } from '../../app/accounts.ts';
import { ThreadReader } from '../../jobs/reader.ts';
import { inlineRanker, ThreadRanker } from '../../jobs/ranker.ts';
import { platformsFromEnv } from '../../sources/types.ts';
import { buildApp } from '../../server/app.ts';
import { SmtpPool } from '../../channels/email/smtp.ts';
import { seedDemo } from '../../app/demo.ts';
import { startSchedules } from '../../app/schedule.ts';
import { resolveDbUrl } from '../../store/db.ts';
import { parse, str } from '../args.ts';
import { fetcherOptions, loadConfig, publishDeps } from '../../app/runtime.ts';
import { withContext, type Io } from '../context.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' }, 'no-schedule': { type: 'boolean' }, 'inbound-smtp': { type: 'string' } });
  const port = Number(str(p, 'port') ?? process.env.PORT ?? 8080);
  const host = str(p, 'host') ?? process.env.HOST ?? '127.0.0.1';
  await withContext(p, io, async (ctx) => {
    if (p.values.demo && (await seedDemo(ctx.store, ctx.publication))) io.out('serve: created the demo publication with a published issue and a draft');
    const config = loadConfig();
    const owner = await ownerFromEnv(ctx.store.db);
    if (owner) io.out(`serve: created the owner account ${owner} from PRESSROOM_OWNER_EMAIL`);
    const llmConfig = llmConfigFromEnv(process.env, config.llm);
    // One fetcher (one connection pool, one set of per-host limits) for collection, link checks and star counts.
    const fetcher = new Fetcher(fetcherOptions(config));
    const platforms = platformsFromEnv();
    const deps = await publishDeps(ctx.store, ctx.publication, config);
    // One SMTP pool for confirmations, welcomes and member links.
    const mailPool = deps.smtp ? new SmtpPool({ ...deps.smtp, pool: 1 }) : undefined;
    let listening: string | undefined;
    // The inbox is ranked off the event loop on an embedded store in a file (jobs/ranker.ts).
    const dbUrl = resolveDbUrl(str(p, 'db'));
    const ranker = ctx.store.kind === 'sqlite' && ctx.store.checkpointer ? new ThreadRanker(dbUrl, inlineRanker(ctx.store)) : undefined;
    const app = await buildApp(ctx.store, {
      ranker,
      config,
      // With no site address configured, mailed links point where this server was told to listen.
      listenUrl: () => listening,
      publication: ctx.publication.pub.slug,
      fetcher,
      platforms,
      llm: llmConfig ? new ChatClient(llmConfig) : undefined,
      mail: mailPool ? { pool: mailPool, from: deps.publishing.mailFrom } : undefined,
      // Publishing from the editor uses what the schedule uses: this server's settings and secrets.
      publish: deps,
    });
    const address = await app.listen({ port, host });
    listening = address;
    // With no configured address, links in scheduled issues' mail point at where this server listens.
    if (!deps.publishing.siteUrl && !process.env.PRESSROOM_SITE_URL) deps.siteUrl = address;
    io.out(`Pressroom is serving ${ctx.publication.pub.slug} from ${ctx.store.label} at ${address} (the site; the editor is at ${address}/editor/)`);
    if (await needsSetup(ctx.store.db)) io.out(`serve: no accounts yet: open ${address}/editor/ to create the owner's`);
    io.out(llmConfig ? `serve: the assistant uses ${llmConfig.model} at ${llmConfig.baseUrl}` : 'serve: no language model configured (PRESSROOM_LLM_BASE_URL, PRESSROOM_LLM_MODEL): blurbs fall back to extracts, translation is off');
    io.out(deps.smtp ? `serve: mail goes through ${new URL(deps.smtp.url).host}` : 'serve: no SMTP server (PRESSROOM_SMTP_URL): subscribing and mailing issues are off');
    // Newsletters by mail, when asked: --inbound-smtp [HOST:]PORT, or PRESSROOM_INBOUND_SMTP.
    const inboundAt = str(p, 'inbound-smtp') ?? process.env.PRESSROOM_INBOUND_SMTP;
    let inbound: { close: () => Promise<void> } | undefined;
    if (inboundAt) {
      const m = /^(?:(.+):)?(\d+)$/.exec(inboundAt);
      if (!m) throw new Error(`serve: --inbound-smtp is [HOST:]PORT, not "${inboundAt}"`);
      const { startInboundSmtp } = await import('../../server/inbound-smtp.ts');
      const started = await startInboundSmtp({ store: ctx.store, publication: async () => ctx.publication, port: Number(m[2]), host: m[1] ?? host, log: (l) => io.out(l) });
      inbound = started;
      io.out(`serve: newsletters are taken by SMTP at ${m[1] ?? host}:${started.port}`);
    }
    // Feeds are read on a thread of their own, so the server answers while a large one is read.
    const reader = new ThreadReader();
    const schedules = await startSchedules({
      store: ctx.store,
      stored: ctx.publication,
      config,
      publish: deps,
      fetcher,
      platforms,
      reader,
      dbUrl,
      collect: !p.values['no-schedule'],
      log: (l) => io.out(l),
      warn: (l) => io.err(l),
    });
    // Stopped in order: the schedules and workers, then the server, then what they share.
    const stops = [...schedules, async () => inbound?.close(), () => app.close(), async () => ranker?.close(), async () => mailPool?.close(), () => reader.close(), () => fetcher.close()];
    await new Promise<void>((resolve) => {
      const stop = async () => {
        for (const s of stops) await s();
        resolve();
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
  }, { create: true });
  return 0;
}
