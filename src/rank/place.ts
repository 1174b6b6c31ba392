// Where each sighting goes before it is stored: under its canonical link (one candidate however
// many sources and tracking parameters point at it), and, for a link not seen before, the kind
// and section its candidate gets. Links that are not http(s), or too long to keep, are dropped; a
// source that repeats a link counts once. The kind is decided only for links the store does not
// have (most of a feed's daily run is links it has), so it is a function the store calls.

import type { Publication } from '../core/model.ts';
import type { Sighting, Source } from '../sources/types.ts';
import type { Placement } from '../store/candidates.ts';
import { canonicalUrl } from './canonical-url.ts';
import { sectionFor, suggestKind } from './suggest.ts';

/** Longer links are not kept: no browser opens them, and PostgreSQL cannot index them (a B-tree
 * entry holds about 2,700 bytes), which would fail the whole source's write. */
export const MAX_URL_LENGTH = 2048;

/** The sightings by canonical link, the first of each. */
export function byCanonicalUrl(sightings: Sighting[]): Map<string, Sighting> {
  const byUrl = new Map<string, Sighting>();
  for (const s of sightings) {
    const url = canonicalUrl(s.url);
    if (/^https?:\/\//.test(url) && url.length <= MAX_URL_LENGTH && !byUrl.has(url)) byUrl.set(url, s);
  }
  return byUrl;
}

/** The kind and section of a new candidate: from its link and what the source says of it, the source's own section first. */
export function placement(pub: Publication, source: Pick<Source, 'section'>): Placement {
  return (url, s) => {
    const kind = suggestKind({ url, media: s.media, discussion: s.discussion });
    return { kind, section: source.section ?? sectionFor(kind, pub.sections) };
  };
}
