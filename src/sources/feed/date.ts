// Dates as real feeds write them: RFC 822 and RFC 3339 and their common mistakes
// (no comma, two-digit years, named time zones, missing seconds or zone, "Sept",
// a space instead of "T", "2023年5月13日"). Returns an ISO string in UTC, or undefined.

import { squashSpaces } from '../../text/spaces.ts';
import { isAsciiLetter } from '../../text/ascii.ts';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7,
  bst: 1, cet: 1, cest: 2, eet: 2, eest: 3, jst: 9, kst: 9, ist: 5.5, aest: 10, aedt: 11, hkt: 8, sgt: 8,
};

function zoneMinutes(z: string | undefined): number | undefined {
  if (!z) return 0;
  const t = z.trim().toLowerCase();
  if (t in ZONES) return ZONES[t]! * 60;
  const m = /^(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?$/.exec(t);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  return undefined;
}

/** Two to four digits at s[at..at+n), or -1. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysIn(y: number, mo: number): number {
  return mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

/** A date and time that needs no carrying (no 24:00, no 31 April, no leap second). */
function plain(y: number, mo: number, d: number, h: number, mi: number, sec: number): boolean {
  return y >= 100 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59;
}

/** "2026-12-07T20:00:00.000Z" (given back as it is) or "2026-12-07T20:00:00Z"; else undefined. */
function isoQuick(s: string): string | undefined {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(s.length - 1) !== 90) return undefined;
  if (s.length === 24 && (s.charCodeAt(19) !== 46 || digits(s, 20, 3) < 0)) return undefined;
  if (!plain(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2))) return undefined;
  return s.length === 24 ? s : `${s.slice(0, 19)}.000Z`;
}

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mon, 07 Dec 2026 20:00:00 GMT" (what toUTCString writes) or the same ending "+0000"; else undefined. */
function rfc1123Quick(s: string): string | undefined {
  if (s.charCodeAt(3) !== 44 || s.charCodeAt(4) !== 32 || s.charCodeAt(7) !== 32 || s.charCodeAt(11) !== 32 || s.charCodeAt(16) !== 32 || s.charCodeAt(19) !== 58 || s.charCodeAt(22) !== 58 || s.charCodeAt(25) !== 32) return undefined;
  for (let i = 0; i < 3; i++) if (!isAsciiLetter(s.charCodeAt(i))) return undefined;
  const zone = s.slice(26);
  if (zone !== 'GMT' && zone !== '+0000') return undefined;
  const mo = MONTH_ABBR.indexOf(s.slice(8, 11)) + 1;
  // Plain constants, not a destructured list: that made this the slowest of the reader's
  // functions to optimise (57 ms of a compiler thread in a first collection).
  const y = digits(s, 12, 4);
  const d = digits(s, 5, 2);
  const h = digits(s, 17, 2);
  const mi = digits(s, 20, 2);
  const sec = digits(s, 23, 2);
  if (!plain(y, mo, d, h, mi, sec)) return undefined;
  return build(y, mo, d, h, mi, sec);
}

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, offsetMin = 0): string | undefined {
  if (y < 100) y += y < 50 ? 2000 : 1900;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offsetMin * 60_000;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

export function parseDate(input: string | undefined | null): string | undefined {
  if (!input) return undefined;
  // Most feeds write one of two forms exactly: read at fixed places, with no expression run.
  const quick = input.length === 24 || input.length === 20 ? isoQuick(input) : input.length === 29 || input.length === 31 ? rfc1123Quick(input) : undefined;
  if (quick) return quick;
  const trimmed = input.trim();
  const s = squashSpaces(trimmed);
  if (!s) return undefined;

  // RFC 3339 / W3C-DTF / ISO 8601, leniently.
  let m = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?)? ?(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?$/.exec(s);
  if (m) {
    const off = zoneMinutes(m[8]);
    if (off === undefined) return undefined;
    return build(+m[1]!, +(m[2] ?? 1), +(m[3] ?? 1), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0, off);
  }

  // RFC 822 and friends: "[Sat,] 13 May 2023 10:14[:55] [GMT|+0800]", also "May 13, 2023".
  m = /^(?:[A-Za-z]{2,9},? ?)?(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -,]*(\d{2,4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?)? ?(.*)$/.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    const off = zoneMinutes(m[7]);
    if (mo && off !== undefined) return build(+m[3]!, mo, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, off);
  }
  m = /^(?:[A-Za-z]{2,9},? )?([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))? ?(am|pm)?)? ?(.*)$/i.exec(s);
  if (m) {
    const mo = MONTHS[m[1]!.toLowerCase()];
    const off = zoneMinutes(m[8]);
    let h = +(m[4] ?? 0);
    if (m[7]?.toLowerCase() === 'pm' && h < 12) h += 12;
    if (m[7]?.toLowerCase() === 'am' && h === 12) h = 0;
    if (mo && off !== undefined) return build(+m[3]!, mo, +m[2]!, h, +(m[5] ?? 0), +(m[6] ?? 0), 0, off);
  }

  // Chinese and Japanese dates, read as China time when no zone is given.
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, 480);

  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}
