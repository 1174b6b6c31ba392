// The ranking thread's entry (see ranker.ts). Plain JavaScript, as a worker starts without the
// main thread's loaders: next to compiled code it loads ranker-work.js; from the TypeScript
// sources it registers tsx first and loads ranker-work.ts.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const compiled = new URL('./ranker-work.js', import.meta.url);
let work;
if (existsSync(compiled)) work = await import(compiled.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  work = await import(new URL('./ranker-work.ts', import.meta.url).href);
}
const ranker = await work.openRanker(workerData.url);

parentPort.on('message', async (job) => {
  try {
    parentPort.postMessage({ id: job.id, result: await ranker.rankedPage(...job.args) });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: { name: e?.name ?? 'Error', message: e?.message ?? String(e) } });
  }
});
parentPort.postMessage({ ready: true });
