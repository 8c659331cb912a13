// The durable per-ticket job queue on PostgreSQL: the same statements as sqlite-queue.ts, but where
// SQLite serialises every writer, here each claim locks only its candidate row with
// SELECT … FOR UPDATE SKIP LOCKED, so any number of workers in any number of instances claim in
// parallel without waiting on or handing out the same job. The partial unique indexes still make a
// second queued or running job for a ticket an error rather than a race.
import type pg from 'pg';
import { withTransaction } from './postgres-transaction.js';
import type { Queryable } from './postgres-transaction.js';
import { toJob, toJobDelivery } from './sqlite-rows.js';
import type { DeliveryRow, JobRow } from './sqlite-rows.js';
import type { ClaimOptions, FailOptions, Job, JobState, JobWithDeliveries } from './store.js';

export interface PostgresQueueOptions {
  readonly maxAttempts: number;
  readonly now: () => number;
}

const byId = 'SELECT * FROM jobs WHERE id = $1';
const deliveriesOf = 'SELECT delivery_id, event_id, event_type, payload, received_at FROM deliveries WHERE job_id = $1 ORDER BY id';
// Due longest first; a queued job waits while its ticket has a running one (per-ticket order), and a
// running job whose lease ran out is up for grabs again (its worker died). Two queries, each walking
// an index in due order, instead of one that sorts every runnable job on each claim; the claim takes
// the earlier of the two. SKIP LOCKED passes over a job another transaction is claiming, finishing or
// coalescing a delivery into.
const expiredCandidate = `
  SELECT * FROM jobs WHERE state = 'running' AND lease_until <= $1
  ORDER BY lease_until, id LIMIT 1
  FOR UPDATE SKIP LOCKED`;
const queuedCandidate = `
  SELECT * FROM jobs j
  WHERE j.state = 'queued' AND j.run_after <= $1 AND NOT EXISTS (
    SELECT 1 FROM jobs r WHERE r.state = 'running'
      AND r.helpdesk = j.helpdesk AND r.account_id = j.account_id AND r.ticket_id = j.ticket_id)
  ORDER BY j.run_after, j.id LIMIT 1
  FOR UPDATE SKIP LOCKED`;
const take = `
  UPDATE jobs SET state = 'running', lease_owner = $2, lease_until = $3, attempts = attempts + 1, updated_at = $4
  WHERE id = $1 RETURNING *`;
const bury = `
  UPDATE jobs SET state = 'dead', lease_owner = NULL, lease_until = NULL, last_error = $2, updated_at = $3
  WHERE id = $1`;
const finish = `
  UPDATE jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = $3
  WHERE id = $1 AND state = 'running' AND lease_owner = $2`;
const extend = `
  UPDATE jobs SET lease_until = $3, updated_at = $4
  WHERE id = $1 AND state = 'running' AND lease_owner = $2`;
const held = "SELECT * FROM jobs WHERE id = $1 AND state = 'running' AND lease_owner = $2 FOR UPDATE";
const heldBy = "SELECT * FROM jobs WHERE state = 'running' AND lease_owner = $1 ORDER BY id FOR UPDATE";
const otherQueued = `
  SELECT id FROM jobs WHERE state = 'queued' AND helpdesk = $1 AND account_id = $2 AND ticket_id = $3 AND id <> $4
  FOR UPDATE`;
const moveDeliveries = 'UPDATE deliveries SET job_id = $2 WHERE job_id = $1';
const drop = 'DELETE FROM jobs WHERE id = $1';
const enqueue = `
  UPDATE jobs SET state = 'queued', run_after = $2, attempts = $3, lease_owner = NULL, lease_until = NULL,
    last_error = $4, updated_at = $5
  WHERE id = $1 RETURNING *`;
const list = 'SELECT * FROM jobs WHERE $1::text IS NULL OR state = $1 ORDER BY id DESC LIMIT $2';
const pruneDeliveries = "DELETE FROM deliveries WHERE job_id IN (SELECT id FROM jobs WHERE state = 'done' AND updated_at < $1)";
const pruneJobs = "DELETE FROM jobs WHERE state = 'done' AND updated_at < $1";
const depth = 'SELECT state, COUNT(*) AS n FROM jobs GROUP BY state';

