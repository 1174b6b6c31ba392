// The publications a Pressroom holds: found by slug, the default one made on first use, and
// created or changed from a checked publication file (core/publication-file.ts).

export { createPublication, findPublication, listPublications, updatePublication, usePublication, type StoredPublication } from '../store/publications.ts';
