// One worker thread and the calls sent to it that it has not answered yet. Each message carries
// its call's id, which the thread's answer gives back ({ id, result } or { id, error }); a thread
// that errs or stops fails every call it held, with an error that starts with its name.

import { Worker } from 'node:worker_threads';

export class WorkerLane {
  readonly worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  #seq = 0;

  /** `gone` is told once the thread has failed or stopped, so that its owner starts another. */
  constructor(entry: URL, name: string, opts: { workerData?: unknown; gone?: () => void } = {}) {
    this.worker = new Worker(entry, {
      workerData: opts.workerData,
      // None of the process's options: the thread loads compiled code as it is, or registers tsx
      // itself from the sources (load-work.js). Inherited, a loader (tsx's, under the
      // tests or a benchmark) cost each thread a hooks thread of its own and 60 ms at start; and
      // options given explicitly, a V8 flag among them (--max-old-space-size), would be refused.
      execArgv: [],
    });
    // An idle thread does not keep the process up.
    this.worker.unref();
    this.worker.on('message', (m: { id: number; result?: unknown; error?: { name: string; message: string } }) => {
      const p = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (!p) return;
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else p.resolve(m.result as never);
    });
    const fail = (e: Error) => {
      opts.gone?.();
      for (const p of this.#pending.values()) p.reject(new Error(`${name}: ${e.message}`));
      this.#pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`stopped (exit ${code})`)));
  }

  /** Calls not answered yet: how busy the thread is. */
  get size(): number {
    return this.#pending.size;
  }

  /** Sends `message` with an id of its own (and `transfer`'s memory moved, not copied); settles with the answer. */
  call<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    const id = ++this.#seq;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: never) => void, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
