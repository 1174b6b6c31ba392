// Where each sighting goes before it is stored: under its canonical link (one candidate however
// many sources and tracking parameters point at it), with the kind and section a new candidate
// gets. Links that are not http(s), or too long to keep, are dropped; a source that repeats a link
// counts once.

import type { Publication } from '../core/model.ts';
import type { Sighting, Source } from '../sources/types.ts';
import type { PlacedSighting } from '../store/candidates.ts';
import { canonicalUrl } from './canonical-url.ts';
import { sectionFor, suggestKind } from './suggest.ts';

/** Longer links are not kept: no browser opens them, and PostgreSQL cannot index them (a B-tree
 * entry holds about 2,700 bytes), which would fail the whole source's write. */
export const MAX_URL_LENGTH = 2048;

export function placeSightings(pub: Publication, source: Pick<Source, 'section'>, sightings: Sighting[]): Map<string, PlacedSighting> {
  const byUrl = new Map<string, PlacedSighting>();
  for (const s of sightings) {
    const url = canonicalUrl(s.url);
    if (!/^https?:\/\//.test(url) || url.length > MAX_URL_LENGTH || byUrl.has(url)) continue;
    const kind = suggestKind({ url, media: s.media, discussion: s.discussion });
    byUrl.set(url, { ...s, kind, section: source.section ?? sectionFor(kind, pub.sections) });
  }
  return byUrl;
}
