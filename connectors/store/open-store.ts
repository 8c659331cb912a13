// Picks the Store implementation from a database URL (INSCOPE_DATABASE_URL or --database):
// nothing, `file:…` or a plain path → SQLite; `postgres://…` or `postgresql://…` → PostgreSQL, where
// an optional `?schema=name` puts the tables in that schema (created on first start).
import { SettingsError } from '../shared/settings-error.js';
import { createPostgresStore } from './create-postgres-store.js';
import { createSqliteStore, defaultDatabaseFile } from './create-sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  readonly now?: () => number;
  readonly maxAttempts?: number;
  /** PostgreSQL only: the pool's size (default 10). */
  readonly maxConnections?: number;
}

export async function openStore(databaseUrl?: string, options: OpenStoreOptions = {}): Promise<Store> {
  const url = databaseUrl?.trim() ?? '';
  if (/^postgres(ql)?:\/\//i.test(url)) return createPostgresStore({ ...options, ...toPostgresTarget(url) });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.toLowerCase().startsWith('file:')) {
    throw new SettingsError([`DATABASE_URL: unsupported database URL scheme ${JSON.stringify(url.split(':')[0])}: use a SQLite file path or a postgres:// URL`]);
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

// `schema` is ours, not libpq's, so it is taken off before node-postgres parses the rest (sslmode,
// options, application_name… pass through). Errors never repeat the URL: it may hold a password.
function toPostgresTarget(url: string): { connectionString: string; schema?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SettingsError(['DATABASE_URL: invalid PostgreSQL database URL (expected postgres://user:password@host:port/database)']);
  }
  const schema = parsed.searchParams.get('schema');
  if (schema === null) return { connectionString: url };
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}
