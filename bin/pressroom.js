#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`, which `npm install` and `npm start` run).
// When dist/ is missing or older than src/ (an edit not yet built), it runs the TypeScript
// sources through tsx instead, which a development install has: slower to start, never stale.
import './check-node.js';
import { builtIsFresh } from './built.js';

// `pressroom … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
let main;
if (builtIsFresh()) ({ main } = await import('../dist/cli/main.js'));
else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('pressroom: dist/ is missing or older than src/, and tsx is not installed to run the sources; run `npm run build`');
    process.exit(1);
  }
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
