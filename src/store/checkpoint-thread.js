// The checkpoint thread's entry (see checkpoint.ts). Plain JavaScript: it needs only
// better-sqlite3, and a worker starts without the main thread's loaders. One connection of its
// own to the database file; each message asks for one PASSIVE checkpoint, and is answered with
// what SQLite says of it (busy, frames in the log, frames copied back).
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const db = new SQLite(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    // In a worker this ends the thread, not the process.
    process.exit(0);
  }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, ...r });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String(e?.message ?? e) });
  }
});
