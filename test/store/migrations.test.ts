import { describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../connectors/store/postgres-migrations.js';
import { migrations } from '../../connectors/store/sqlite-migrations.js';
import { describeStores, postgres, useTempStores } from './store-backends.js';

describeStores('schema migrations', (stores) => {
  it('applies every migration on a new file and nothing on later runs or reopens', async () => {
    const store = await stores.open();
    expect(await store.migrate()).toEqual([]);
    expect(await store.migrate()).toEqual([]);
    await store.close();
    expect(await (await stores.open()).migrate()).toEqual([]);
    const rows = await stores.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(stores.migrations.map((m) => m.version));
  });

  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(stores.migrations.map((m) => m.version)).toEqual(stores.migrations.map((_, i) => i + 1));
  });

  it('refuses a database written by a newer InScope', async () => {
    await stores.open();
    await stores.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)");
    await expect(stores.open()).rejects.toThrow(/version 999, newer than this InScope/);
  });

  it('answers ping while open', async () => {
    await expect((await stores.open()).ping()).resolves.toBeUndefined();
  });
});

describe('the two migration lists', () => {
  it('have the same versions and names, so a migration is never added to one backend only', () => {
    expect(postgresMigrations.map((m) => [m.version, m.name])).toEqual(migrations.map((m) => [m.version, m.name]));
  });
});

describe.skipIf(postgres.url === null)(`the SQLite and PostgreSQL schemas${postgres.url === null ? ` (skipped: ${postgres.skipReason})` : ''}`, () => {
  const sqlite = useTempStores('sqlite');
  const pg = useTempStores('postgres');

  it('have the same tables, columns and named indexes', async () => {
    await sqlite.open();
    await pg.open();
    const sqliteTables = await sqlite.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    const sqliteColumns: string[] = [];
    for (const { name } of sqliteTables) {
      for (const column of await sqlite.query(`SELECT name FROM pragma_table_info('${String(name)}')`)) sqliteColumns.push(`${String(name)}.${String(column.name)}`);
    }
    const pgColumns = await pg.query(`SELECT table_name || '.' || column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema()`);
    expect(pgColumns.map((row) => row.c).sort()).toEqual(sqliteColumns.sort());
    const sqliteIndexes = await sqlite.query("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'");
    const pgIndexes = await pg.query(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
      AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'`);
    expect(pgIndexes.map((row) => row.indexname).sort()).toEqual(sqliteIndexes.map((row) => row.name).sort());
  });

  // Unique constraints and primary keys get generated index names (sqlite_autoindex_…, …_key,
  // …_pkey) that differ by backend, so they are compared by table and columns instead.
  it('have the same primary keys and unique constraints', async () => {
    await sqlite.open();
    await pg.open();
    const sqliteKeys: string[] = [];
    const tables = await sqlite.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    for (const { name: table } of tables) {
      const pk = (await sqlite.query(`SELECT name FROM pragma_table_info('${String(table)}') WHERE pk > 0 ORDER BY pk`)).map((c) => String(c.name));
      if (pk.length > 0) sqliteKeys.push(`${String(table)} primary (${pk.join(', ')})`);
      for (const index of await sqlite.query(`SELECT name FROM pragma_index_list('${String(table)}') WHERE "unique" = 1 AND origin <> 'pk'`)) {
        const columns = (await sqlite.query(`SELECT name FROM pragma_index_info('${String(index.name)}') ORDER BY seqno`)).map((c) => String(c.name));
        sqliteKeys.push(`${String(table)} unique (${columns.join(', ')})`);
      }
    }
    const pgKeys = await pg.query(`SELECT t.relname || CASE WHEN i.indisprimary THEN ' primary (' ELSE ' unique (' END
        || string_agg(a.attname, ', ' ORDER BY k.ord) || ')' AS key
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = current_schema() AND i.indisunique
      GROUP BY t.relname, i.indexrelid, i.indisprimary`);
    expect(pgKeys.map((row) => row.key).sort()).toEqual(sqliteKeys.sort());
  });
});
