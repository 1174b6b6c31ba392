// The ranking thread's entry (see ranker.ts): ranker-work, compiled or from the sources (load-work.js).
import { parentPort, workerData } from 'node:worker_threads';
import { loadWork } from './load-work.js';

const work = await loadWork(import.meta.url, 'ranker-work');
// Messages wait in the port until the listener is there: jobs sent meanwhile are not lost.
const ranker = await work.openRanker(workerData.url);

parentPort.on('message', async (job) => {
  try {
    parentPort.postMessage({ id: job.id, result: await ranker.rankedPage(...job.args) });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: { name: e?.name ?? 'Error', message: e?.message ?? String(e) } });
  }
});
