// The house-style Markdown archive in a Git repository: committed, and pushed when a remote is set.

import type { Channel } from '../channel.ts';

export const gitChannel: Channel = {
  name: 'git',
  carries: 'edition',
  idempotent: true,
  unconfigured: (deps) => (deps.publishing.git?.dir ? undefined : 'no Git archive configured (publishing.git.dir)'),
  async send({ store, stored, pub, issue, deps }) {
    const [{ publishToGit }, { liveIssues }, { listPosts }] = await Promise.all([import('./git.ts'), import('../../store/issues.ts'), import('../../store/posts.ts')]);
    const g = deps.publishing.git!;
    const published = await liveIssues(store.db, stored.id);
    const r = await publishToGit(g, issue, published, pub, await listPosts(store.db, stored.id));
    return `${r.commit ? `commit ${r.commit.slice(0, 10)}` : 'nothing changed'}${r.pushed ? `, pushed to ${g.remote}` : ''}`;
  },
};
