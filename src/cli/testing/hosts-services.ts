// The services host of the multi-host test (multihost.test.ts), run inside its own network
// namespace: a relay to PostgreSQL (TCP here, a Unix socket the test serves from outside), a
// feed server and an SMTP server, on this host's address. Each can be told, over a control
// socket (HTTP on a Unix socket), to hold what it answers to chosen hosts, and reports what it
// answered to whom.
//
// Arguments: ADDRESS PG_UNIX_SOCKET CONTROL_UNIX_SOCKET FEEDS

import { createServer as createHttp, type ServerResponse } from 'node:http';
import { connect, createServer as createTcp } from 'node:net';
import { SMTPServer } from 'smtp-server';

const [address, pgSocket, controlSocket, feedCount] = process.argv.slice(2) as [string, string, string, string];

// PostgreSQL: every connection piped to the relay the test runs outside the namespaces.
const relay = createTcp((client) => {
  const upstream = connect(pgSocket);
  client.pipe(upstream).pipe(client);
  const end = () => (client.destroy(), upstream.destroy());
  client.on('error', end);
  upstream.on('error', end);
  client.on('close', end);
  upstream.on('close', end);
});

// Feeds: feed-N.xml has three entries of its own. Requests from held hosts wait for release.
const answered = new Map<string, number>();
const heldFeeds: { path: string; from: string; res: ServerResponse }[] = [];
let holdFeedsFrom = new Set<string>();
const feed = (n: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${n}</title><link>https://f${n}.example.com/</link>${[1, 2, 3]
    .map((k) => `<item><title>Post ${n}-${k}</title><link>https://f${n}.example.com/post-${k}</link><pubDate>${new Date().toUTCString()}</pubDate><description>Entry ${k} of feed ${n}</description></item>`)
    .join('')}</channel></rss>`;
const answer = (path: string, res: ServerResponse) => {
  const n = Number(/^\/feed-(\d+)\.xml$/.exec(path)?.[1]);
  if (!Number.isInteger(n) || n < 1 || n > Number(feedCount)) return void res.writeHead(404).end();
  res.on('finish', () => answered.set(path, (answered.get(path) ?? 0) + 1));
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(n));
};
const feeds = createHttp((req, res) => {
  const from = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  if (!holdFeedsFrom.has(from)) return answer(req.url ?? '', res);
  const held = { path: req.url ?? '', from, res };
  heldFeeds.push(held);
  // A held request whose host went away is nobody's to answer.
  req.socket.on('close', () => heldFeeds.includes(held) && heldFeeds.splice(heldFeeds.indexOf(held), 1));
});

// Mail: what was accepted, for whom, and which host sent it. From the n-th message on, the
// answer to the final dot is held; a held message whose connection closes is not kept.
const accepted = new Map<string, number>();
const senders = new Map<string, number>();
const heldMail: { from: string; session: string; reply: () => void }[] = [];
let holdMailFrom = Infinity;
let seen = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onClose(session) {
    for (let i = heldMail.length - 1; i >= 0; i--) if (heldMail[i]!.session === session.id) heldMail.splice(i, 1);
  },
  onData(stream, session, cb) {
    stream.on('data', () => {});
    stream.on('end', () => {
      const from = (session.remoteAddress ?? '').replace(/^::ffff:/, '');
      const to = session.envelope.rcptTo.map((r) => r.address);
      const keep = () => {
        for (const t of to) accepted.set(t, (accepted.get(t) ?? 0) + 1);
        senders.set(from, (senders.get(from) ?? 0) + 1);
        cb();
      };
      if (++seen >= holdMailFrom) heldMail.push({ from, session: session.id, reply: keep });
      else keep();
    });
  },
});
smtp.on('error', () => {});

const control = createHttp((req, res) => {
  const u = new URL(req.url ?? '/', 'http://control');
  const ok = (body: unknown = { ok: true }) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  switch (u.pathname) {
    case '/state':
      return ok({
        feedsAnswered: Object.fromEntries(answered),
        feedsHeld: heldFeeds.map((h) => ({ path: h.path, from: h.from })),
        mailAccepted: Object.fromEntries(accepted),
        mailSenders: Object.fromEntries(senders),
        mailHeld: heldMail.map((h) => h.from),
      });
    case '/hold-feeds':
      holdFeedsFrom = new Set(u.searchParams.getAll('from'));
      return ok();
    case '/release-feeds':
      holdFeedsFrom = new Set();
      for (const h of heldFeeds.splice(0)) answer(h.path, h.res);
      return ok();
    case '/hold-mail':
      holdMailFrom = seen + Number(u.searchParams.get('after') ?? 0) + 1;
      return ok();
    case '/release-mail':
      holdMailFrom = Infinity;
      for (const h of heldMail.splice(0)) h.reply();
      return ok();
    default:
      return void res.writeHead(404).end();
  }
});

await new Promise<void>((resolve) => relay.listen(5432, address, resolve));
await new Promise<void>((resolve) => feeds.listen(8081, address, resolve));
await new Promise<void>((resolve) => smtp.listen(2525, address, resolve));
await new Promise<void>((resolve) => control.listen(controlSocket, resolve));
process.stdout.write('ready\n');
process.on('SIGTERM', () => process.exit(0));
