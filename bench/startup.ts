// npm run bench:startup: how long a command takes from the shell, against `node -e 0` timed in the
// same run (the floor: what starting Node.js costs). Each command runs the compiled CLI (bin/pressroom.js
// over dist/) as an editor types it, on the sample archive (../shared/samples/python-trending-weekly
// when it is there, else a generated 200-issue one): --help, render, stats and an incremental
// build-site that has nothing to do. Targets: --help within 2x, the others within 4x.
// Usage: tsx bench/startup.ts [--runs 7] [--archive DIR] [--bin PATH]  (--bin: another checkout's bin/pressroom.js, to compare)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateArchive } from './generate-archive.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, archive: { type: 'string' }, bin: { type: 'string' } } });
const RUNS = Number(values.runs);
const ROOT = new URL('..', import.meta.url).pathname;
const BIN = values.bin ?? join(ROOT, 'bin/pressroom.js');
const dir = mkdtempSync(join(tmpdir(), 'pressroom-bench-startup-'));
const samples = join(ROOT, '../shared/samples/python-trending-weekly');
let archive = values.archive ?? (existsSync(samples) ? samples : undefined);
if (!archive) {
  archive = join(dir, 'archive');
  generateArchive(archive, 200);
}
const env = { ...process.env, PRESSROOM_DB: `sqlite:${join(dir, 'bench.db')}`, PRESSROOM_SITE_URL: 'https://weekly.example.com' };
const cli = (args: string[]): [string, string[]] => [process.execPath, [BIN, ...args]];

function time(cmd: [string, string[]]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd[0], cmd[1], { env, encoding: 'utf8', cwd: dir });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd[1].join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  execFileSync(...cli(['import', archive]), { env, cwd: dir, stdio: 'pipe' });
  const last = JSON.parse(execFileSync(...cli(['stats', '--json']), { env, cwd: dir, encoding: 'utf8' })) as { perIssue: { number: number }[] };
  const number = String(last.perIssue.at(-1)?.number ?? 1);
  const site = join(dir, 'site');
  execFileSync(...cli(['build-site', site]), { env, cwd: dir, stdio: 'pipe' });

  const cases: [string, string[], number][] = [
    ['pressroom --help', ['--help'], 2],
    [`pressroom render ${number}`, ['render', number], 4],
    ['pressroom stats', ['stats'], 4],
    ['pressroom build-site (nothing changed)', ['build-site', site], 4],
  ];
  const floor: number[] = [];
  const took = cases.map(() => [] as number[]);
  for (let r = 0; r < RUNS; r++) {
    // Interleaved, so that a busy moment of the machine falls on both sides alike.
    floor.push(time([process.execPath, ['-e', '0']]));
    cases.forEach(([, args], i) => took[i]!.push(time(cli(args))));
  }
  const f = median(floor);
  console.log(`archive: ${archive}; ${BIN}; median of ${RUNS} runs`);
  console.log(`node -e 0 (floor)                          ${f.toFixed(0).padStart(6)} ms`);
  let ok = true;
  cases.forEach(([name, , target], i) => {
    const m = median(took[i]!);
    const ratio = m / f;
    ok &&= ratio <= target;
    console.log(`${name.padEnd(43)}${m.toFixed(0).padStart(6)} ms  ${ratio.toFixed(1).padStart(5)}x node -e 0  (target ≤ ${target}x${ratio <= target ? '' : ', MISSED'})`);
  });
  if (!ok) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