export function createPostgresQueue(pool: pg.Pool, { maxAttempts, now }: PostgresQueueOptions) {
  const withDeliveries = async (client: Queryable, row: JobRow): Promise<JobWithDeliveries> =>
    ({ ...toJob(row), deliveries: (await client.query<DeliveryRow>(deliveriesOf, [row.id])).rows.map(toJobDelivery) });

  // Back to 'queued'; if the ticket already has a queued job, its deliveries join this one (the
  // unique index allows only one) and keep their arrival order, which is the deliveries' row order.
  // A queued job inserted by another instance after this look fails the update with 23505, and
  // withTransaction runs the whole transaction again, which then finds and merges it.
  const requeue = async (client: Queryable, row: JobRow, runAfter: number, attempts: number, error: string | null): Promise<JobRow> => {
    const other = (await client.query<{ id: number }>(otherQueued, [row.helpdesk, row.account_id, row.ticket_id, row.id])).rows[0];
    if (other) {
      await client.query(moveDeliveries, [other.id, row.id]);
      await client.query(drop, [other.id]);
    }
    return (await client.query<JobRow>(enqueue, [row.id, runAfter, attempts, error, now()])).rows[0] as JobRow;
  };

  return {
    claim: (options: ClaimOptions): Promise<JobWithDeliveries | null> => withTransaction(pool, async (client) => {
      for (;;) {
        const expired = (await client.query<JobRow>(expiredCandidate, [options.now])).rows[0];
        const queued = (await client.query<JobRow>(queuedCandidate, [options.now])).rows[0];
        const row = expired && queued ? (isDueBefore(queued, expired) ? queued : expired) : expired ?? queued;
        if (!row) return null;
        if (row.state === 'running' && row.attempts >= maxAttempts) {
          await client.query(bury, [row.id,
            `lease expired after ${row.attempts} attempts without completion (worker crashed or hung)`, options.now]);
          continue;
        }
        const taken = (await client.query<JobRow>(take, [row.id, options.workerId, options.now + options.leaseMs, options.now])).rows[0];
        return withDeliveries(client, taken as JobRow);
      }
    }),

    complete: async (id: number, owner: string): Promise<boolean> =>
      (await pool.query(finish, [id, owner, now()])).rowCount === 1,

    fail: (id: number, owner: string, options: FailOptions): Promise<'queued' | 'dead' | null> => withTransaction(pool, async (client) => {
      const row = (await client.query<JobRow>(held, [id, owner])).rows[0];
      if (!row) return null;
      if (options.retryAt === undefined || row.attempts >= maxAttempts) {
        await client.query(bury, [id, options.error, now()]);
        return 'dead';
      }
      await requeue(client, row, options.retryAt, row.attempts, options.error);
      return 'queued';
    }),

    extend: async (id: number, owner: string, at: number, leaseMs: number): Promise<boolean> =>
      (await pool.query(extend, [id, owner, at + leaseMs, at])).rowCount === 1,

    release: (owner: string): Promise<number> => withTransaction(pool, async (client) => {
      const rows = (await client.query<JobRow>(heldBy, [owner])).rows;
      // A graceful release is not a failed attempt: give back the one the claim counted.
      for (const row of rows) await requeue(client, row, now(), Math.max(0, row.attempts - 1), row.last_error);
      return rows.length;
    }),

    retry: (id: number, at: number): Promise<Job | null> => withTransaction(pool, async (client) => {
      const row = (await client.query<JobRow>(`${byId} FOR UPDATE`, [id])).rows[0];
      if (row?.state !== 'dead') return null;
      return toJob(await requeue(client, row, at, 0, row.last_error));
    }),

    prune: (before: number): Promise<{ jobs: number; deliveries: number }> => withTransaction(pool, async (client) => {
      const deliveries = (await client.query(pruneDeliveries, [before])).rowCount ?? 0;
      return { jobs: (await client.query(pruneJobs, [before])).rowCount ?? 0, deliveries };
    }),

    list: async (state: JobState | undefined, limit: number): Promise<Job[]> =>
      (await pool.query<JobRow>(list, [state ?? null, limit])).rows.map(toJob),

    get: async (id: number): Promise<JobWithDeliveries | null> => {
      const row = (await pool.query<JobRow>(byId, [id])).rows[0];
      return row ? withDeliveries(pool, row) : null;
    },

    depth: async (): Promise<Record<JobState, number>> => {
      const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
      for (const { state, n } of (await pool.query<{ state: JobState; n: number }>(depth)).rows) counts[state] = n;
      return counts;
    },
  };
}

function isDueBefore(queued: JobRow, expired: JobRow): boolean {
  const leaseUntil = expired.lease_until ?? 0;
  return queued.run_after < leaseUntil || (queued.run_after === leaseUntil && queued.id < expired.id);
}
