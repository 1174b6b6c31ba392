import assert from 'node:assert/strict';
import { test } from 'node:test';
import { featuredIssue, identityKeys, projectKey, titleKey } from './identity.ts';

test('a project is the same project whichever of its pages a link shows', () => {
  for (const url of ['https://github.com/Acme/Tool', 'https://github.com/acme/tool/releases/tag/v2.0', 'https://github.com/acme/tool/blob/main/README.md', 'https://acme.github.io/tool/guide/']) assert.equal(projectKey(url), 'github:acme/tool', url);
  assert.equal(projectKey('https://pypi.org/project/Fast_Lib/'), 'pypi:fast-lib');
  assert.equal(projectKey('https://fast-lib.readthedocs.io/en/latest/'), 'pypi:fast-lib');
  assert.equal(projectKey('https://www.npmjs.com/package/@scope/pkg'), 'npm:@scope/pkg');
  for (const url of ['https://github.com/topics/python', 'https://github.com/acme', 'https://blog.example.com/acme/tool']) assert.equal(projectKey(url), undefined, url);
});

test('a title means one story when it is long enough, whatever its punctuation, case or Markdown', () => {
  assert.equal(titleKey('The GIL, explained: how free-threading changes it'), titleKey('the gil explained — how FREE-THREADING changes it!'));
  assert.equal(titleKey('[深入理解 Python 虚拟机：描述器](https://e.com/x)'), titleKey('深入理解 Python 虚拟机 描述器'));
  assert.equal(titleKey('Show HN'), undefined, 'too short to mean one story');
});

test('featured before: by the link, by the project, and by the title of a mirror copy', () => {
  const featured = new Map<string, number>();
  for (const [url, title, n] of [
    ['https://github.com/acme/tool', 'tool: a tool', 101],
    ['https://blog.example.com/gil', 'The GIL, explained: how free-threading changes it', 102],
    ['https://pypi.org/project/fast-lib/', 'fast-lib', 103],
  ] as const)
    for (const k of identityKeys(url, title)) if (!featured.has(k)) featured.set(k, n);
  assert.equal(featuredIssue(featured, 'https://github.com/acme/tool/releases/tag/v3', 'tool 3.0 released'), 101);
  assert.equal(featuredIssue(featured, 'https://mirror.example.net/2030/gil-copy', 'The GIL explained: how free threading changes it'), 102);
  assert.equal(featuredIssue(featured, 'https://fast-lib.readthedocs.io/', 'fast-lib documentation'), 103);
  assert.equal(featuredIssue(featured, 'https://blog.example.com/gil?utm_source=x', 'anything'), 102);
  assert.equal(featuredIssue(featured, 'https://other.example.com/', 'Something else entirely, new'), null);
});
