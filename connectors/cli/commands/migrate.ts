// `inscope migrate`: applies the store's pending migrations and says which (safe to run while other
// instances start: the store serialises migrations).
import { openStore } from '../../store/open-store.js';
import { readSettings } from '../../server/read-settings.js';
import { EXIT } from '../cli-error.js';
import { redactUrl } from '../redact-url.js';

export async function migrateCommand(_argv: string[]): Promise<number> {
  const { databaseUrl } = readSettings();
  const store = await openStore(databaseUrl);
  try {
    const applied = await store.migrate();
    process.stdout.write(applied.length ? `${redactUrl(databaseUrl)}: applied migrations ${applied.join(', ')}\n` : `${redactUrl(databaseUrl)}: up to date\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
