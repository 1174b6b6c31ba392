// The site's own words (navigation, labels, messages) per language; English when a language has none.

import type { Lang } from '../../core/model.ts';

const en = {
  skip: 'Skip to content',
  home: 'Home',
  archive: 'Archive',
  search: 'Search',
  subscribe: 'Subscribe',
  members: 'Members',
  feeds: 'Feeds',
  languages: 'Languages',
  latest: 'Latest issue',
  recent: 'Recent issues',
  season: 'Season {n}',
  seasonRange: 'Issues {from}–{to}',
  issue: 'Issue {n}',
  sections: 'Sections',
  tags: 'Tags',
  items: '{n} items',
  teaser: 'This is the free edition with the titles of this issue.',
  teaserMembers: 'Members read the full text:',
  signIn: 'sign in',
  or: 'or',
  searchLabel: 'Search every issue',
  searchButton: 'Search',
  results: '{n} results for “{q}”',
  noResults: 'Nothing matches “{q}”.',
  searchNeedsJs: 'Search on this copy of the site runs in your browser and needs JavaScript.',
  email: 'Email address',
  subscribeLead: 'Get each issue by email. We send a link to confirm your address first.',
  subscribeButton: 'Subscribe',
  language: 'Language',
  membersLead: 'Members read every issue in full. Enter the address your membership is under and we will mail you a sign-in link.',
  membersButton: 'Mail me a link',
  signedIn: 'You are signed in as a member: issues show in full.',
  signOut: 'Sign out',
  prev: 'Previous issue',
  next: 'Next issue',
  inIssue: 'in issue {n}',
  allSeasons: 'All seasons',
  feedTitle: '{name}',
};

export type Words = typeof en;

const zh: Words = {
  skip: '跳到正文',
  home: '首页',
  archive: '归档',
  search: '搜索',
  subscribe: '订阅',
  members: '会员',
  feeds: '订阅源',
  languages: '语言',
  latest: '最新一期',
  recent: '近期',
  season: '第 {n} 季',
  seasonRange: '第 {from}–{to} 期',
  issue: '第 {n} 期',
  sections: '栏目',
  tags: '标签',
  items: '{n} 条',
  teaser: '这是本期的免费版，只列出标题。',
  teaserMembers: '会员可阅读全文：',
  signIn: '登录',
  or: '或',
  searchLabel: '搜索往期内容',
  searchButton: '搜索',
  results: '“{q}”的 {n} 条结果',
  noResults: '没有与“{q}”匹配的内容。',
  searchNeedsJs: '本站的静态副本在浏览器中搜索，需要启用 JavaScript。',
  email: '邮箱地址',
  subscribeLead: '每期通过邮件送达。我们会先发一封确认邮件。',
  subscribeButton: '订阅',
  language: '语言',
  membersLead: '会员可阅读每期全文。输入会员邮箱，我们会发送登录链接。',
  membersButton: '发送登录链接',
  signedIn: '你已作为会员登录，可阅读全文。',
  signOut: '退出',
  prev: '上一期',
  next: '下一期',
  inIssue: '第 {n} 期',
  allSeasons: '全部季度',
  feedTitle: '{name}',
};

const ja: Words = {
  ...en,
  skip: '本文へ移動',
  home: 'ホーム',
  archive: 'アーカイブ',
  search: '検索',
  subscribe: '購読',
  members: 'メンバー',
  latest: '最新号',
  season: 'シーズン {n}',
  issue: '第 {n} 号',
  searchButton: '検索',
  subscribeButton: '購読する',
};

const WORDS: Record<Lang, Words> = { en, zh, ja };

export function wordsFor(lang: Lang): Words {
  return WORDS[lang] ?? WORDS[lang.split('-')[0]!] ?? en;
}

/** A BCP 47 tag for html lang and feeds: zh is written in simplified characters here. */
export function langTag(lang: Lang): string {
  return lang === 'zh' ? 'zh-Hans' : lang;
}
