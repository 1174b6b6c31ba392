import { readFileSync } from 'node:fs';
import { allowSender, dropHeldMail, listHeld, receiveMail } from '../../app/newsletters.ts';
import { parse, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';

/** Standard input whole, as bytes (a message's charset is its own): an MTA pipes one message per run. */
async function stdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, {});
  const [what, arg] = p.positionals;
  if (!['mail', 'held', 'allow', 'drop'].includes(what ?? '')) throw new UsageError(`inbox: mail [FILE], held, allow ID or drop ID, not "${what ?? ''}"`);
  return withContext(p, io, async (ctx) => {
    const db = ctx.store.db;
    if (what === 'mail') {
      const raw = arg ? readFileSync(arg) : await stdin();
      const r = await receiveMail(db, ctx.publication, raw);
      if (ctx.json) ctx.out(JSON.stringify(r));
      else ctx.out(r.status === 'held' ? `held #${r.id}: ${r.sender} is not on the allow list ("${r.subject}"); pressroom inbox allow ${r.id} takes it in` : `${r.links} links from ${r.sender} (${r.source}), ${r.created} new candidates${r.beyond ? `; ${r.beyond} more links past the first ${r.links} were left out` : ''}`);
      return 0;
    }
    if (what === 'held') {
      const list = await listHeld(db, ctx.publication);
      if (ctx.json) ctx.out(JSON.stringify(list));
      else for (const m of list) ctx.out(`#${m.id}  ${m.receivedAt.slice(0, 16)}  ${m.sender}  ${m.subject}`);
      return 0;
    }
    const id = Number(arg);
    if (!Number.isInteger(id) || id < 1) throw new UsageError(`inbox ${what}: the held mail's number (inbox held lists them), not "${arg ?? ''}"`);
    if (what === 'drop') {
      await dropHeldMail(db, ctx.publication, id);
      ctx.out(`dropped held mail #${id}`);
      return 0;
    }
    const r = await allowSender(db, ctx.publication, id);
    ctx.out(`${r.sender} is allowed; ${r.taken.length} held mails taken in, ${r.taken.reduce((n, o) => n + (o.status === 'collected' ? o.created : 0), 0)} new candidates`);
    return 0;
  });
}
