// The app in Chinese: every phrase the app writes (a literal t('…') in web/src, and the
// preflight's findings in src/app/preflight.ts) has its Chinese, naming the same placeholders;
// and t() fills placeholders, keeps a sentence's word order around an element, and falls back
// to the English.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { zh } from './locales/zh.ts';

const here = import.meta.dirname;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function appPhrases(): { phrase: string; where: string }[] {
  const out: { phrase: string; where: string }[] = [];
  const scan = (file: string, calls: Set<string>) => {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && calls.has(n.expression.getText()) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) {
        out.push({ phrase: n.arguments[0].text, where: `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}` });
      }
      // The preflight's dead-link phrases are chosen before they are said.
      if (ts.isVariableDeclaration(n) && n.name.getText() === 'phrase' && n.initializer && ts.isConditionalExpression(n.initializer)) {
        for (const branch of [n.initializer.whenTrue, n.initializer.whenFalse]) if (ts.isStringLiteralLike(branch)) out.push({ phrase: branch.text, where: file });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  };
  for (const f of readdirSync(here).filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))) scan(join(here, f), new Set(['t']));
  scan(join(here, '../../src/app/preflight.ts'), new Set(['block', 'warn']));
  return out;
}

test('every phrase of the app has its Chinese, with the same placeholders', () => {
  const phrases = appPhrases();
  assert.ok(phrases.length > 250, `found only ${phrases.length} phrases: is the scan still finding t('…')?`);
  const missing = phrases.filter((p) => zh[p.phrase] === undefined).map((p) => `${p.where}: ${p.phrase}`);
  assert.deepEqual(missing, [], 'phrases without Chinese');
  for (const { phrase, where } of phrases) assert.deepEqual(placeholders(zh[phrase]!), placeholders(phrase), `${where}: "${phrase}" and "${zh[phrase]}" name different placeholders`);
  // The English shows through only where it is a name (Pressroom, GitHub, an address).
  const untranslated = phrases.filter((p) => zh[p.phrase] === p.phrase && /[a-z]{3,}/.test(p.phrase) && !/^(Pressroom|GitHub|Hacker News|Reddit|Lobsters|Markdown|Telegram|python, web|Weekly <.*>|https?:.*|owner\/repo)$/.test(p.phrase));
  assert.deepEqual(untranslated.map((p) => p.phrase), []);
});

test('t() fills placeholders in the chosen language and falls back to the English', async () => {
  (globalThis as { document?: unknown }).document = { documentElement: { lang: '' } };
  const { setLocale, t } = await import('./i18n.ts');
  setLocale('en');
  assert.equal(t('Issue #{n}', { n: 12 }), 'Issue #12');
  setLocale('zh');
  assert.equal(t('Issue #{n}', { n: 12 }), '第 12 期');
  assert.equal(t('a phrase nobody wrote'), 'a phrase nobody wrote');
  // An element keeps its place in the Chinese word order.
  const nodes = t('You are invited as {role}, with the address {email}.', { role: t('editor'), email: { type: 'strong' } as never }) as unknown as { props: { children: unknown } }[];
  assert.ok(Array.isArray(nodes));
  assert.deepEqual(nodes.map((n) => n.props.children), ['你受邀成为', '编辑', '，邮箱为 ', { type: 'strong' }, '。']);
});

test('dates and numbers in the chosen language, from formatters kept between calls', async () => {
  (globalThis as { document?: unknown }).document = { documentElement: { lang: '' } };
  const { setLocale, when, num } = await import('./i18n.ts');
  const at = '2026-12-08T09:05:00Z';
  setLocale('en');
  assert.equal(when(at), new Date(at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }));
  assert.equal(num(25574), '25,574');
  setLocale('zh');
  assert.equal(when(at), new Date(at).toLocaleString('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }), 'a new language, its own formatter');
  assert.equal(when(at, { dateStyle: 'long' }), new Date(at).toLocaleString('zh-CN', { dateStyle: 'long' }));
  assert.equal(when('not a date'), 'not a date', 'what is no date is shown as it is, not a crash');
  setLocale('en');
  assert.equal(when(at, { dateStyle: 'long' }), new Date(at).toLocaleString('en', { dateStyle: 'long' }));
});
