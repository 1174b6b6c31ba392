// Faults across hosts: two `serve` and three `worker` processes, each on a host of its own (a
// network namespace with its own address and hostname), share one PostgreSQL with a services
// host (feeds, SMTP, the way to the database) on a bridge between them. A worker host is killed
// while it is collecting, and a server host while it sends a campaign. Every source must still
// be collected once, every mail accepted once (or, where a host died between a mail's final dot
// and the answer, counted as possibly duplicated), and the scheduled publish must happen once.
//
// It needs root and iproute2 (ip netns, veth, a bridge) and a PostgreSQL server; without them it
// is skipped with the reason, unless PRESSROOM_REQUIRE_NETNS=1 (as CI sets), which fails it.

import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testIssue, testPublication } from '../app/test-fixtures.ts';
import { campaignProgress } from '../channels/email/outbox.ts';
import { schedulePublish } from '../app/publish.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { updatePublication, usePublication, type StoredPublication } from '../store/publications.ts';
import { upsertSource } from '../store/sources.ts';
import { importSubscribers } from '../store/subscribers.ts';
import { testDatabases } from '../store/test-databases.ts';

const root = join(import.meta.dirname, '..', '..');
const FEEDS = 40;
const READERS = 400;
const tag = String(process.pid % 10000);
const SVC = `prs${tag}`;
const HOSTS = [1, 2, 3, 4, 5].map((i) => ({ ns: `prh${tag}-${i}`, ip: `10.231.${Number(tag) % 250}.${10 + i}`, name: `host${i}`, role: i <= 2 ? 'serve' : 'worker' }));
const NET = `10.231.${Number(tag) % 250}`;
const SVC_IP = `${NET}.1`;

function why(): string | undefined {
  if (process.getuid?.() !== 0) return 'the multi-host test needs root (network namespaces)';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return 'the multi-host test needs iproute2 (apt-get install iproute2)';
  return undefined;
}
const pgBackend = (await testDatabases()).find((b) => b.kind === 'postgres')!;
let skip = why() ?? pgBackend.skip;
if (skip && process.env.PRESSROOM_REQUIRE_NETNS === '1') throw new Error(`the multi-host test is required here (PRESSROOM_REQUIRE_NETNS=1) but ${skip}`);
if (skip) skip = `skipped: ${skip}`;

const sh = (...args: string[]) => {
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
};

