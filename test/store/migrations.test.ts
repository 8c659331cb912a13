import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../connectors/store/sqlite-migrations.js';
import { useTempStores } from './temp-store.js';

describe('schema migrations', () => {
  const stores = useTempStores();

  it('applies every migration on a new file and nothing on later runs or reopens', async () => {
    const file = stores.file();
    const store = stores.open({ file });
    expect(await store.migrate()).toEqual([]);
    expect(await store.migrate()).toEqual([]);
    await store.close();
    expect(await stores.open({ file }).migrate()).toEqual([]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(migrations.map((m) => m.version));
    db.close();
  });

  it('numbers migrations 1, 2, 3… without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('refuses a database written by a newer InScope', () => {
    const file = stores.file();
    stores.open({ file });
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").run();
    db.close();
    expect(() => stores.open({ file })).toThrow(/version 999, newer than this InScope/);
  });

  it('answers ping while open', async () => {
    await expect(stores.open().ping()).resolves.toBeUndefined();
  });
});
