// Mojibake repair: text that was UTF-8 but was decoded as Windows-1252, Latin-1 or Mac Roman
// (once or twice over) is turned back into what was written. Correct text is left alone.
//
// A UTF-8 character of two to four bytes, read as a single-byte encoding, becomes a lead
// character followed by one to three continuation characters ("文" → "æ–‡"). Only runs of
// exactly that shape are candidates, each is decoded as UTF-8 strictly, and a decoded
// two-byte character must be one that real text uses, so "“Äpfel”" or "«CAFÉ»" stay as they are.

import { CP1252_HIGH } from './encodings.ts';

interface Codec {
  name: string;
  /** Character → byte, for bytes 0x80–0xFF. */
  toByte: Map<string, number>;
  pattern: RegExp;
}

function codec(name: string, charOf: (byte: number) => string[]): Codec {
  const toByte = new Map<string, number>();
  const cls = (lo: number, hi: number) => {
    let s = '';
    for (let b = lo; b <= hi; b++) {
      for (const ch of charOf(b)) {
        toByte.set(ch, b);
        s += ch.replace(/[\\\]\[^-]/g, '\\$&');
      }
    }
    return `[${s}]`;
  };
  const cont = cls(0x80, 0xbf);
  const lead2 = cls(0xc2, 0xdf);
  const lead3 = cls(0xe0, 0xef);
  const lead4 = cls(0xf0, 0xf4);
  const seq = `(?:${lead2}${cont}|${lead3}${cont}{2}|${lead4}${cont}{3})`;
  return { name, toByte, pattern: new RegExp(`${seq}+`, 'gu') };
}

// Windows-1252, with Latin-1's C1 controls for the five bytes it leaves undefined.
const CP1252 = codec('windows-1252', (b) => {
  const out = [String.fromCharCode(b)];
  const special = CP1252_HIGH[b];
  if (special) out.push(String.fromCharCode(special));
  return out;
});

const macDecoder = new TextDecoder('macintosh');
const MAC_ROMAN = codec('mac-roman', (b) => [macDecoder.decode(Uint8Array.of(b))]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Two-byte UTF-8 characters that real text is made of: Latin, Greek, Cyrillic, Hebrew, Arabic;
 *  C1 controls too, which a double mojibake passes through on its way back. */
function plausible(decoded: string): boolean {
  for (const ch of decoded) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || cp > 0x7ff) continue;
    const ok =
      (cp >= 0x80 && cp <= 0x24f) ||
      (cp >= 0x2c6 && cp <= 0x2dd) ||
      (cp >= 0x370 && cp <= 0x3ff) ||
      (cp >= 0x400 && cp <= 0x45f) ||
      cp === 0x490 ||
      cp === 0x491 ||
      (cp >= 0x5d0 && cp <= 0x5ea) ||
      (cp >= 0x600 && cp <= 0x6ff);
    if (!ok) return false;
  }
  return true;
}

/** Undoes one codec everywhere it can; `undone` counts the characters it took back. */
function repairOnce(text: string, c: Codec): { text: string; undone: number } {
  let undone = 0;
  const out = text.replace(c.pattern, (run) => {
    const bytes = Uint8Array.from([...run].map((ch) => c.toByte.get(ch)!));
    let decoded: string;
    try {
      decoded = utf8.decode(bytes);
    } catch {
      return run;
    }
    if (!plausible(decoded)) return run;
    undone += run.length;
    return decoded;
  });
  return { text: out, undone };
}

export interface Repair {
  text: string;
  /** Encodings undone, in order: ["windows-1252", "windows-1252"] for a double mojibake. */
  undone: string[];
}

export function repairMojibake(text: string): Repair {
  const undone: string[] = [];
  let cur = text;
  for (let round = 0; round < 3; round++) {
    // The codec that explains more of the text wins: a Mac Roman mojibake has stretches that
    // also look like Windows-1252 mojibake, but fewer of them.
    const [best] = [CP1252, MAC_ROMAN].map((c) => ({ c, ...repairOnce(cur, c) })).sort((a, b) => b.undone - a.undone);
    if (!best || best.undone === 0) break;
    undone.push(best.c.name);
    cur = best.text;
  }
  return { text: cur, undone };
}
