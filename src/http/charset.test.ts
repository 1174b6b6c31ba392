import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeBody } from './charset.ts';

describe('decoding bodies', () => {
  test('plain ASCII keeps the charset it was labelled with', () => {
    const d = decodeBody(Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss/>'));
    assert.deepEqual({ charset: d.charset, from: d.from, problems: d.problems }, { charset: 'windows-1252', from: 'declaration', problems: [] });
  });

  test('ASCII bytes in a charset that is not ASCII are read in that charset', () => {
    // "日本" in ISO-2022-JP: every byte is below 0x80.
    const jis = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-2022-jp"?><title>'), Buffer.from([0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42]), Buffer.from('</title>')]);
    assert.match(decodeBody(jis).text, /<title>日本<\/title>/);
    const utf16 = Buffer.from('<title>ok</title>', 'utf16le');
    assert.equal(decodeBody(utf16, 'text/xml; charset=utf-16le').text, '<title>ok</title>');
  });

  test('UTF-8 labelled Latin-1 is read as UTF-8, and says so', () => {
    const d = decodeBody(Buffer.from('<title>naïve café</title>'), 'text/xml; charset=iso-8859-1');
    assert.equal(d.text, '<title>naïve café</title>');
    assert.match(d.problems.join(), /labelled windows-1252 but is UTF-8/);
  });
});
