// Which language a file is in: from its path (`docs/en/…`, `ja/…`), else from its text.

import type { Lang } from '../core/model.ts';

const PATH_LANGS = ['zh', 'en', 'ja'];

export function detectLang(file: string, sample: string): Lang {
  const parts = file.split(/[\\/]/);
  for (const p of parts.slice(0, -1).reverse()) if (PATH_LANGS.includes(p)) return p;
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(sample)) return 'ja';
  if (/\p{Script=Han}/u.test(sample)) return 'zh';
  return 'en';
}
