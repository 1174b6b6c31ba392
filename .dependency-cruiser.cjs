// The layers, checked on every `npm test` (scripts/check-layers.mjs runs dependency-cruiser with
// these rules). From the bottom: core (the model and pure logic) → text, html, markdown, http,
// api (the editor API's shapes), sources, store, rank, llm, jobs, channels, lookback → app (the use cases) → server and cli. A rule here
// fails the suite when code reaches the wrong way. Tests and test helpers may reach anywhere.
const TESTS = '(\\.test\\.ts$|/testing/|/test-[a-z-]+\\.ts$|/testdata/)';
const IO_BUILTINS = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|worker_threads|dns|tls|dgram|cluster|os)$';

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ is the model and pure logic: it imports nothing with I/O, nothing above it and no package but a few pure ones.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { pathNot: ['^src/core/', 'node_modules/yaml/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-no-io-builtins',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { dependencyTypes: ['core'], path: IO_BUILTINS },
    },
    {
      name: 'api-shapes-are-pure',
      comment: 'api/ is the editor API\'s shapes (TypeBox): shared by the server and the web app, so it holds no code with effects.',
      severity: 'error',
      from: { path: '^src/api/', pathNot: TESTS },
      to: { pathNot: ['^src/(core|api)/', 'node_modules/@sinclair/typebox/'] },
    },
    {
      name: 'sql-only-in-store',
      comment: 'The database drivers and Kysely are the store\'s alone: everything else calls store/ functions.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/store/', TESTS] },
      to: { path: 'node_modules/(kysely|pg|pg-pool|better-sqlite3)/' },
    },
    {
      name: 'outer-layers-through-app',
      comment: 'The server and the CLI reach the store through app/ (the use cases); they may open it (store/db.ts) and name its types.',
      severity: 'error',
      from: { path: '^src/(server|cli)/', pathNot: TESTS },
      to: { path: '^src/store/', pathNot: '^src/store/db\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lookback-reads-no-store',
      comment: 'The look back is made from issues the use cases load: no SQL, no network of its own.',
      severity: 'error',
      from: { path: '^src/lookback/', pathNot: TESTS },
      to: { path: '^src/(store|http|server|cli|jobs)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'store-is-below',
      comment: 'The store holds SQL only: no ranking, no channels, no use cases, no routes.',
      severity: 'error',
      from: { path: '^src/store/', pathNot: TESTS },
      to: { path: '^src/(app|server|cli|channels|rank|jobs|llm|http|markdown|html)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'rank-is-pure',
      comment: 'The ranking is fed by the store, never inside it, and does no I/O.',
      severity: 'error',
      from: { path: '^src/rank/', pathNot: TESTS },
      to: { path: '^src/(store|app|server|cli|channels|jobs|http)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-upward-from-app',
      comment: 'Use cases are called by the server and the CLI, never the other way.',
      severity: 'error',
      from: { path: '^src/(app|channels|sources|rank|store|jobs|llm|http|markdown|html|text|lookback)/', pathNot: TESTS },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'channels-below-app',
      comment: 'A channel sends an issue; publishing (app/publish.ts) decides when and records how it went. The look back (lookback/: e-books, charts, the word cloud) is made from what the use cases give it.',
      severity: 'error',
      from: { path: '^src/(channels|sources|http|markdown|html|text|lookback)/', pathNot: TESTS },
      to: { path: '^src/app/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-app-bundles-pure-code',
      comment: 'The editor app (web/) bundles only pure code from src/: the model, the codec, previews.',
      severity: 'error',
      from: { path: '^web/src/', pathNot: TESTS },
      to: { path: '^src/(store|app|server|cli|jobs|http|llm)/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^web/dist/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
