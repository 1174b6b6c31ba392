// What a worker thread's plain-JavaScript entry loads its work with, since a worker starts
// without the main thread's loaders: the compiled module next to it (dist/), or, from the
// TypeScript sources, the .ts module once tsx is registered.
import { existsSync } from 'node:fs';

/** The module `name` (without extension) beside the entry at `from` (its import.meta.url). */
export async function loadWork(from, name) {
  const compiled = new URL(`./${name}.js`, from);
  if (existsSync(compiled)) return import(compiled.href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(new URL(`./${name}.ts`, from).href);
}
