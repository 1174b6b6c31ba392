import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Session } from 'node:inspector/promises';
import { Fetcher } from '../src/fetch/client.ts';
import { collect } from '../src/jobs/collect.ts';
import { openStore } from '../src/store/db.ts';
import { usePublication } from '../src/store/publications.ts';
import { upsertSource } from '../src/store/sources.ts';
import { platformsFromEnv } from '../src/sources/types.ts';
import { generateFeeds } from '../bench/generate-feeds.ts';

const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const gen = generateFeeds(join(dir, 'feeds'), 500);
const server = spawn(process.execPath, [join(import.meta.dirname, '../bench/feed-server.mjs'), join(dir, 'feeds')], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<string>((r) => createInterface({ input: server.stdout! }).once('line', r));
const urls = gen.files.map((f) => `http://127.0.0.1:${port}/${f}`);
const store = await openStore(`sqlite:${join(dir, 'b.db')}`);
const pub = await usePublication(store.db);
await store.db.transaction().execute(async (tx) => { for (const url of urls) await upsertSource(tx, pub.id, { kind: 'feed', url }); });
const fetcher = new Fetcher({ privateAddresses: 'loopback', concurrency: 64, perHost: 64, hostDelayMs: 0, retries: 0 });
const PROF = process.env.PROF === '1';
const s = new Session(); s.connect();
if (PROF) { await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 200 }); await s.post('Profiler.start'); }
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const r = await collect(store, pub, { fetcher, platforms: platformsFromEnv(), force: true, concurrency: 64 });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(`first: ${ms.toFixed(0)} ms, cpu user ${(cpu.user/1000).toFixed(0)} sys ${(cpu.system/1000).toFixed(0)}, created ${r.progress.created}`);
if (PROF) {
  const { profile } = await s.post('Profiler.stop') as any;
  writeFileSync(join(import.meta.dirname, 'last.cpuprofile'), JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<number, number>();
  const dt = profile.timeDeltas; let i = 0;
  for (const sid of profile.samples) { self.set(sid, (self.get(sid) ?? 0) + dt[i++]); }
  const fn = new Map<string, number>(); const file = new Map<string, number>();
  for (const [id, us] of self) { const n: any = byId.get(id); const cf = n.callFrame; const f = (cf.url || '').replace(/.*node_modules\//, 'nm:').replace(/.*\/main\//, ''); const k = `${cf.functionName || '(anon)'} ${f}:${cf.lineNumber}`; fn.set(k, (fn.get(k) ?? 0) + us); const fk = f.startsWith('nm:') ? f.split('/').slice(0, 1).join('/') : f || cf.functionName; file.set(fk, (file.get(fk) ?? 0) + us); }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v/1000).toFixed(1).padStart(7)} ms  ${k}`).join('\n');
  console.log('--- by file\n' + top(file, 30)); console.log('--- by function\n' + top(fn, 40));
}
await fetcher.close(); await store.close(); server.kill(); rmSync(dir, { recursive: true, force: true });
const ru = process.resourceUsage(); console.log(`minor faults ${ru.minorPageFault}, major ${ru.majorPageFault}, vol ctx ${ru.voluntaryContextSwitches}, invol ${ru.involuntaryContextSwitches}, fs writes ${ru.fsWrite}`);
