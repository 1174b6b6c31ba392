// A newsletter: a sender whose mail comes in (the inbound SMTP listener, or `inbox mail`), its
// address the source's. Nothing is fetched: mail is pushed (read.ts turns it into sightings).

import type { SourceAdapter } from '../types.ts';

export const newsletterAdapter: SourceAdapter = {
  kind: 'newsletter',
  normalise(input) {
    const a = input.trim().replace(/^mailto:/i, '').toLowerCase();
    // A sender's address, or "@domain" for every sender of a domain.
    if (!/^(?:[^\s@<>]+)?@[^\s@<>]+\.[^\s@<>]+$/.test(a)) throw new Error(`newsletter: "${input}" is not a sender's address (news@example.com) or a domain (@example.com)`);
    return a;
  },
  collect: async () => ({ notModified: true, sightings: [], problems: [] }),
};
