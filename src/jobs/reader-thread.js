// The reader thread's entry (see reader.ts). Plain JavaScript, as a worker starts without the
// main thread's loaders: next to compiled code it loads reader-work.js; from the TypeScript
// sources it registers tsx first and loads reader-work.ts.
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const compiled = new URL('./reader-work.js', import.meta.url);
let work;
if (existsSync(compiled)) work = await import(compiled.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  work = await import(new URL('./reader-work.ts', import.meta.url).href);
}

parentPort.on('message', async (job) => {
  try {
    const result = job.op === 'readFeed' ? work.readFeed(...job.args) : await work.extractArticle(...job.args);
    parentPort.postMessage({ id: job.id, result });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: { name: e?.name ?? 'Error', message: e?.message ?? String(e) } });
  }
});
