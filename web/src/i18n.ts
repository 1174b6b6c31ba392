// The app's words in the editor's language. Each phrase is written in English where it is used,
// `t('Save')`, and looked up in the catalog of the chosen language (web/src/locales/zh.ts); a
// phrase the catalog lacks shows in English. Placeholders are named in braces:
// `t('{n} candidates', { n })`. A value that is an element (a link, a strong name) makes the
// result a list of nodes, so a sentence keeps its own word order in every language.
// `i18n.test.ts` checks that every phrase in web/src has its Chinese.

import { Fragment, createElement, type ReactNode } from 'react';
import { zh } from './locales/zh.ts';

export type Locale = 'zh' | 'en';

const CATALOGS: Record<Locale, Record<string, string> | null> = { zh, en: null };

let current: Locale = 'en';

export function setLocale(l: Locale): void {
  current = l;
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

export const locale = (): Locale => current;

type Vars = Record<string, string | number>;

export function t(phrase: string, vars?: Vars): string;
export function t(phrase: string, vars: Record<string, ReactNode>): ReactNode;
export function t(phrase: string, vars?: Record<string, ReactNode>): ReactNode {
  const text = CATALOGS[current]?.[phrase] ?? phrase;
  if (!vars) return text;
  const parts = text.split(/\{(\w+)\}/);
  const nodes = parts.map((p, i) => (i % 2 ? (vars[p] ?? `{${p}}`) : p));
  if (nodes.every((n) => typeof n === 'string' || typeof n === 'number')) return nodes.join('');
  return nodes.map((n, i) => createElement(Fragment, { key: i }, n));
}

// Formatters made once per language and options: toLocaleString() makes one at every call, a
// few hundred microseconds each, which a table of 500 sources with two dates a row paid in full.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function format<T extends Intl.DateTimeFormat | Intl.NumberFormat>(kind: string, opts: object, make: (locale: string) => T): T {
  const locale = current === 'zh' ? 'zh-CN' : 'en';
  const key = `${kind}|${locale}|${JSON.stringify(opts)}`;
  let f = formats.get(key) as T | undefined;
  if (!f) formats.set(key, (f = make(locale)));
  return f;
}

/** A number with the language's grouping (12,345). */
export const num = (n: number): string => format('n', {}, (l) => new Intl.NumberFormat(l)).format(n);

/** A date and time in the editor's language (a text that is no date, as it is). */
export const when = (iso: string, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : format('d', opts, (l) => new Intl.DateTimeFormat(l, opts)).format(d);
};
