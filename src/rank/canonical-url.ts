// One URL per article, whatever tracking, wrapper or AMP variant a source linked to.

const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ck_subscriber_id|igshid|yclid|_hsenc|_hsmi|mkt_tok|ref|ref_src|ref_url|referrer|source|src|spm|share|share_source|from|cmpid|campaign|s_cid|trk|trkcampaign|sc_campaign|ncid|cid|__twitter_impression|wt_mc|oly_enc_id|oly_anon_id|vero_id|rss|feed|via)$/i;

/** Redirect wrappers whose real target sits in a query parameter: host, path, parameters. */
const WRAPPERS: [RegExp, RegExp, string[]][] = [
  [/^(www\.)?google\.[a-z.]+$/, /^\/url$/, ['q', 'url']],
  [/^(l|lm)\.facebook\.com$/, /^\/l\.php$/, ['u']],
  [/^link\.zhihu\.com$/, /^\/?$/, ['target']],
  [/^link\.juejin\.cn$/, /^\/?$/, ['target']],
  [/^out\.reddit\.com$/, /.*/, ['url']],
  [/^t\.umblr\.com$/, /^\/redirect$/, ['z']],
  [/^slack-redir\.net$/, /^\/link$/, ['url']],
  [/^(www\.)?youtube\.com$/, /^\/redirect$/, ['q']],
];

/** A plain link: http(s), a host of lower-case ASCII names ending in a letter (nothing a URL
 * parser rewrites: no port, credentials or trailing dot, no IPv4 in disguise), a path of
 * characters it leaves as they are, and no query or fragment. */
const PLAIN = /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(\/[A-Za-z0-9\-_~%!$&'()*+,;=:@/]*)?$/;

/**
 * A plain link's host and path as the URL parser would give them, read off its text; undefined
 * for any other link (parse it). Most links in feeds are plain, and canonicalUrl and suggestKind
 * (suggest.ts) then need no URL object built for them.
 */
export function plainLink(url: string): { host: string; path: string } | undefined {
  const m = PLAIN.exec(url);
  // A dot segment ("/./", "/../") the parser would resolve.
  if (!m || url.includes('/.', 8)) return undefined;
  return { host: m[1]!, path: m[2] ?? '/' };
}

export function canonicalUrl(input: string): string {
  // Plain and already canonical: no "amp." host or AMP path, no trailing slash (nor a bare "/").
  const plain = plainLink(input);
  if (plain && !plain.host.startsWith('amp.') && !plain.path.includes('amp') && !plain.path.endsWith('/')) return input;
  return parsedCanonicalUrl(input);
}

/** canonicalUrl by parsing, for every link (exported for the test that holds the two together). */
export function parsedCanonicalUrl(input: string): string {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return input.trim();
  }
  for (let i = 0; i < 3; i++) {
    const w = WRAPPERS.find(([host, path]) => host.test(u.hostname) && path.test(u.pathname));
    const target = w?.[2].map((p) => u.searchParams.get(p)).find(Boolean);
    if (!target || !/^https?:\/\//i.test(target)) break;
    try {
      u = new URL(target);
    } catch {
      break;
    }
  }
  // Each URL setter reparses the whole URL: only what changes is set. (The parser already
  // lower-cases the host and drops default ports.)
  if (u.hash) u.hash = '';
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.replace(/\.$/, '');
  // AMP variants: amp.example.com, /amp/ segments, ?amp=1, ?outputType=amp.
  if (u.hostname.startsWith('amp.')) u.hostname = u.hostname.slice(4);
  let path = u.pathname;
  if (path.includes('amp')) path = path.replace(/\/amp(\/|$)/, '/').replace(/\.amp(\.html)?$/, '$1').replace(/\/amp\.html$/, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');
  if (path !== u.pathname) u.pathname = path;
  if (u.search) {
    const keep = [...u.searchParams].filter(([k, v]) => !TRACKING.test(k) && !(k === 'amp' && (v === '1' || v === '')) && !(k.toLowerCase() === 'outputtype' && v === 'amp'));
    keep.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    u.search = new URLSearchParams(keep).toString();
  } else if (u.href.includes('?')) u.search = ''; // a bare "?"
  let out = u.toString();
  if (u.pathname === '/' && !u.search) out = out.replace(/\/$/, '');
  return out;
}

/** A looser key for "have we seen this link": no scheme, no www. */
export function urlKey(url: string): string {
  return canonicalUrl(url).replace(/^https?:\/\//, '').replace(/^www\./, '').toLowerCase();
}
