// Test harness for the store contract suites: every suite written with describeStores runs once per
// backend, SQLite (a temp file) and PostgreSQL (a schema of its own per test, dropped afterwards, so
// parallel test files never collide). PostgreSQL comes from INSCOPE_TEST_DATABASE_URL; without it a
// server answering on 127.0.0.1:5432 is used; with neither the PostgreSQL variants are skipped, and
// say why in their suite name.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe } from 'vitest';
import { createPostgresStore } from '../../connectors/store/create-postgres-store.js';
import type { PostgresStoreOptions } from '../../connectors/store/create-postgres-store.js';
import { createSqliteStore } from '../../connectors/store/create-sqlite-store.js';
import { postgresMigrations } from '../../connectors/store/postgres-migrations.js';
import { migrations as sqliteMigrations } from '../../connectors/store/sqlite-migrations.js';
import type { Migration } from '../../connectors/store/sqlite-migrations.js';
import type { Store } from '../../connectors/store/store.js';

export type BackendName = 'sqlite' | 'postgres';

export interface TempStoreOptions {
  readonly now?: () => number;
  readonly maxAttempts?: number;
  /** A write fails at once instead of waiting for a lock another connection holds. */
  readonly noLockWait?: boolean;
  /** Passed to createPostgresStore only. */
  readonly postgres?: Pick<PostgresStoreOptions, 'migrateOnOpen' | 'applicationName' | 'onError' | 'maxConnections'>;
}

export interface TempStores {
  readonly backend: BackendName;
  readonly migrations: readonly Migration[];
  /** This test's database as a database URL: a file path, or a postgres:// URL with ?schema=. */
  url(): string;
  /** Opens (and migrates) a store on this test's database; every call reaches the same data. */
  open(options?: TempStoreOptions): Promise<Store>;
  /** Runs one statement on a connection of its own and returns its rows. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Takes the write lock the store's delivery transaction needs, on another connection; call the result to let go. */
  holdWriteLock(): Promise<() => Promise<void>>;
}

const localUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The PostgreSQL server to test against, or why there is none. */
export const postgres: { readonly url: string | null; readonly skipReason: string } = await findPostgres();
if (postgres.url === null) console.warn(`PostgreSQL store suites skipped: ${postgres.skipReason}`);

async function findPostgres(): Promise<{ url: string | null; skipReason: string }> {
  const configured = process.env.INSCOPE_TEST_DATABASE_URL?.trim();
  // A configured server must answer: CI sets the variable so that these suites can never be skipped silently.
  if (configured) return { url: configured, skipReason: '' };
  const probe = new pg.Client({ connectionString: localUrl, connectionTimeoutMillis: 1_000 });
  try {
    await probe.connect();
    return { url: localUrl, skipReason: '' };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { url: null, skipReason: `INSCOPE_TEST_DATABASE_URL is unset and no PostgreSQL answers on 127.0.0.1:5432 as postgres (${why})` };
  } finally {
    await probe.end().catch(() => {});
  }
}

/** Defines the suite once per backend; the PostgreSQL one is skipped, with the reason in its name, when there is no server. */
export function describeStores(title: string, body: (stores: TempStores) => void, backends: readonly BackendName[] = ['sqlite', 'postgres']): void {
  if (backends.includes('sqlite')) describe(`${title} (SQLite)`, () => { body(useTempStores('sqlite')); });
  if (!backends.includes('postgres')) return;
  if (postgres.url === null) {
    describe.skip(`${title} (PostgreSQL skipped: ${postgres.skipReason})`, () => { body(useTempStores('postgres')); });
  } else {
    describe(`${title} (PostgreSQL)`, () => { body(useTempStores('postgres')); });
  }
}

/** Registers the cleanup in the current describe block and returns the backend's helpers. */
export function useTempStores(backend: BackendName): TempStores {
  return backend === 'sqlite' ? useSqliteStores() : usePostgresStores(postgres.url ?? localUrl);
}

function useSqliteStores(): TempStores {
  let dir: string | null = null;
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  const file = (): string => {
    dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-store-'));
    return path.join(dir, 'data', 'inscope.db');
  };
  return {
    backend: 'sqlite',
    migrations: sqliteMigrations,
    url: file,
    async open(options = {}) {
      const store = createSqliteStore({
        now: options.now ?? (() => 1_000),
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
        ...(options.noLockWait ? { busyTimeoutMs: 0 } : {}),
        file: file(),
      });
      stores.push(store);
      return store;
    },
    async query(sql) {
      const db = new Database(file());
      try {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all() as Record<string, unknown>[];
        statement.run();
        return [];
      } finally {
        db.close();
      }
    },
    async holdWriteLock() {
      const db = new Database(file());
      db.exec('BEGIN IMMEDIATE');
      return async () => { db.exec('ROLLBACK'); db.close(); };
    },
  };
}

function usePostgresStores(connectionString: string): TempStores {
  let schema: string | null = null;
  const stores: Store[] = [];
  const connect = async (withSchema: boolean): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString, ...(withSchema && schema ? { options: `-c search_path=${schema}` } : {}) });
    await client.connect();
    return client;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    if (schema === null) return;
    const client = await connect(false);
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
    schema = null;
  });
  const currentSchema = (): string => {
    schema ??= `inscope_test_${crypto.randomBytes(6).toString('hex')}`;
    return schema;
  };
  return {
    backend: 'postgres',
    migrations: postgresMigrations,
    url() {
      const url = new URL(connectionString);
      url.searchParams.set('schema', currentSchema());
      return url.toString();
    },
    async open(options = {}) {
      const store = await createPostgresStore({
        connectionString,
        schema: currentSchema(),
        now: options.now ?? (() => 1_000),
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
        ...(options.noLockWait ? { lockTimeoutMs: 1 } : {}),
        ...options.postgres,
      });
      stores.push(store);
      return store;
    },
    async query(sql) {
      currentSchema();
      const client = await connect(true);
      try {
        return (await client.query<Record<string, unknown>>(sql)).rows;
      } finally {
        await client.end();
      }
    },
    async holdWriteLock() {
      currentSchema();
      const client = await connect(true);
      await client.query('BEGIN');
      // EXCLUSIVE conflicts with the ROW EXCLUSIVE lock every INSERT takes, and still allows reads.
      await client.query('LOCK TABLE deliveries IN EXCLUSIVE MODE');
      return async () => { await client.query('ROLLBACK'); await client.end(); };
    },
  };
}
