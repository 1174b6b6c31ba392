import { listMemberSessions, revokeMemberSessions } from '../../app/readers.ts';
import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { email: { type: 'string' } });
  const [action, arg] = p.positionals;
  if (action !== 'sessions' && action !== 'revoke') throw new UsageError('members sessions [EMAIL] | members revoke SESSION-ID | members revoke --email EMAIL');
  return withContext(p, io, async (ctx) => {
    if (action === 'sessions') {
      const list = await listMemberSessions(ctx.store.db, ctx.publication.id, arg);
      const now = new Date().toISOString();
      if (ctx.json) ctx.out(JSON.stringify(list));
      else if (!list.length) ctx.out(arg ? `no member sessions for ${arg}` : 'no member sessions');
      else for (const s of list) ctx.out(`${s.id}  ${s.email}  since ${s.createdAt.slice(0, 16).replace('T', ' ')}  ${s.revokedAt ? `revoked ${s.revokedAt.slice(0, 16).replace('T', ' ')}` : s.expiresAt <= now ? 'expired' : `live until ${s.expiresAt.slice(0, 10)}`}  ${s.userAgent}`);
      return 0;
    }
    const email = str(p, 'email');
    if (!email === !arg) throw new UsageError('members revoke takes a SESSION-ID or --email EMAIL, not both');
    const n = await revokeMemberSessions(ctx.store.db, ctx.publication.id, email ? { email } : { id: arg! }, new Date());
    ctx.out(ctx.json ? JSON.stringify({ revoked: n }) : n ? `revoked ${n} session${n === 1 ? '' : 's'}` : `no live session ${email ? `for ${email}` : arg}`);
    return n ? 0 : 1;
  });
}
