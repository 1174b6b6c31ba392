// The publication's settings as the editor's Settings page reads and writes them: the stored
// publication, checked field by field as a publication file is (core/publication-file.ts) with
// the addresses checked too, and what the configuration file or the environment sets over it
// (those win, and the page says so).

import type { Publication } from '../core/model.ts';
import { PublicationFileError, publicationFromData } from '../core/publication-file.ts';
import type { Db } from '../store/db.ts';
import { updatePublication, type StoredPublication } from '../store/publications.ts';
import { checkSiteUrl, describeSettings, type Config, type Setting } from './config.ts';
import { AppError } from './errors.ts';

export interface SettingsView {
  /** As stored: what the page edits. */
  publication: Publication;
  /** Settings the configuration file or the environment sets over the stored ones. */
  overrides: Setting[];
}

export function settingsView(stored: StoredPublication, config: Config, env = process.env): SettingsView {
  const overrides = describeSettings(stored.pub, config, env).filter((s) => (s.from === 'file' || s.from === 'environment') && s.key.startsWith('publishing.'));
  return { publication: stored.pub, overrides };
}

/** Saves the publication's settings, or refuses them all, naming every field that is wrong. */
export async function saveSettings(db: Db, stored: StoredPublication, data: unknown): Promise<Publication> {
  let pub: Publication;
  try {
    pub = publicationFromData(data);
  } catch (e) {
    if (e instanceof PublicationFileError) throw new AppError('invalid', e.problems.join('; '), 'invalid-settings');
    throw e;
  }
  const problems: string[] = [];
  if (pub.slug !== stored.pub.slug) problems.push(`slug: it stays "${stored.pub.slug}" (the site's addresses and the archive depend on it)`);
  const p = pub.publishing ?? {};
  if (p.siteUrl) {
    try {
      p.siteUrl = checkSiteUrl(p.siteUrl);
    } catch (e) {
      problems.push(`publishing.siteUrl: ${(e as Error).message.replace(/^config: /, '')}`);
    }
  }
  const full = pub.style.fullTextUrl;
  if (full && !/^https?:\/\/[^\s/]+/.test(full)) problems.push('style.fullTextUrl: an http(s) address, where the teaser\'s readers find the full text');
  if (p.mailFrom && !/^[^<>@\s]*<?[^@\s<>]+@[^@\s<>]+>?$/.test(p.mailFrom.trim())) problems.push('publishing.mailFrom: an address, e.g. "Weekly <weekly@example.com>"');
  (p.webhooks ?? []).forEach((w, i) => {
    if (!/^https?:\/\/[^\s/]+/.test(w.url)) problems.push(`publishing.webhooks[${i + 1}].url: an http(s) address${w.url ? `, not "${w.url}"` : ''}`);
  });
  // A language left blank in a glossary row has no fixed term there.
  if (pub.glossary) pub.glossary = pub.glossary.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v.trim())) as typeof row);
  (pub.glossary ?? []).forEach((row, i) => {
    if (!pub.languages.some((l) => row[l]?.trim())) problems.push(`glossary[${i + 1}]: a term in at least one language`);
  });
  pub.sections.forEach((sec) => {
    if (!sec.titles[pub.primaryLang]?.trim()) problems.push(`sections.${sec.key}: a heading in ${pub.primaryLang}`);
  });
  if (p.telegram && !p.telegram.chatId) problems.push('publishing.telegram.chatId: the channel, e.g. "@my_weekly" or its numeric id');
  if (problems.length) throw new AppError('invalid', problems.join('; '), 'invalid-settings');
  await updatePublication(db, stored.id, pub);
  return pub;
}
