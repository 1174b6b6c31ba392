// White space as text is compared and shown: each run one space.

/** White space other than single spaces: what there is to collapse. */
const LOOSE = /\s\s|[^\S ]/;

/** `s` with each run of white space (tabs, newlines, no-break spaces) as one space; `s` itself,
 * not a copy, when it has nothing to collapse (most titles and dates). */
export function squashSpaces(s: string): string {
  return LOOSE.test(s) ? s.replace(/\s+/g, ' ') : s;
}
