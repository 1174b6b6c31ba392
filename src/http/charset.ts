// Bytes to text: the charset from the byte-order mark, the HTTP header, or the XML or HTML
// declaration, in that order; then the mojibake repair for text that was already garbled.

import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { fixWindows1252 } from '../text/encodings.ts';
import { repairMojibake } from '../text/mojibake.ts';

export interface Decoded {
  text: string;
  charset: string;
  /** How the charset was found. */
  from: 'bom' | 'header' | 'declaration' | 'default' | 'fallback';
  /** Encodings undone by the mojibake repair. */
  repaired: string[];
  problems: string[];
}

function bom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

function fromDeclaration(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta?.[1]?.toLowerCase();
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/** Encodings in which ASCII bytes do not stand for ASCII characters. */
const ASCII_UNSAFE = /^(utf-16|iso-2022-jp|replacement)/;

const SINGLE_BYTE_LATIN = new Set(['windows-1252', 'iso-8859-1', 'us-ascii', 'iso-8859-15']);

export function decodeBody(bytes: Uint8Array, contentType?: string): Decoded {
  const problems: string[] = [];
  let charset: string | undefined;
  let from: Decoded['from'] = 'default';
  const b = bom(bytes);
  if (b) [charset, from] = [b, 'bom'];
  else if ((charset = charsetFromContentType(contentType))) from = 'header';
  else if ((charset = fromDeclaration(bytes))) from = 'declaration';
  let decoder = charset ? decoderFor(charset) : undefined;
  if (charset && !decoder) problems.push(`unknown charset "${charset}", read as UTF-8`);
  decoder ??= new TextDecoder('utf-8');
  let name = decoder.encoding;
  // Plain ASCII reads the same in every charset that extends it, and cannot hold mojibake: most
  // English feeds skip the checks below.
  if (!ASCII_UNSAFE.test(name) && isAscii(bytes)) return { text: decoder.decode(bytes), charset: name, from, repaired: [], problems };
  // A Latin-1 label on bytes that are valid UTF-8 with non-ASCII in them is a mislabel.
  if (SINGLE_BYTE_LATIN.has(name) && from !== 'bom' && isUtf8(bytes) && bytes.some((x) => x >= 0x80)) {
    problems.push(`labelled ${name} but is UTF-8`);
    decoder = new TextDecoder('utf-8');
    name = 'utf-8';
  } else if (name === 'utf-8' && !isUtf8(bytes)) {
    problems.push(`not valid UTF-8${from === 'default' ? '' : ` although labelled so (${from})`}, read as windows-1252`);
    decoder = new TextDecoder('windows-1252');
    name = 'windows-1252';
    from = 'fallback';
  }
  let text = decoder.decode(bytes);
  if (name === 'windows-1252') text = fixWindows1252(text);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const fix = repairMojibake(text);
  return { text: fix.text, charset: name, from, repaired: fix.undone, problems };
}
