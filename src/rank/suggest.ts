// Which section a candidate belongs in, from what it links to.

import type { ItemKind } from '../core/model.ts';
import { plainLink } from './canonical-url.ts';

const MEDIA_HOSTS = /(^|\.)(youtube\.com|youtu\.be|bilibili\.com|vimeo\.com|xiaoyuzhoufm\.com|podcasts\.apple\.com|open\.spotify\.com|talkpython\.fm|pythonbytes\.fm|realpython\.com\/podcasts)$/;
const DISCUSSION = /(^|\.)(news\.ycombinator\.com|reddit\.com|v2ex\.com|lobste\.rs|discuss\.python\.org|zhihu\.com\/question|stackoverflow\.com|mail\.python\.org)/;

export interface KindHints {
  url: string;
  /** An enclosure or duration says audio or video. */
  media?: boolean;
  /** The platform says this is a discussion thread (a self post, an Ask HN). */
  discussion?: boolean;
}

export function suggestKind(h: KindHints): ItemKind {
  const [hostname, path] = hostAndPath(h.url);
  const host = hostname.replace(/^www\./, '');
  if (host === 'github.com' && /^\/[^/]+\/[^/]+\/?$/.test(path)) return 'project';
  if (host === 'gitlab.com' && /^\/[^/]+\/[^/]+\/?$/.test(path)) return 'project';
  if (host === 'pypi.org' && path.startsWith('/project/')) return 'project';
  if (h.media || MEDIA_HOSTS.test(host)) return 'media';
  if (h.discussion || DISCUSSION.test(host + path)) return 'discussion';
  return 'article';
}

/** A link's host name and path ('' and '' for what is not a URL). */
export function hostAndPath(url: string): [host: string, path: string] {
  const plain = plainLink(url);
  return plain ? [plain.host, plain.path] : parsedHostAndPath(url);
}

/** hostAndPath by parsing, for every link (exported for the test that holds the two together). */
export function parsedHostAndPath(url: string): [host: string, path: string] {
  try {
    const u = new URL(url);
    return [u.hostname, u.pathname];
  } catch {
    return ['', ''];
  }
}

/** The publication section for a kind: the first items section that counts it. */
export function sectionFor(kind: ItemKind, sections: { key: string; kind: string; counts?: ItemKind | undefined }[]): string {
  return sections.find((s) => s.kind === 'items' && s.counts === kind)?.key ?? sections.find((s) => s.kind === 'items')?.key ?? 'articles';
}
