// The durable per-ticket job queue on SQLite: claim with leases, complete, fail/retry, release, and
// the operator views. Every write runs in a BEGIN IMMEDIATE transaction, so two connections (or two
// processes) on the same file serialise instead of both claiming; the partial unique indexes on
// jobs make a second running job for a ticket an error rather than a race. (PostgreSQL: the same
// statements with SELECT … FOR UPDATE SKIP LOCKED for the candidate.)
import type Database from 'better-sqlite3';
import { toJob, toJobDelivery } from './sqlite-rows.js';
import type { DeliveryRow, JobRow } from './sqlite-rows.js';
import type { ClaimOptions, FailOptions, Job, JobState, JobWithDeliveries } from './store.js';

export interface SqliteQueueOptions {
  readonly maxAttempts: number;
  readonly now: () => number;
}

export function createSqliteQueue(db: Database.Database, { maxAttempts, now }: SqliteQueueOptions) {
  const byId = db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const deliveriesOf = db.prepare<[number], DeliveryRow>(
    'SELECT delivery_id, event_id, event_type, payload, received_at FROM deliveries WHERE job_id = ? ORDER BY id');
  // Due longest first; a queued job waits while its ticket has a running one (per-ticket order), and
  // a running job whose lease ran out is up for grabs again (its worker died).
  const candidate = db.prepare<{ now: number }, JobRow>(`
    SELECT * FROM jobs j
    WHERE (j.state = 'queued' AND j.run_after <= @now AND NOT EXISTS (
             SELECT 1 FROM jobs r WHERE r.state = 'running'
               AND r.helpdesk = j.helpdesk AND r.account_id = j.account_id AND r.ticket_id = j.ticket_id))
       OR (j.state = 'running' AND j.lease_until <= @now)
    ORDER BY CASE WHEN j.state = 'running' THEN j.lease_until ELSE j.run_after END, j.id
    LIMIT 1`);
  const take = db.prepare<{ id: number; owner: string; until: number; now: number }>(`
    UPDATE jobs SET state = 'running', lease_owner = @owner, lease_until = @until, attempts = attempts + 1, updated_at = @now
    WHERE id = @id`);
  const bury = db.prepare<{ id: number; error: string; now: number }>(`
    UPDATE jobs SET state = 'dead', lease_owner = NULL, lease_until = NULL, last_error = @error, updated_at = @now
    WHERE id = @id`);
  const finish = db.prepare<{ id: number; owner: string; now: number }>(`
    UPDATE jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = @now
    WHERE id = @id AND state = 'running' AND lease_owner = @owner`);
  const extend = db.prepare<{ id: number; owner: string; until: number; now: number }>(`
    UPDATE jobs SET lease_until = @until, updated_at = @now
    WHERE id = @id AND state = 'running' AND lease_owner = @owner`);
  const held = db.prepare<{ id: number; owner: string }, JobRow>(
    "SELECT * FROM jobs WHERE id = @id AND state = 'running' AND lease_owner = @owner");
  const heldBy = db.prepare<[string], JobRow>("SELECT * FROM jobs WHERE state = 'running' AND lease_owner = ?");
  const otherQueued = db.prepare<{ id: number; helpdesk: string; account: string; ticket: string }, { id: number }>(`
    SELECT id FROM jobs WHERE state = 'queued' AND helpdesk = @helpdesk AND account_id = @account AND ticket_id = @ticket AND id <> @id`);
  const moveDeliveries = db.prepare<{ from: number; into: number }>('UPDATE deliveries SET job_id = @into WHERE job_id = @from');
  const drop = db.prepare<[number]>('DELETE FROM jobs WHERE id = ?');
  const enqueue = db.prepare<{ id: number; runAfter: number; attempts: number; error: string | null; now: number }>(`
    UPDATE jobs SET state = 'queued', run_after = @runAfter, attempts = @attempts, lease_owner = NULL, lease_until = NULL,
      last_error = @error, updated_at = @now
    WHERE id = @id`);
  const list = db.prepare<{ state: JobState | null; limit: number }, JobRow>(
    'SELECT * FROM jobs WHERE @state IS NULL OR state = @state ORDER BY id DESC LIMIT @limit');
  const pruneDeliveries = db.prepare<[number]>(
    "DELETE FROM deliveries WHERE job_id IN (SELECT id FROM jobs WHERE state = 'done' AND updated_at < ?)");
  const pruneJobs = db.prepare<[number]>("DELETE FROM jobs WHERE state = 'done' AND updated_at < ?");
  const depth = db.prepare<[], { state: JobState; n: number }>('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state');

  const withDeliveries = (row: JobRow): JobWithDeliveries =>
    ({ ...toJob(row), deliveries: deliveriesOf.all(row.id).map(toJobDelivery) });

  // Back to 'queued'; if the ticket already has a queued job, its deliveries join this one (the
  // unique index allows only one) and keep their arrival order, which is the deliveries' row order.
  const requeue = (row: JobRow, runAfter: number, attempts: number, error: string | null): void => {
    const other = otherQueued.get({ id: row.id, helpdesk: row.helpdesk, account: row.account_id, ticket: row.ticket_id });
    if (other) {
      moveDeliveries.run({ from: other.id, into: row.id });
      drop.run(other.id);
    }
    enqueue.run({ id: row.id, runAfter, attempts, error, now: now() });
  };

  const claim = db.transaction((options: ClaimOptions): JobWithDeliveries | null => {
    for (;;) {
      const row = candidate.get({ now: options.now });
      if (!row) return null;
      if (row.state === 'running' && row.attempts >= maxAttempts) {
        bury.run({ id: row.id, now: options.now,
          error: `lease expired after ${row.attempts} attempts without completion (worker crashed or hung)` });
        continue;
      }
      take.run({ id: row.id, owner: options.workerId, until: options.now + options.leaseMs, now: options.now });
      return withDeliveries(byId.get(row.id) as JobRow);
    }
  });

  const fail = db.transaction((id: number, owner: string, options: FailOptions): 'queued' | 'dead' | null => {
    const row = held.get({ id, owner });
    if (!row) return null;
    if (options.retryAt === undefined || row.attempts >= maxAttempts) {
      bury.run({ id, error: options.error, now: now() });
      return 'dead';
    }
    requeue(row, options.retryAt, row.attempts, options.error);
    return 'queued';
  });

  const release = db.transaction((owner: string): number => {
    const rows = heldBy.all(owner);
    // A graceful release is not a failed attempt: give back the one the claim counted.
    for (const row of rows) requeue(row, now(), Math.max(0, row.attempts - 1), row.last_error);
    return rows.length;
  });

  const retry = db.transaction((id: number, at: number): Job | null => {
    const row = byId.get(id);
    if (row?.state !== 'dead') return null;
    requeue(row, at, 0, row.last_error);
    return toJob(byId.get(id) as JobRow);
  });

  const prune = db.transaction((before: number) => {
    const deliveries = pruneDeliveries.run(before).changes;
    return { jobs: pruneJobs.run(before).changes, deliveries };
  });

  return {
    claim: (options: ClaimOptions) => claim.immediate(options),
    complete: (id: number, owner: string) => finish.run({ id, owner, now: now() }).changes === 1,
    fail: (id: number, owner: string, options: FailOptions) => fail.immediate(id, owner, options),
    extend: (id: number, owner: string, at: number, leaseMs: number) =>
      extend.run({ id, owner, until: at + leaseMs, now: at }).changes === 1,
    release: (owner: string) => release.immediate(owner),
    retry: (id: number, at: number) => retry.immediate(id, at),
    prune: (before: number) => prune.immediate(before),
    list: (state: JobState | undefined, limit: number) => list.all({ state: state ?? null, limit }).map(toJob),
    get: (id: number) => {
      const row = byId.get(id);
      return row ? withDeliveries(row) : null;
    },
    depth: (): Record<JobState, number> => {
      const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
      for (const { state, n } of depth.all()) counts[state] = n;
      return counts;
    },
  };
}
