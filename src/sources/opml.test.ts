import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readOpml } from './opml.ts';

test('an OPML from another feed reader: feeds with their titles, folders as tags, other outlines ignored', () => {
  const opml = `<?xml version="1.0"?><opml version="1.0"><head><title>Reader export</title></head><body>
<outline text="Python"><outline text="Blog A" type="rss" xmlUrl="https://a.example.com/feed" htmlUrl="https://a.example.com/"/>
<outline text="Deep"><outline title="Blog B" type="rss" xmlUrl=" https://b.example.com/rss "/></outline></outline>
<outline text="A link, not a feed" type="link" url="https://c.example.com/"/>
</body></opml>`;
  assert.deepEqual(readOpml(opml), [
    { kind: 'feed', url: 'https://a.example.com/feed', title: 'Blog A', tags: ['Python'] },
    { kind: 'feed', url: 'https://b.example.com/rss', title: 'Blog B', tags: ['Python', 'Deep'] },
  ]);
  assert.throws(() => readOpml('<html><body>hello</body></html>'), /not an OPML document/);
});
