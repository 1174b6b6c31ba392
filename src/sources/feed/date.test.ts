import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from './date.ts';

test('dates as feeds write them, into ISO time in UTC', () => {
  const cases: [string, string | undefined][] = [
    ['Mon, 07 Dec 2026 20:00:00 GMT', '2026-12-07T20:00:00.000Z'],
    ['Mon, 07 Dec 2026 20:00:00 +0000', '2026-12-07T20:00:00.000Z'],
    ['Mon, 07 Dec 2026 20:00:00 +0800', '2026-12-07T12:00:00.000Z'],
    ['Mon, 7 Dec 2026 20:00 EST', '2026-12-08T01:00:00.000Z'],
    ['2026-12-07T20:00:00.123Z', '2026-12-07T20:00:00.123Z'],
    ['2026-12-07T20:00:00Z', '2026-12-07T20:00:00.000Z'],
    ['2026-12-07T20:00:00+08:00', '2026-12-07T12:00:00.000Z'],
    ['2026-12-07', '2026-12-07T00:00:00.000Z'],
    ['2024-02-29T10:00:00Z', '2024-02-29T10:00:00.000Z'],
    ['2023年5月13日', '2023-05-12T16:00:00.000Z'],
    ['Mon, 32 Dec 2026 20:00:00 GMT', undefined],
    ['2026-13-07T20:00:00Z', undefined],
    ['', undefined],
  ];
  for (const [input, want] of cases) assert.equal(parseDate(input), want, input);
});

test('the two forms read at fixed places give what the general reading gives, at their edges too', () => {
  // A leading space takes a date past the fixed-place reading to the general one.
  const months = ['Jan', 'Feb', 'Apr', 'Dec', 'Foo', 'dec'];
  const seen = new Set<string | undefined>();
  for (const y of ['2026', '2024', '1900', '2000', '0099', '0100'])
    for (const d of ['01', '28', '29', '30', '31', '00', '3x'])
      for (const t of ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60']) {
        for (const mo of months)
          for (const zone of ['GMT', '+0000', 'UTC'])
            for (const day of ['Mon', 'Xyz', '123']) {
              const s = `${day}, ${d} ${mo} ${y} ${t} ${zone}`;
              assert.equal(parseDate(s), parseDate(` ${s}`), s);
              seen.add(parseDate(s));
            }
        for (const mo of ['01', '02', '04', '12', '13', '00'])
          for (const frac of ['', '.000', '.999', '.5x1'])
            for (const zone of ['Z', '+00:00', 'z']) {
              const s = `${y}-${mo}-${d}T${t}${frac}${zone}`;
              assert.equal(parseDate(s), parseDate(` ${s}`), s);
              seen.add(parseDate(s));
            }
      }
  assert.ok(seen.has(undefined) && seen.size > 500, `${seen.size} distinct results`);
});
