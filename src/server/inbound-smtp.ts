// The inbound mail listener: an SMTP server (the smtp-server package) that takes newsletters for
// the inbox. It accepts mail for any recipient, without authentication, as an MX does: run it on a
// private address behind your MTA, or open to the world on port 25. Each message goes to the same
// use case as `pressroom inbox mail` (app/newsletters.ts): allowed senders' links become
// candidates; anyone else's mail is held. Messages over 10 MB are refused at the SMTP level.

import { SMTPServer } from 'smtp-server';
import { AppError } from '../app/errors.ts';
import { MAX_MAIL_BYTES, receiveMail, type MailOutcome } from '../app/newsletters.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';

export interface InboundOptions {
  store: Store;
  publication: () => Promise<StoredPublication>;
  port: number;
  host?: string;
  onMail?: (o: MailOutcome) => void;
  log?: (line: string) => void;
}

export async function startInboundSmtp(opts: InboundOptions): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MAIL_BYTES,
    banner: 'Pressroom inbound mail',
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return done(Object.assign(new Error('message too large'), { responseCode: 552 }));
        void (async () => {
          try {
            const outcome = await receiveMail(opts.store.db, await opts.publication(), Buffer.concat(chunks));
            opts.onMail?.(outcome);
            opts.log?.(outcome.status === 'held' ? `inbound: held mail from ${outcome.sender} ("${outcome.subject}"): not on the allow list` : `inbound: ${outcome.links} links from ${outcome.sender}, ${outcome.created} new candidates${outcome.beyond ? `; ${outcome.beyond} more past the first ${outcome.links} left out` : ''}`);
            done();
          } catch (e) {
            opts.log?.(`inbound: refused a message: ${(e as Error).message}`);
            // Held mail full is a state the editor clears: 452 has the sending server try again
            // later, where a 554 would bounce a newsletter the editor may well want.
            const full = e instanceof AppError && e.kind === 'conflict';
            done(Object.assign(new Error((e as Error).message), { responseCode: full ? 452 : 554 }));
          }
        })();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  return { port: typeof address === 'object' && address ? address.port : opts.port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
