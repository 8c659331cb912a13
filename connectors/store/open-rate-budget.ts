// Opens the request budget shared by every instance on the store's database (see
// create-shared-pacer.ts), or null when the database cannot hold one: a SQLite file serves one
// process, whose in-process pacer is already the whole budget.
import type { RateBudget } from '../shared/create-shared-pacer.js';
import { createPostgresPool } from './postgres-pool.js';
import { createPostgresRateBudget } from './postgres-rate-budget.js';

export interface OpenRateBudgetOptions {
  readonly onError?: (error: Error) => void;
  /** Tests only: a clock in place of the database server's. */
  readonly now?: () => number;
}

export async function openRateBudget(databaseUrl: string, options: OpenRateBudgetOptions = {}): Promise<RateBudget | null> {
  const url = databaseUrl.trim();
  if (!/^postgres(ql)?:\/\//i.test(url)) return null;
  // `?schema=` is InScope's, as in open-store.ts; node-postgres gets the URL without it.
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  // Two connections: one reservation is a single short statement, and they queue on one row anyway.
  const pool = createPostgresPool({
    connectionString: parsed.toString(),
    ...(schema === undefined ? {} : { schema }),
    maxConnections: 2,
    applicationName: 'inscope-rate-budget',
    ...(options.onError ? { onError: options.onError } : {}),
  });
  try {
    return await createPostgresRateBudget(pool, { ...(schema === undefined ? {} : { schema }), ownsPool: true, ...(options.now ? { now: options.now } : {}) });
  } catch (error) {
    await pool.end();
    throw error;
  }
}
