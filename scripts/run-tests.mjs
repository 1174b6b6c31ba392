#!/usr/bin/env node
// Runs every *.test.ts under src/ and web/src/ (the browser tests) with node:test through tsx, and says plainly whether the
// PostgreSQL half of the suite ran or was skipped.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'testdata' ? [] : find(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length ? only : [...find('src'), ...find('web/src')].sort();
const pgUrl = process.env.PRESSROOM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function pgStatus() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return undefined;
  } catch (e) {
    return e.message || String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

const pgProblem = await pgStatus();
if (pgProblem && process.env.PRESSROOM_REQUIRE_PG === '1') {
  console.error(`PostgreSQL is required here (PRESSROOM_REQUIRE_PG=1) but ${pgUrl} does not answer: ${pgProblem}`);
  process.exit(1);
}

const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
console.log(
  pgProblem
    ? `\nNOTE: PostgreSQL tests were SKIPPED: no server at ${pgUrl} (${pgProblem}). Set PRESSROOM_TEST_PG to run them.`
    : `\nPostgreSQL tests ran against ${pgUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}.`,
);
process.exit(r.status ?? 1);
