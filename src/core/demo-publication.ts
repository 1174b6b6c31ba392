// The demo publication `npm start` creates: a weekly in the style of Python Trending Weekly.
// Everything here is configuration a publication can change; none of it is code.

import type { LangStyle, Publication } from './model.ts';

const zh: LangStyle = {
  header: 'frontmatter',
  titleTemplate: 'Python 潮流周刊#{number}：{title}',
  author: '编辑部',
  itemMarker: '、',
  foreignMarks: { en: '（英文）', ja: '（日文）' },
  starsTemplate: '（star {stars}）',
  noteTemplate: '（附：{note}）',
  headingTemplate: '{emoji}{title}',
  intro: '每周精选 Python、AI 与通用编程的优质内容，欢迎转发给需要的朋友。',
  countNouns: { article: '{n} 篇文章', project: '{n} 个开源项目', media: '{n} 则音视频', discussion: '{n} 则热门讨论' },
  countsSeparator: '，',
  countsTemplate: '本期分享了 {counts}，全文 {words} 字。',
  teaserLead: '以下是本期标题摘要：',
  teaserCountsTemplate: '分享了 {counts}',
  subscribe: '订阅专栏即可阅读第 {number} 期的全文：{url}',
  outro: ['## 🐱欢迎订阅\n\n喜欢本周刊的话，欢迎通过 RSS、邮件或 Telegram 订阅，每周准时送达。'],
};

const en: LangStyle = {
  header: 'h1',
  titleTemplate: 'Python Trending Weekly #{number}: {title}',
  itemMarker: '. ',
  foreignMarks: { zh: ' (Chinese)', ja: ' (Japanese)' },
  starsTemplate: ' ({stars} stars)',
  noteTemplate: ' (Note: {note})',
  headingTemplate: '{emoji}{title}',
  intro: 'A weekly pick of the best Python, AI and programming reads, projects and discussions.',
  countNouns: {
    article: '{n} article|{n} articles',
    project: '{n} open-source project|{n} open-source projects',
    media: '{n} podcast or video|{n} podcasts & videos',
    discussion: '{n} hot discussion|{n} hot discussions',
  },
  countsSeparator: ', ',
  countsTemplate: 'Shared {counts}, {words} words in all.',
  teaserLead: 'Here are the titles of this issue:',
  teaserCountsTemplate: 'Shared {counts}',
  subscribe: 'Subscribe to read the full text of issue {number}: {url}',
  outro: ['## 🐱Subscribe\n\nEnjoying the weekly? Follow it by RSS, email or Telegram.'],
};

const ja: LangStyle = {
  ...en,
  titleTemplate: 'Python トレンド週刊#{number}：{title}',
  header: 'frontmatter',
  itemMarker: '、',
  foreignMarks: { en: '（英語）', zh: '（中国語）' },
  starsTemplate: '（スター数 {stars}）',
  noteTemplate: '（注：{note}）',
  intro: 'Python、AI、プログラミング全般の良質な記事やプロジェクトを毎週お届けします。',
  countNouns: { article: '記事 {n} 本', project: 'オープンソースプロジェクト {n} 件', media: '音声・動画 {n} 本', discussion: '話題 {n} 件' },
  countsSeparator: '、',
  countsTemplate: '今回は{counts}を紹介します。全 {words} 字。',
  teaserLead: '今回のタイトル一覧：',
  teaserCountsTemplate: '{counts}',
  subscribe: '第 {number} 号の全文はこちら：{url}',
  outro: [],
};

export const DEMO_PUBLICATION: Publication = {
  slug: 'python-weekly',
  name: { zh: 'Python 潮流周刊', en: 'Python Trending Weekly', ja: 'Python トレンド週刊' },
  primaryLang: 'zh',
  languages: ['zh', 'en', 'ja'],
  sections: [
    {
      key: 'articles',
      emoji: '🦄',
      titles: { zh: '文章&教程', en: 'Articles & Tutorials', ja: '記事&チュートリアル' },
      kind: 'items',
      counts: 'article',
    },
    {
      key: 'projects',
      emoji: '🐿️',
      titles: { zh: '项目&资源', en: 'Projects & Resources', ja: 'プロジェクト＆リソース' },
      kind: 'items',
      counts: 'project',
    },
    {
      key: 'media',
      emoji: '🐢',
      titles: { zh: '播客&视频', en: 'Podcasts & Videos', ja: 'ポッドキャスト＆動画' },
      kind: 'items',
      counts: 'media',
    },
    {
      key: 'discussions',
      emoji: '🥂',
      titles: { zh: '讨论&问题', en: 'Discussions & Questions', ja: 'ディスカッション＆トピック' },
      aliases: ['Discussion & Questions', 'Discussions & Issues', 'Discussion & Question'],
      kind: 'items',
      counts: 'discussion',
    },
    { key: 'books', emoji: '🐱', titles: { zh: '好书推荐', en: 'Book Recommendation' }, aliases: ['产品推荐', '赠书福利'], kind: 'free' },
    { key: 'past', emoji: '🐧', titles: { zh: '往年回顾', en: 'Looking Back', ja: '過去の振り返り' }, kind: 'free' },
    { key: 'sponsor', emoji: '🐱', titles: { zh: '赞助&支持', en: 'Sponsorship & Support', ja: 'スポンサー＆サポート' }, kind: 'free' },
    { key: 'about', emoji: '🐼', titles: { zh: '关于周刊', en: 'About the Weekly', ja: '本週刊について' }, kind: 'free' },
    {
      key: 'subscribe',
      emoji: '🐼',
      titles: { zh: '欢迎订阅', en: 'Subscribe', ja: '購読' },
      aliases: ['Subscribe Welcome'],
      kind: 'free',
    },
  ],
  style: { langs: { zh, en, ja }, fullTextUrl: 'https://example.com/weekly' },
  glossary: [
    { zh: 'Python 潮流周刊', en: 'Python Trending Weekly', ja: 'Python トレンド週刊' },
    { zh: '潮流周刊', en: 'Trending Weekly', ja: 'トレンド週刊' },
  ],
};
