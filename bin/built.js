// Whether dist/ (the compiled CLI and server, `npm run build`) is there and no older than the
// TypeScript it was built from. One walk of src/ (a few hundred stats, about a millisecond),
// so that an edit or a `git pull` is never run from stale JavaScript.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
export const STAMP = join(ROOT, 'dist', '.built');

/** The newest modification time among the files a build reads (tests and test data excepted). */
export function newestSource(dir = join(ROOT, 'src')) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (e.name !== 'testdata') newest = Math.max(newest, newestSource(join(dir, e.name)));
    } else if (!e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(join(dir, e.name)).mtimeMs);
  }
  return newest;
}

export function builtIsFresh() {
  if (!existsSync(STAMP)) return false;
  if (!existsSync(join(ROOT, 'src'))) return true;
  const built = statSync(STAMP).mtimeMs;
  return ['tsconfig.json', 'tsconfig.build.json'].every((f) => !existsSync(join(ROOT, f)) || statSync(join(ROOT, f)).mtimeMs <= built) && newestSource() <= built;
}
