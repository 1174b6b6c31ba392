// The Settings page's API: the publication as stored with what configuration overrides, and
// saving it (the owner's), refused whole with every wrong field named.

import type { FastifyInstance } from 'fastify';
import type { Config } from '../app/config.ts';
import { saveSettings, settingsView } from '../app/settings.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { sized } from './http.ts';

export interface SettingsDeps {
  store: Store;
  /** The publication as stored (not with the configuration file's settings over it). */
  stored: () => Promise<StoredPublication>;
  config: Config;
}

export function registerSettings(app: FastifyInstance, deps: SettingsDeps): void {
  app.get('/api/settings', async () => settingsView(await deps.stored(), deps.config));
  app.post<{ Body: unknown }>('/api/settings', sized(1024 * 1024, { config: { access: 'owner' } }), async (req) => {
    const stored = await deps.stored();
    await saveSettings(deps.store.db, stored, req.body);
    return settingsView(await deps.stored(), deps.config);
  });
}
