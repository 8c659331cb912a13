// Runs a function in one PostgreSQL transaction on a pooled client, retrying the whole transaction
// when PostgreSQL aborted it for a reason a fresh attempt resolves: a deadlock between two instances
// writing the same tickets in different orders (40P01), a serialization failure (40001), or a
// unique violation from a row another instance inserted after this transaction looked (23505, e.g.
// a delivery queued a job for the ticket while this transaction was re-queueing its running one).
import type pg from 'pg';

const retryable = new Set(['40P01', '40001', '23505']);

export type Queryable = Pick<pg.PoolClient, 'query'>;

export async function withTransaction<T>(pool: pg.Pool, run: (client: Queryable) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    let broken = false;
    // The pool listens for errors on idle clients only: a server restart or a killed backend while
    // this client is checked out would otherwise be an unhandled 'error' event that ends the process.
    // The query in flight rejects on its own; the client is discarded on release.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await run(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      if (attempt >= attempts || !isRetryable(error)) throw error;
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      client.off('error', onError);
      client.release(broken);
    }
  }
}

/** A failure that running the same transaction again resolves (see above). */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && retryable.has(code);
}
