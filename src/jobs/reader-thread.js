// The reader thread's entry (see reader.ts): reader-work, compiled or from the sources (load-work.js).
import { parentPort } from 'node:worker_threads';
import { loadWork } from './load-work.js';

const work = await loadWork(import.meta.url, 'reader-work');

parentPort.on('message', async (job) => {
  try {
    const result = job.op === 'readFeed' ? work.readFeed(...job.args) : await work.extractArticle(...job.args);
    parentPort.postMessage({ id: job.id, result });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: { name: e?.name ?? 'Error', message: e?.message ?? String(e) } });
  }
});
