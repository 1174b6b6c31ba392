// Character classes read by code point, for scanners that step through a string a code at a time.

/** A-Z or a-z. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
