import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoIssue } from './demo-issue.ts';
import { DEMO_PUBLICATION } from './demo-publication.ts';
import { applyOps, conflicts, describeOps, EditError } from './edit.ts';
import { normaliseIssue } from './model.ts';

const draft = () => {
  const issue = normaliseIssue(demoIssue(new Date('2030-03-01T00:00:00Z')));
  issue.items.forEach((it, i) => (it.id = i + 1));
  return issue;
};

test('every operation has an inverse that undoes it exactly', () => {
  const before = draft();
  const first = before.items[0]!;
  const after = structuredClone(before);
  const ops = [
    { op: 'text' as const, id: first.id!, lang: DEMO_PUBLICATION.primaryLang, field: 'blurb' as const, value: '新的介绍' },
    { op: 'move' as const, id: first.id!, section: before.items.at(-1)!.section, position: 0 },
    { op: 'title' as const, lang: DEMO_PUBLICATION.primaryLang, value: '新标题' },
    { op: 'remove' as const, id: before.items[1]!.id! },
  ];
  const { inverse, touched } = applyOps(after, DEMO_PUBLICATION, ops);
  assert.notDeepEqual(normaliseIssue(after), normaliseIssue(before));
  assert.ok(touched.length >= 3);
  applyOps(after, DEMO_PUBLICATION, inverse);
  assert.deepEqual(normaliseIssue(after), normaliseIssue(before));
});

test('an operation on an item that is not there, or a section the publication lacks, is refused by name', () => {
  assert.throws(() => applyOps(draft(), DEMO_PUBLICATION, [{ op: 'remove', id: 999 }]), (e: unknown) => e instanceof EditError && /999/.test((e as Error).message));
  assert.throws(() => applyOps(draft(), DEMO_PUBLICATION, [{ op: 'move', id: 1, section: 'nowhere', position: 0 }]), (e: unknown) => e instanceof EditError && /nowhere/.test((e as Error).message));
});

test('two editors conflict only on the same field, never on order alone', () => {
  assert.deepEqual(conflicts(['item:1:zh:blurb', 'order'], ['item:1:zh:blurb', 'order']), ['item:1:zh:blurb']);
  assert.deepEqual(conflicts(['item:1:zh:blurb'], ['item:1:en:blurb', 'order']), []);
});

test('the history says what a change did', () => {
  assert.equal(describeOps([{ op: 'remove', id: 4 }]), 'removed item 4');
  const before = draft();
  const first = before.items[0]!;
  const t = first.texts[DEMO_PUBLICATION.primaryLang]!.title;
  assert.equal(describeOps([{ op: 'move', id: first.id!, section: 'media', position: 1 }], before, DEMO_PUBLICATION.primaryLang), `moved “${t.length > 40 ? `${t.slice(0, 39)}…` : t}” to media #2`, 'items are named by their title');
  assert.match(describeOps([{ op: 'remove', id: first.id! }], before, 'zh'), /^removed “/);
  assert.equal(describeOps([{ op: 'date', value: '2030-03-02' }, { op: 'remove', id: 4 }]), '2 changes');
});
