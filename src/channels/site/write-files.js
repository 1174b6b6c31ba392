// Writes a build's files: on the thread that renders (a few files) or on a thread of its own (a
// whole site, where creating files and directories costs more than rendering them). Plain
// JavaScript, so the thread starts with no loader.
//
// A file replacing another is written whole: to a temporary file renamed over it. Temporary files
// live in one folder of the site (TMP_DIR), which every build empties first: a build killed
// half-way leaves nothing among the pages that the next build would keep or a deploy would ship.
// A file in a directory this writer made cannot replace anything and is written in place.

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TMP_DIR = '.pressroom-tmp';

/** Empties the site's folder of temporary files (what a killed build left). */
export function clearTemporary(out) {
  rmSync(join(out, TMP_DIR), { recursive: true, force: true });
}
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

export class FileWriter {
  made = new Set();
  fresh = new Set();
  seq = 0;

  constructor(out) {
    this.tmp = join(out, TMP_DIR);
  }

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
        this.dir(this.tmp);
        const tmp = join(this.tmp, `${process.pid}-${++this.seq}`);
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

if (!isMainThread && workerData?.kind === 'pressroom-file-writer') {
  const writer = new FileWriter(workerData.out);
  parentPort.on('message', ({ id, files }) => {
    try {
      writer.write(files);
      parentPort.postMessage({ id });
    } catch (e) {
      parentPort.postMessage({ id, error: e.message });
    }
  });
}
