// Migrations in order. One list for SQLite and PostgreSQL; never edit one that has shipped.

import type { Migration } from 'kysely';
import * as init from './0001-init.ts';

export const migrations: Record<string, Migration> = {
  '0001-init': init,
};
