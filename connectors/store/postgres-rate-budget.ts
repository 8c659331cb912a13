// A helpdesk account's request budget kept in PostgreSQL, so that every connector instance on the
// database draws from one token bucket instead of each pacing itself to the full plan limit.
// One row per account; a reservation is one atomic upsert (`INSERT … ON CONFLICT DO UPDATE …
// RETURNING`): the row lock orders concurrent callers, and the bucket may go into debt, so each
// caller learns how long to wait before its request, in one round trip and without polling.
// Times are the database server's clock (clock_timestamp()), so instances on other hosts agree;
// tests may pass a clock of their own, so that the waits they check do not depend on elapsed time.
import type pg from 'pg';
import type { RateBudget } from '../shared/create-shared-pacer.js';
import { quoteSchema } from './postgres-pool.js';
import { withTransaction } from './postgres-transaction.js';

// The key postgres-migrations.ts locks with: the table appears after the schema, never beside a migration.
const MIGRATION_LOCK_KEY = 0x1d5c09e;

// $4 (TAKE) or $3 (PAUSE): the caller's clock in epoch ms, or null for the server's.
const nowMs = (param: string) => `COALESCE(${param}::float8, (extract(epoch FROM clock_timestamp()) * 1000)::float8)`;

const TAKE = `
  INSERT INTO rate_budget AS b (account, tokens, refilled_at, not_before)
  VALUES ($1, $2::float8 - 1, ${nowMs('$4')}, 0)
  ON CONFLICT (account) DO UPDATE SET
    tokens = LEAST($2::float8, b.tokens + GREATEST(0, EXCLUDED.refilled_at - b.refilled_at) * $3::float8) - 1,
    refilled_at = GREATEST(b.refilled_at, EXCLUDED.refilled_at)
  RETURNING tokens, not_before - refilled_at AS paused_ms`;

// Refill first, so the debt a pause leaves behind is measured from now.
const PAUSE = `
  UPDATE rate_budget SET
    not_before = GREATEST(not_before, ${nowMs('$3')} + $2::float8),
    tokens = LEAST(tokens, 0)
  WHERE account = $1`;

const DRAIN = 'UPDATE rate_budget SET tokens = LEAST(tokens, 0) WHERE account = $1';

/**
 * Creates the `rate_budget` table when missing (under the migration lock, so instances starting
 * together do not race) and returns the budget. The pool is the caller's; close() leaves it open
 * unless `ownsPool` is set.
 */
export async function createPostgresRateBudget(pool: pg.Pool, options: { readonly schema?: string; readonly ownsPool?: boolean; readonly now?: () => number } = {}): Promise<RateBudget> {
  const now = () => options.now?.() ?? null;
  await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_KEY, options.schema ?? '']);
    if (options.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(options.schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS rate_budget (
      account TEXT PRIMARY KEY,
      tokens DOUBLE PRECISION NOT NULL,
      refilled_at DOUBLE PRECISION NOT NULL,
      not_before DOUBLE PRECISION NOT NULL DEFAULT 0
    )`);
  }, 1);

  return {
    async take(account, rule) {
      if (!(rule.ratePerMinute > 0) || !(rule.burst >= 1)) throw new RangeError('rate budget needs a positive rate and a burst of at least 1');
      const ratePerMs = rule.ratePerMinute / 60_000;
      const { rows } = await pool.query<{ tokens: number; paused_ms: number }>(TAKE, [account, rule.burst, ratePerMs, now()]);
      const row = rows[0];
      if (!row) return 0;
      return Math.max(0, row.paused_ms) + (row.tokens < 0 ? -row.tokens / ratePerMs : 0);
    },
    async pause(account, ms) {
      await pool.query(PAUSE, [account, Math.max(0, ms), now()]);
    },
    async drain(account) {
      await pool.query(DRAIN, [account]);
    },
    async close() {
      if (options.ownsPool) await pool.end();
    },
  };
}
