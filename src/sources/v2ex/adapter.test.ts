import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePlatform, source } from '../testing/platform.ts';
import { v2exAdapter } from './adapter.ts';

test('V2EX: a node\'s topics as Chinese discussions over https, their HTML reduced to escaped text', async () => {
  const p = await fakePlatform('/api/topics/show.json', new URL('./testdata/show.json', import.meta.url));
  try {
    const r = await v2exAdapter.collect(source('v2ex', 'python'), p.ctx);
    assert.equal(p.server.log[0]!.path, '/api/topics/show.json?node_name=python');
    assert.deepEqual(
      r.sightings.map((s) => [s.url, s.comments, s.lang, s.discussion, s.author]),
      [
        ['https://www.v2ex.com/t/900001', 23, 'zh', true, 'zhang'],
        ['https://www.v2ex.com/t/900002', 61, 'zh', true, 'li'],
      ],
    );
    const summary = r.sightings[0]!.summary;
    assert.match(summary, /支持多账本/);
    assert.doesNotMatch(summary, /<script|javascript:|<a /, 'no markup of the topic survives');
  } finally {
    await p.close();
  }
});

test('V2EX: "hot" reads the hot topics; a node URL becomes its name', async () => {
  assert.equal(v2exAdapter.normalise('https://www.v2ex.com/go/python'), 'python');
  const p = await fakePlatform('/api/topics/hot.json', new URL('./testdata/show.json', import.meta.url));
  try {
    assert.equal((await v2exAdapter.collect(source('v2ex', 'hot'), p.ctx)).sightings.length, 2);
  } finally {
    await p.close();
  }
});
