// The blog's front matter: a flat list of `key: value` lines between `---` fences.
// Values keep their quoting so that a file renders back as it was written.

import type { HeaderField } from '../core/model.ts';
import { MarkdownError } from './errors.ts';

export interface FrontMatter {
  fields: HeaderField[];
  /** Offset just past the closing fence (before its line break). */
  end: number;
  /** Number of lines the front matter takes, fences included. */
  lines: number;
}

export function readFrontMatter(text: string, file: string): FrontMatter | null {
  if (!/^---[ \t]*\n/.test(text)) return null;
  const close = /\n---[ \t]*(\n|$)/.exec(text);
  if (!close) throw new MarkdownError(file, 1, 'front matter is not closed with a "---" line');
  const body = text.slice(text.indexOf('\n') + 1, close.index);
  const fields: HeaderField[] = [];
  body.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^([A-Za-z_][\w-]*):[ \t]?(.*)$/.exec(line);
    if (!m) throw new MarkdownError(file, i + 2, `front matter line is not "key: value": ${line.slice(0, 60)}`);
    fields.push(readValue(m[1]!, m[2]!));
  });
  const end = close.index + close[0].length - close[1]!.length;
  return { fields, end, lines: text.slice(0, end).split('\n').length };
}

function readValue(key: string, raw: string): HeaderField {
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
    return { key, value: raw.slice(1, -1).replaceAll("''", "'"), quote: "'" };
  }
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    return { key, value: raw.slice(1, -1).replaceAll('\\"', '"').replaceAll('\\\\', '\\'), quote: '"' };
  }
  return { key, value: raw, quote: '' };
}

export function writeValue(f: HeaderField): string {
  if (f.quote === "'") return `'${f.value.replaceAll("'", "''")}'`;
  if (f.quote === '"') return `"${f.value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  return f.value;
}

/** A value needs quotes in YAML when it could be read as something else. */
export function quoteFor(value: string): HeaderField['quote'] {
  return /^[\w .,/()\-+@]*$/u.test(value) && !/^\d/.test(value) && !value.includes(': ') ? '' : "'";
}

export function writeFrontMatter(fields: HeaderField[]): string {
  return ['---', ...fields.map((f) => `${f.key}: ${writeValue(f)}`), '---'].join('\n');
}
