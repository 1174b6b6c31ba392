// Whether an issue's links and images can still be reached: each fetched through the one client
// (its private-address refusal, per-host politeness and limits), a few at a time. A body larger
// than the client's limit is there, just big. Nothing is stored: it is a check. The builder's
// "Check links" and the preflight both call it.

import type { Issue } from '../core/model.ts';
import type { Fetcher } from '../http/client.ts';
import { FetchError } from '../http/errors.ts';
import { eachLimited } from '../http/limiter.ts';

export interface DeadLink {
  itemId: number;
  url: string;
  what: 'link' | 'image';
  error: string;
}

export async function checkIssueLinks(issue: Issue, fetcher: Fetcher, concurrency = 6): Promise<{ checked: number; failed: DeadLink[] }> {
  const links = issue.items.flatMap((i) => [
    ...(i.url ? [{ itemId: i.id!, url: i.url, what: 'link' as const }] : []),
    ...(i.image && /^https?:/.test(i.image) ? [{ itemId: i.id!, url: i.image, what: 'image' as const }] : []),
  ]);
  const failed: DeadLink[] = [];
  await eachLimited(links, concurrency, async (l) => {
    try {
      await fetcher.get(l.url, {}, '*/*');
    } catch (e) {
      if (e instanceof FetchError && e.code === 'too-large') return;
      failed.push({ ...l, error: e instanceof FetchError ? e.message.replace(`fetch: ${l.url}: `, '') : (e as Error).message });
    }
  });
  failed.sort((a, b) => a.itemId - b.itemId || a.url.localeCompare(b.url));
  return { checked: links.length, failed };
}
