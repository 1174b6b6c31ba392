// The readers' site: built as static files into publishing.siteDir, or served live by `serve`.

import type { Channel } from '../channel.ts';

export const siteChannel: Channel = {
  name: 'site',
  carries: 'edition',
  idempotent: true,
  unconfigured: () => undefined,
  async send({ store, stored, pub, issue, site, deps }) {
    if (!deps.siteDir) return `served live at ${site.abs(site.issuePath(issue.number, pub.primaryLang))}`;
    const { buildSite, storeSource } = await import('./build.ts');
    const r = await buildSite(pub, storeSource(store.db, stored.id), deps.siteDir, { siteUrl: deps.siteUrl });
    return `${deps.siteDir}: ${r.written} files written${r.full ? ' (full build)' : ''} in ${(r.ms / 1000).toFixed(2)} s`;
  },
};

/** The site's RSS, Atom and JSON feeds: written with the site, so this only reports them. */
export const feedChannel: Channel = {
  name: 'feed',
  carries: 'edition',
  idempotent: true,
  unconfigured: () => undefined,
  async send({ pub, issue, site }) {
    return `RSS, Atom and JSON Feed list #${issue.number} (${pub.languages.map((l) => site.abs(`${site.prefix(l)}/feed.xml`)).join(', ')})`;
  },
};
