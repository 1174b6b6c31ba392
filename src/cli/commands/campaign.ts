import { campaignProgress, createCampaign, runCampaign, type CampaignProgress } from '../../channels/email/outbox.ts';
import { parse, UsageError } from '../args.ts';
import { loadConfig, publishDeps } from '../../app/runtime.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, {});
  const [action, n] = p.positionals;
  const number = Number(n);
  if (!['status', 'send'].includes(action ?? '') || !Number.isInteger(number)) throw new UsageError('campaign status NUMBER | campaign send NUMBER');
  return withContext(p, io, async (ctx) => {
    if (action === 'status') {
      const s = await campaignProgress(ctx.store.db, ctx.publication.id, number);
      if (!s) throw new Error(`campaign: issue #${number} has not been mailed`);
      ctx.out(ctx.json ? JSON.stringify(s) : describe(number, s));
      return 0;
    }
    const deps = await publishDeps(ctx.store, ctx.publication, loadConfig());
    if (!deps.smtp) throw new Error('campaign: no SMTP server configured; set PRESSROOM_SMTP_URL (smtp://user:pass@host:587)');
    const pub = { ...ctx.publication.pub, publishing: deps.publishing };
    const c = await createCampaign(ctx.store.db, { ...ctx.publication, pub }, number, new Date());
    let shown = 0;
    const r = await runCampaign(ctx.store, { ...ctx.publication, pub }, c.id, {
      smtp: deps.smtp,
      siteUrl: deps.siteUrl,
      secret: deps.secret,
      from: deps.publishing.mailFrom,
      onProgress: (s) => {
        if (ctx.json || Date.now() - shown < 1000) return;
        shown = Date.now();
        io.err(`campaign #${number}: ${s.sent}/${s.total} sent, ${s.failed} failed`);
      },
    });
    ctx.out(ctx.json ? JSON.stringify(r) : describe(number, r));
    return r.remaining ? 1 : 0;
  });
}

function describe(number: number, p: CampaignProgress): string {
  const dup = p.possiblyDuplicated ? ` (${p.possiblyDuplicated} possibly duplicated: sent again after a stop between the message and the server's answer)` : '';
  return `campaign #${number}: ${p.status}; ${p.sent} sent${dup}, ${p.failed} failed, ${p.remaining} remaining of ${p.total}`;
}
