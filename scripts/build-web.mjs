#!/usr/bin/env node
// Builds the editor app (web/dist) when it is missing or older than its sources, so that
// `npm start` and `npm test` always serve the app as the code stands. `--force` always builds.
import '../bin/check-node.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The app bundles parts of src/ (the model, the Markdown codec, the previews): any change there rebuilds it.
const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'src', 'package-lock.json'];
const target = 'web/dist/index.html';

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

const built = existsSync(target) ? statSync(target).mtimeMs : 0;
if (process.argv.includes('--force') || built < Math.max(...sources.map(newest))) {
  const { build } = await import('vite');
  const t0 = performance.now();
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
  console.log(`build-web: built the editor app into web/dist in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
