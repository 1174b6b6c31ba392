// Concurrency limits: one for the whole fetcher, one per host, with a pause between requests
// to the same host so that no site is hammered.

export class Semaphore {
  private waiting: (() => void)[] = [];
  private active = 0;
  constructor(private readonly max: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}

/** Runs `fn` on every item, at most `max` at a time; once `signal` is aborted, no more are started. */
export async function eachLimited<T>(items: readonly T[], max: number, fn: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const sem = new Semaphore(Math.max(1, max));
  await Promise.all(
    items.map(async (item) => {
      const release = await sem.acquire();
      try {
        if (!signal?.aborted) await fn(item);
      } finally {
        release();
      }
    }),
  );
}

export class HostLimiter {
  private hosts = new Map<string, { sem: Semaphore; next: number }>();
  constructor(
    private readonly perHost: number,
    private readonly delayMs: number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async acquire(host: string): Promise<() => void> {
    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { sem: new Semaphore(this.perHost), next: 0 }));
    const release = await h.sem.acquire();
    const wait = h.next - Date.now();
    h.next = Math.max(Date.now(), h.next) + this.delayMs;
    if (wait > 0) await this.sleep(wait);
    return release;
  }
}
