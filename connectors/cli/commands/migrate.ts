// `inscope migrate`: applies the store's pending migrations and says which (safe to run while other
// instances start: the store serialises migrations).
import { openStore } from '../../store/open-store.js';
import { EXIT } from '../cli-error.js';
import { readCliDatabases } from '../read-cli-settings.js';
import { redactUrl } from '../redact-url.js';

// With a tenants file every tenant's store is migrated (or the one INSCOPE_TENANT names).
export async function migrateCommand(_argv: string[]): Promise<number> {
  const tenants = readCliDatabases();
  for (const { id, settings: { databaseUrl } } of tenants) {
    const store = await openStore(databaseUrl);
    try {
      const applied = await store.migrate();
      const who = tenants.length > 1 || id !== 'default' ? `${id}: ` : '';
      process.stdout.write(applied.length ? `${who}${redactUrl(databaseUrl)}: applied migrations ${applied.join(', ')}\n` : `${who}${redactUrl(databaseUrl)}: up to date\n`);
    } finally {
      await store.close();
    }
  }
  return EXIT.ok;
}
