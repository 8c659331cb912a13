import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../connectors/store/postgres-pool.js';
import { postgres } from './store-backends.js';

const describePostgres = postgres.url === null ? describe.skip : describe;
const title = postgres.url === null ? `PostgreSQL pool (skipped: ${postgres.skipReason})` : 'PostgreSQL pool';

describePostgres(title, () => {
  it('survives the server ending a checked-out client between queries, and the next query reports it', async () => {
    const errors: Error[] = [];
    const pool = createPostgresPool({ connectionString: postgres.url!, applicationName: 'inscope-pool-test', onError: (e) => errors.push(e) });
    const admin = new pg.Client({ connectionString: postgres.url! });
    await admin.connect();
    try {
      // Checked out and between queries: the pool does not listen, and the caller attached nothing.
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      // Without a listener on the client, the 57P01 FATAL would be an uncaught 'error' and end the test process.
      await ended;
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      // A fresh connection serves the next query.
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });

  it('hands an idle client\'s error to onError and replaces the client', async () => {
    const errors: Error[] = [];
    const pool = createPostgresPool({ connectionString: postgres.url!, applicationName: 'inscope-pool-idle-test', onError: (e) => errors.push(e) });
    const admin = new pg.Client({ connectionString: postgres.url! });
    await admin.connect();
    try {
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const removed = new Promise<void>((resolve) => pool.once('remove', () => resolve()));
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await removed;
      expect(errors.map((e) => (e as Error & { code?: string }).code)).toContain('57P01');
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
