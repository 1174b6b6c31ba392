// Migrations in order. One list for SQLite and PostgreSQL; never edit one that has shipped.

import type { Migration } from 'kysely';
import * as init from './0001-init.ts';
import * as sources from './0002-sources.ts';
import * as extraction from './0003-extraction.ts';
import * as editor from './0004-editor.ts';
import * as publishing from './0005-publishing.ts';
import * as titleKey from './0006-candidates-title-key.ts';
import * as security from './0007-security.ts';
import * as posts from './0008-posts.ts';
import * as kindsAsText from './0009-source-kinds-as-text.ts';
import * as liveIssues from './0010-live-issues.ts';
import * as userLocale from './0011-user-locale.ts';
import * as linkChecks from './0012-link-checks.ts';
import * as entryMarks from './0013-entry-marks.ts';

export const migrations: Record<string, Migration> = {
  '0001-init': init,
  '0002-sources': sources,
  '0003-extraction': extraction,
  '0004-editor': editor,
  '0005-publishing': publishing,
  '0006-candidates-title-key': titleKey,
  '0007-security': security,
  '0008-posts': posts,
  '0009-source-kinds-as-text': kindsAsText,
  '0010-live-issues': liveIssues,
  '0011-user-locale': userLocale,
  '0012-link-checks': linkChecks,
  '0013-entry-marks': entryMarks,
};
