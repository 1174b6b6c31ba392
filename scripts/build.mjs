#!/usr/bin/env node
// Compiles src/ into dist/ (tsc with tsconfig.build.json, which rewrites the .ts imports to .js)
// when dist/ is missing or older than its sources, copies the plain JavaScript files beside the
// compiled ones, then builds the editor app (build-web.mjs). `--force` always builds.
// tsc rather than esbuild for our code: it is already the type checker and it keeps one module per
// file, so each command loads only what it imports. Kysely is the exception: it is 262 small
// modules, and resolving them took a command 120 ms at start; bundled by esbuild into one file
// (dist/vendor/kysely.js, imported in its place) it takes 10 ms.
import '../bin/check-node.js';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { builtIsFresh, ROOT, STAMP } from '../bin/built.js';

const force = process.argv.includes('--force');
// `npm install`'s prepare step: an install without the dev dependencies (no TypeScript) keeps what it has.
if (process.argv.includes('--if-possible')) {
  try {
    createRequire(import.meta.url).resolve('typescript/bin/tsc');
    createRequire(import.meta.url).resolve('vite');
  } catch {
    console.log('build: TypeScript or Vite is not installed (an install without dev dependencies); dist/ and web/dist are left as they are');
    process.exit(0);
  }
}
if (force || !builtIsFresh()) {
  const t0 = performance.now();
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const copy = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'testdata') copy(p);
      } else if (e.name.endsWith('.js')) {
        const to = join(ROOT, 'dist', relative(join(ROOT, 'src'), p));
        mkdirSync(dirname(to), { recursive: true });
        cpSync(p, to);
      }
    }
  };
  copy(join(ROOT, 'src'));
  await vendor();
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  console.log(`build: compiled src/ into dist/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
/** Kysely as one module, and every compiled import of it pointed there. */
async function vendor() {
  const { build } = await import('esbuild');
  await build({ entryPoints: { kysely: 'kysely' }, bundle: true, format: 'esm', platform: 'node', target: 'node20', outdir: join(ROOT, 'dist/vendor'), logLevel: 'warning', legalComments: 'inline' });
  const point = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) point(p);
      else if (e.name.endsWith('.js')) {
        const text = readFileSync(p, 'utf8');
        if (!/from ['"]kysely['"]/.test(text)) continue;
        let to = relative(dirname(p), join(ROOT, 'dist/vendor/kysely.js'));
        if (!to.startsWith('.')) to = `./${to}`;
        writeFileSync(p, text.replace(/from ['"]kysely['"]/g, `from '${to}'`));
      }
    }
  };
  point(join(ROOT, 'dist'));
}

if (!process.argv.includes('--no-web')) await import('./build-web.mjs');