/** Waits for a condition that other processes bring about, checking every 100 ms, failing after `ms`. */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('faults across hosts', { skip }, () => {
  let store: Store;
  let stored: StoredPublication;
  let dbUrl: string;
  let relay: Server;
  let services: ChildProcess;
  const procs = new Map<string, ChildProcess>();
  const logs = new Map<string, string>();
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-hosts-'));
  const pgSock = join(dir, 'pg.sock');
  const controlSock = join(dir, 'control.sock');

  const control = (path: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const req = request({ socketPath: controlSock, path }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve(JSON.parse(body || '{}')));
      });
      req.on('error', reject);
      req.end();
    });
  type State = { feedsAnswered: Record<string, number>; feedsHeld: { path: string; from: string }[]; mailAccepted: Record<string, number>; mailSenders: Record<string, number>; mailHeld: string[] };
  const state = () => control('/state') as Promise<State>;

  /** Kills every process on a host, as a host that loses power. */
  const killHost = (ns: string) => {
    for (const pid of sh('ip', 'netns', 'pids', ns).split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone already */
      }
    }
  };

  before(async () => {
    // The network: a bridge on the services host, each host on it through a veth pair.
    sh('ip', 'netns', 'add', SVC);
    sh('ip', '-n', SVC, 'link', 'set', 'lo', 'up');
    sh('ip', '-n', SVC, 'link', 'add', 'br0', 'type', 'bridge');
    sh('ip', '-n', SVC, 'addr', 'add', `${SVC_IP}/24`, 'dev', 'br0');
    sh('ip', '-n', SVC, 'link', 'set', 'br0', 'up');
    for (const [i, h] of HOSTS.entries()) {
      sh('ip', 'netns', 'add', h.ns);
      sh('ip', '-n', h.ns, 'link', 'set', 'lo', 'up');
      sh('ip', 'link', 'add', `prv${tag}a${i}`, 'netns', h.ns, 'type', 'veth', 'peer', 'name', `prv${tag}b${i}`, 'netns', SVC);
      sh('ip', '-n', h.ns, 'addr', 'add', `${h.ip}/24`, 'dev', `prv${tag}a${i}`);
      sh('ip', '-n', h.ns, 'link', 'set', `prv${tag}a${i}`, 'up');
      sh('ip', '-n', SVC, 'link', 'set', `prv${tag}b${i}`, 'master', 'br0');
      sh('ip', '-n', SVC, 'link', 'set', `prv${tag}b${i}`, 'up');
    }

    // The database, reached from the hosts through the services host and this relay.
    dbUrl = await pgBackend.create();
    const pg = new URL(dbUrl);
    relay = createServer((c) => {
      const up = connect(Number(pg.port || 5432), pg.hostname);
      c.pipe(up).pipe(c);
      const end = () => (c.destroy(), up.destroy());
      for (const s of [c, up]) s.on('error', end).on('close', end);
    });
    await new Promise<void>((r) => relay.listen(pgSock, r));
    store = await openStore(dbUrl);
    const { id } = await usePublication(store.db);
    await updatePublication(store.db, id, { ...testPublication(), publishing: { siteUrl: 'https://weekly.example.com' } });
    await store.db.transaction().execute((tx) => saveIssue(tx, id, { ...testIssue(1), status: 'draft' }));
    for (let n = 1; n <= FEEDS; n++) await upsertSource(store.db, id, { kind: 'feed', url: `http://${SVC_IP}:8081/feed-${n}.xml`, title: `Feed ${n}` });
    await importSubscribers(store.db, id, ['email,lang,status', ...Array.from({ length: READERS }, (_, i) => `reader${i}@example.com,zh,active`)].join('\n'), new Date());
    stored = await usePublication(store.db);

    services = spawn('ip', ['netns', 'exec', SVC, process.execPath, '--import', 'tsx', join(import.meta.dirname, 'testing', 'hosts-services.ts'), SVC_IP, pgSock, controlSock, String(FEEDS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      services.stdout!.on('data', (d: Buffer) => String(d).includes('ready') && resolve());
      services.once('exit', (code) => reject(new Error(`the services host exited: ${code}`)));
    });
  });

  after(async () => {
    for (const h of HOSTS) spawnSync('ip', ['netns', 'pids', h.ns], { encoding: 'utf8' }).stdout?.split('\n').filter(Boolean).forEach((p) => spawnSync('kill', ['-9', p]));
    services?.kill('SIGKILL');
    for (const ns of [...HOSTS.map((h) => h.ns), SVC]) spawnSync('ip', ['netns', 'del', ns]);
    relay?.close();
    await store?.close();
    await pgBackend.cleanup();
    rmSync(dir, { recursive: true, force: true });
    if (process.env.PRESSROOM_MULTIHOST_LOGS === '1') for (const [h, l] of logs) console.log(`--- ${h}\n${l}`);
  });

  const start = (h: (typeof HOSTS)[number]) => {
    const config = join(dir, 'pressroom.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        fetch: { allowPrivate: true, hostDelayMs: 0, perHost: 16, retries: 0, timeoutMs: 60_000 },
        collect: { intervalSeconds: 1 },
        queue: { expireInSeconds: 4, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 },
        publishing: { checkSeconds: 1, claimSeconds: 3 },
      }),
    );
    const db = dbUrl.replace(/@[^/]+\//, `@${SVC_IP}:5432/`);
    const cmd = h.role === 'serve' ? `serve --host ${h.ip} --port 8080` : 'worker --concurrency 4';
    const env = { ...process.env, PRESSROOM_DB: db, PRESSROOM_CONFIG: config, PRESSROOM_SMTP_URL: `smtp://${SVC_IP}:2525`, PRESSROOM_SITE_URL: 'https://weekly.example.com', PRESSROOM_FETCH_ALLOW_PRIVATE: '1' };
    const p = spawn('ip', ['netns', 'exec', h.ns, 'unshare', '--uts', 'sh', '-c', `hostname ${h.name} && exec "${process.execPath}" "${join(root, 'bin', 'pressroom.js')}" ${cmd}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    logs.set(h.name, '');
    const log = (d: Buffer) => logs.set(h.name, logs.get(h.name) + String(d));
    p.stdout!.on('data', log);
    p.stderr!.on('data', log);
    procs.set(h.name, p);
  };

  test('a worker host killed while collecting: every source is still collected, each feed answered once', async () => {
    // The third host's requests are held: it dies with them in hand.
    await control(`/hold-feeds?from=${HOSTS[2]!.ip}`);
    for (const h of HOSTS) start(h);
    await until('the third host to be collecting', async () => (await state()).feedsHeld.some((x) => x.from === HOSTS[2]!.ip));
    const inHand = (await state()).feedsHeld.filter((x) => x.from === HOSTS[2]!.ip).length;
    killHost(HOSTS[2]!.ns);
    await until('its requests to close', async () => !(await state()).feedsHeld.some((x) => x.from === HOSTS[2]!.ip));
    await control('/release-feeds');
    const fetched = await until('every source to be collected', async () => {
      const rows = await store.db.selectFrom('sources').select(['url', 'last_fetched_at', 'error_count']).where('kind', '=', 'feed').execute();
      return rows.every((r) => r.last_fetched_at) && rows;
    });
    assert.equal(fetched.length, FEEDS);
    assert.ok(fetched.every((r) => r.error_count === 0), 'no source failed');
    const s = await state();
    assert.deepEqual(
      Object.entries(s.feedsAnswered).filter(([, n]) => n !== 1),
      [],
      `each feed answered once (the dead host held ${inHand})`,
    );
    assert.equal(Object.keys(s.feedsAnswered).length, FEEDS);
    const { n } = await store.db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n), FEEDS * 3, 'every entry a candidate, once');
  });

  test('a server host killed mid-campaign: the other finishes it, every mail accepted once, the publish happens once', async () => {
    await control('/hold-mail?after=100');
    await schedulePublish(store, stored, 1, new Date(Date.now() + 500), ['email']);
    const held = await until('the campaign to be under way', async () => {
      const s = await state();
      return s.mailHeld.length > 0 && s.mailHeld;
    });
    const sender = HOSTS.find((h) => h.ip === held[0])!;
    assert.equal(sender.role, 'serve');
    killHost(sender.ns);
    await until('its connections to close', async () => !(await state()).mailHeld.includes(sender.ip));
    await control('/release-mail');
    const p = await until(
      'the campaign to finish',
      async () => {
        const c = await campaignProgress(store.db, stored.id, 1);
        return c?.status === 'done' && c;
      },
      90_000,
    );
    const s = await state();
    const counts = Object.values(s.mailAccepted);
    assert.equal(Object.keys(s.mailAccepted).length, READERS, 'every reader got the issue');
    assert.deepEqual(counts.filter((c) => c !== 1), [], 'nobody got it twice');
    assert.deepEqual([p.sent, p.failed, p.remaining], [READERS, 0, 0]);
    assert.ok(p.possiblyDuplicated >= 1, `the mails that were in the gap when the host died are counted as possibly duplicated (${p.possiblyDuplicated})`);
    const survivor = HOSTS.find((h) => h.role === 'serve' && h !== sender)!;
    assert.ok((s.mailSenders[survivor.ip] ?? 0) > 0, 'the other server sent the rest');
    const campaigns = await store.db.selectFrom('campaigns').select('id').where('issue_number', '=', 1).execute();
    assert.equal(campaigns.length, 1, 'one campaign');
    const issue = await store.db.selectFrom('issues').select(['status', 'publish_at']).where('number', '=', 1).executeTakeFirstOrThrow();
    assert.equal(issue.status, 'published');
  });
});
