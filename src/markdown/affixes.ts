// What stands at the end of a blurb: a star count "（star 1.2K）" and a note "（附：……）".
// Each is taken out into the model when found; the form it was written in is kept
// when it is not the house template, so the blurb renders back exactly.

import type { Lang, Publication } from '../core/model.ts';
import { fill } from '../core/template.ts';
import { formatStars, parseStars } from '../core/stars.ts';

const STAR_FORMS = [/[ \t]?[（(](?:star|スター数?)[ \t]*([\d.,]+[KkMm]?)[)）]$/i, /[ \t]?[（(]([\d.,]+[KkMm]?)[ \t]*stars?[)）]$/i];

export interface StarsFound {
  rest: string;
  stars: number;
  /** The text as written, when the house template would write it otherwise. */
  literal?: string;
}

export function extractStars(blurb: string, pub: Publication, lang: Lang): StarsFound | null {
  for (const re of STAR_FORMS) {
    const m = re.exec(blurb);
    if (!m) continue;
    const stars = parseStars(m[1]!);
    if (stars === undefined) continue;
    const template = pub.style.langs[lang]?.starsTemplate ?? '（star {stars}）';
    const split = splitAffix(blurb, m.index, fill(template, { stars: formatStars(stars) }));
    return split.matched ? { rest: split.rest, stars } : { rest: split.rest, stars, literal: split.affix };
  }
  return null;
}

const NOTE_PREFIX = /^[（(](附：?|Note:\s|See also:\s|Related:\s|Also:\s)/;

export interface NoteFound {
  rest: string;
  note: string;
  /** The wrapper as written, "{note}" standing for the note, when it is not the house template. */
  form?: string;
}

export function extractNote(blurb: string, pub: Publication, lang: Lang): NoteFound | null {
  const close = blurb.at(-1);
  if (close !== '）' && close !== ')') return null;
  const open = close === '）' ? '（' : '(';
  let depth = 0;
  let at = -1;
  for (let i = blurb.length - 1; i >= 0; i--) {
    const c = blurb[i];
    if (c === close) depth++;
    else if (c === open && --depth === 0) {
      at = i;
      break;
    }
  }
  if (at <= 0) return null;
  const seg = blurb.slice(at);
  const p = NOTE_PREFIX.exec(seg);
  if (!p) return null;
  const note = seg.slice(p[0].length, -1);
  if (!note.trim()) return null;
  const start = /[ \t]$/.test(blurb.slice(0, at)) ? at - 1 : at;
  const template = pub.style.langs[lang]?.noteTemplate ?? '（附：{note}）';
  const split = splitAffix(blurb, start, fill(template, { note }));
  if (split.matched) return { rest: split.rest, note };
  return { rest: split.rest, note, form: split.affix.slice(0, split.affix.length - note.length - 1) + '{note}' + close };
}

/**
 * Splits a blurb before an affix that starts at `at` (possibly with one leading space).
 * The affix matches when it equals the rendered template with or without that space.
 */
function splitAffix(blurb: string, at: number, rendered: string): { rest: string; affix: string; matched: boolean } {
  const withSpace = blurb.slice(at);
  if (withSpace === rendered) return { rest: blurb.slice(0, at), affix: withSpace, matched: true };
  const lead = /^[ \t]/.test(withSpace) ? 1 : 0;
  const bare = withSpace.slice(lead);
  return { rest: blurb.slice(0, at + lead), affix: bare, matched: bare === rendered };
}
