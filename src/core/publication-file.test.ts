import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publicationFromData, PublicationFileError } from './publication-file.ts';

const minimal = {
  slug: 'tech-weekly',
  name: { en: 'Tech Weekly' },
  languages: ['en'],
  sections: [{ key: 'articles', kind: 'items', titles: { en: 'Articles' } }],
};

test('a minimal file is completed with the house style\'s defaults', () => {
  const pub = publicationFromData(minimal);
  assert.equal(pub.slug, 'tech-weekly');
  assert.equal(pub.primaryLang, 'en');
  assert.deepEqual(pub.sections.map((s) => s.key), ['articles']);
  assert.ok(pub.style.langs.en, 'a style for its language');
});

test('every problem of a file is named by its place, all at once', () => {
  try {
    publicationFromData({ ...minimal, slug: 'Tech Weekly!', languages: ['en'], primaryLang: 'fr', publishing: { editions: { site: 'half' } } });
    assert.fail('refused');
  } catch (e) {
    assert.ok(e instanceof PublicationFileError);
    const where = e.problems.map((p) => p.split(':')[0]);
    assert.ok(where.includes('slug'), e.message);
    assert.ok(where.includes('primaryLang'), e.message);
    assert.ok(where.includes('publishing.editions.site'), e.message);
  }
  assert.throws(() => publicationFromData([1, 2]), PublicationFileError);
});
