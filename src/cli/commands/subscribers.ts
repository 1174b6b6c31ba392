import { readFileSync, writeFileSync } from 'node:fs';
import { parseDsn } from '../../channels/email/dsn.ts';
import { exportSubscribers, importSubscribers, listSubscribers, subscriberCounts, suppress, type SubscriberStatus } from '../../app/subscribers.ts';
import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { status: { type: 'string' }, lang: { type: 'string' } });
  const [action, ...files] = p.positionals;
  return withContext(p, io, async (ctx) => {
    const db = ctx.store.db;
    const id = ctx.publication.id;
    switch (action) {
      case 'import': {
        if (!files[0]) throw new UsageError('say which file: subscribers import FILE.csv');
        let text: string;
        try {
          text = readFileSync(files[0], 'utf8');
        } catch (e) {
          throw new Error(`subscribers: cannot read ${files[0]}: ${(e as Error).message}`);
        }
        const r = await importSubscribers(db, id, text, new Date(), { lang: str(p, 'lang') ?? ctx.publication.pub.primaryLang });
        if (ctx.json) ctx.out(JSON.stringify(r));
        else {
          ctx.out(`subscribers: ${files[0]}: ${r.added} added, ${r.updated} updated, ${r.skipped.length} skipped`);
          for (const s of r.skipped.slice(0, 20)) io.err(`  ${files[0]}:${s.line}: ${s.reason}`);
          if (r.skipped.length > 20) io.err(`  … and ${r.skipped.length - 20} more`);
        }
        return 0;
      }
      case 'export': {
        const csv = await exportSubscribers(db, id);
        if (files[0]) {
          writeFileSync(files[0], csv);
          ctx.out(`subscribers: wrote ${csv.split('\r\n').length - 2} subscribers to ${files[0]}`);
        } else io.write(csv);
        return 0;
      }
      case 'list': {
        const status = str(p, 'status') as SubscriberStatus | undefined;
        const list = await listSubscribers(db, id, { ...(status ? { status } : {}), ...(str(p, 'lang') ? { lang: str(p, 'lang')! } : {}) });
        if (ctx.json) return void ctx.out(JSON.stringify(list, null, 2)), 0;
        for (const s of list) ctx.out(`${s.email.padEnd(36)} ${s.lang.padEnd(3)} ${s.status.padEnd(12)} ${s.member ? 'member' : ''}`);
        const counts = await subscriberCounts(db, id);
        ctx.out(`${list.length} shown; ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') || 'none yet'}`);
        return 0;
      }
      case 'bounces': {
        if (!files.length) throw new UsageError('say which reports: subscribers bounces REPORT.eml…');
        let added = 0;
        let seen = 0;
        for (const f of files) {
          for (const e of parseDsn(readFileSync(f, 'utf8'))) {
            seen++;
            if (await suppress(db, id, e.email, e.type, e.detail, new Date())) added++;
          }
        }
        ctx.out(`subscribers: ${files.length} reports, ${seen} hard bounces or complaints, ${added} addresses newly suppressed`);
        return 0;
      }
      default:
        throw new UsageError('subscribers import FILE | export [FILE] | list | bounces FILE…');
    }
  }, { create: action === 'import' });
}
