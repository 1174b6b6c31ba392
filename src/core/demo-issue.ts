// A small draft issue for the demo publication, so a fresh install has something to show.

import { normaliseIssue, type Issue } from './model.ts';

export function demoIssue(today = new Date()): Issue {
  const date = today.toISOString().slice(0, 10);
  return normaliseIssue({
    number: 1,
    date,
    status: 'draft',
    edition: 'full',
    editions: [
      { lang: 'zh', edition: 'full', title: '欢迎使用 Pressroom' },
      { lang: 'en', edition: 'full', title: 'Welcome to Pressroom' },
    ],
    items: [
      {
        section: 'articles',
        position: 0,
        url: 'https://docs.python.org/3/whatsnew/',
        image: null,
        meta: { sourceLang: 'en' },
        texts: {
          zh: { title: 'Python 新版本有哪些变化', blurb: '官方文档里的“新特性”页面，逐版本列出语言、标准库与解释器的改动。', suffix: '（英文）' },
          en: { title: "What's New in Python", blurb: 'The official pages that list, release by release, what changed in the language, the standard library and the interpreter.' },
        },
      },
      {
        section: 'projects',
        position: 0,
        url: 'https://github.com/python/cpython',
        image: null,
        meta: { stars: 65400 },
        texts: {
          zh: { title: 'cpython：Python 编程语言', blurb: 'Python 的参考实现，解释器与标准库都在这里开发。' },
          en: { title: 'cpython: The Python programming language', blurb: 'The reference implementation of Python, where the interpreter and the standard library are developed.' },
        },
      },
    ],
  });
}
