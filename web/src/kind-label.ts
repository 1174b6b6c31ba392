// A source's kind as the app names it ("Feed", "GitHub trending", "Readers"), in the app's language.
import { SOURCE_KIND_INFO } from '../../src/sources/kinds.ts';
import type { SourceKind } from '../../src/sources/types.ts';
import { t } from './i18n.ts';

export const kindLabel = (kind: string): string => {
  const info = SOURCE_KIND_INFO[kind as SourceKind];
  return info ? t(info.label.replace(/^./, (c) => c.toUpperCase())) : kind;
};
