# The peer: a collector built the way the weekly's own script works: httpx's AsyncClient
# gathering every feed with asyncio, then feedparser.parse on each body. Run with Debian's
# python3 (python3-httpx, python3-feedparser). Prints JSON: seconds, feeds, entries, max RSS.
import asyncio, json, resource, sys, time

import feedparser
import httpx


async def main(urls):
    start = time.perf_counter()
    async with httpx.AsyncClient(timeout=30) as client:
        responses = await asyncio.gather(*(client.get(u) for u in urls), return_exceptions=True)
    entries = 0
    failed = 0
    for r in responses:
        if isinstance(r, Exception) or r.status_code != 200:
            failed += 1
            continue
        entries += len(feedparser.parse(r.content).entries)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "feeds": len(urls), "failed": failed, "entries": entries,
                      "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


asyncio.run(main([line.strip() for line in open(sys.argv[1]) if line.strip()]))
