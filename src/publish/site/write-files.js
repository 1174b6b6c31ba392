// Writes a build's files: on the thread that renders (a few files) or on a thread of its own (a
// whole site, where creating files and directories costs more than rendering them). Plain
// JavaScript, so the thread starts with no loader.
//
// A file replacing another is written whole: to a temporary file renamed over it. A file in a
// directory this writer made cannot replace anything and is written in place.

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

export class FileWriter {
  made = new Set();
  fresh = new Set();

  /** files: [path, text or null to remove][]. Throws an Error naming the file that failed. */
  write(files) {
    for (const [file, text] of files) {
      try {
        if (text === null) {
          rmSync(file, { force: true });
          continue;
        }
        const dir = dirname(file);
        this.dir(dir);
        if (this.fresh.has(dir)) {
          writeFileSync(file, text);
          continue;
        }
        const tmp = `${file}.tmp-${process.pid}`;
        writeFileSync(tmp, text);
        renameSync(tmp, file);
      } catch (e) {
        throw new Error(`cannot write ${file}: ${e.code ?? e.message}`);
      }
    }
  }

  dir(dir) {
    if (this.made.has(dir)) return;
    try {
      mkdirSync(dir);
      this.fresh.add(dir);
    } catch (e) {
      if (e.code === 'ENOENT') {
        this.dir(dirname(dir));
        return this.dir(dir);
      }
      if (e.code !== 'EEXIST') throw e;
    }
    this.made.add(dir);
  }
}

if (!isMainThread && workerData === 'pressroom-file-writer') {
  const writer = new FileWriter();
  parentPort.on('message', ({ id, files }) => {
    try {
      writer.write(files);
      parentPort.postMessage({ id });
    } catch (e) {
      parentPort.postMessage({ id, error: e.message });
    }
  });
}
