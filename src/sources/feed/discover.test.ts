import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discoverFeeds } from './discover.ts';

test('a page\'s feeds are found in its head, made absolute, JSON Feed last; links in the body and other types are not feeds', () => {
  const html = `<!doctype html><html><head>
    <link rel="alternate" type="application/feed+json" href="/feed.json">
    <link rel="stylesheet" href="/s.css">
    <link rel="ALTERNATE" type="application/atom+xml" title="Atom" href="atom.xml">
    <link rel="alternate" type="text/html" hreflang="en" href="/en/">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
  </head><body><link rel="alternate" type="application/rss+xml" href="/not-this.xml"></body></html>`;
  assert.deepEqual(discoverFeeds(html, 'https://blog.example.org/posts/'), ['https://blog.example.org/posts/atom.xml', 'https://blog.example.org/feed.json']);
  assert.deepEqual(discoverFeeds('<p>no head at all</p>', 'https://x.example.org/'), []);
});
