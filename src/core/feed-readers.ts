// Who reads the feeds, from the User-Agent of their requests: a feed service names itself and,
// often, how many of its users subscribe ("Feedly/1.0 (+http://www.feedly.com/fetcher.html; 123
// subscribers; )"). Nothing else of the request is kept: no address, no cookie.

const KNOWN: [RegExp, string][] = [
  [/feedly/i, 'Feedly'],
  [/inoreader/i, 'Inoreader'],
  [/newsblur/i, 'NewsBlur'],
  [/feedbin/i, 'Feedbin'],
  [/theoldreader/i, 'The Old Reader'],
  [/feedspot/i, 'Feedspot'],
  [/miniflux/i, 'Miniflux'],
  [/tt-rss|tiny tiny rss/i, 'Tiny Tiny RSS'],
  [/freshrss/i, 'FreshRSS'],
  [/netnewswire/i, 'NetNewsWire'],
  [/reeder/i, 'Reeder'],
  [/feeder\.co|feeder/i, 'Feeder'],
  [/follow\//i, 'Follow'],
  [/rsshub/i, 'RSSHub'],
  [/python-feedparser|feedparser/i, 'feedparser'],
];

/** The reader a request comes from and the subscribers it reports, or undefined for a browser or a crawler that is not a feed reader. */
export function feedReaderOf(userAgent: string | undefined): { reader: string; subscribers: number | null } | undefined {
  const ua = (userAgent ?? '').slice(0, 500);
  if (!ua) return undefined;
  const count = /(\d[\d,]*)\s+(?:subscribers?|readers?|users?)\b/i.exec(ua);
  const subscribers = count ? Number(count[1]!.replace(/,/g, '')) : null;
  const known = KNOWN.find(([re]) => re.test(ua));
  if (known) return { reader: known[1], subscribers };
  // Another service that reports its subscribers is a feed reader too, by its first word.
  if (subscribers !== null) return { reader: /^[\w .-]+?(?=\/|\s|\(|$)/.exec(ua)?.[0].trim() || 'other', subscribers };
  return /mozilla|chrome|safari|bot|spider|crawl/i.test(ua) ? undefined : { reader: /^[\w.-]+/.exec(ua)?.[0] ?? 'other', subscribers: null };
}
