// Picks the Store implementation from a database URL (INSCOPE_DATABASE_URL or --database):
// nothing, `file:…` or a plain path → SQLite; `postgres://…` → not available yet.
import { createSqliteStore, defaultDatabaseFile } from './create-sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  readonly now?: () => number;
  readonly maxAttempts?: number;
}

export async function openStore(databaseUrl?: string, options: OpenStoreOptions = {}): Promise<Store> {
  const url = databaseUrl?.trim() ?? '';
  if (/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error('PostgreSQL is not supported yet: use a SQLite file path or file: URL as the database URL');
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.toLowerCase().startsWith('file:')) {
    throw new Error(`unsupported database URL scheme in ${JSON.stringify(url.split(':')[0])}: use a SQLite file path`);
  }
  return createSqliteStore({ ...options, file: toSqliteFile(url) });
}

function toSqliteFile(url: string): string {
  if (url === '') return defaultDatabaseFile;
  if (!url.toLowerCase().startsWith('file:')) return url;
  // file:///abs/path, file:relative/path and file:./relative/path; a query string is not supported.
  const rest = url.slice('file:'.length).split('?')[0] ?? '';
  return decodeURIComponent(rest.startsWith('//') ? rest.slice(2) : rest);
}
