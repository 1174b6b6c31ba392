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

/** A number with the language's grouping (12,345). */
export const num = (n: number): string => n.toLocaleString(current === 'zh' ? 'zh-CN' : 'en');

/** A date and time in the editor's language. */
export const when = (iso: string, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string =>
  new Date(iso).toLocaleString(current === 'zh' ? 'zh-CN' : 'en', opts);
