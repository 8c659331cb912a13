// The PostgreSQL implementation of Store (see store.ts for the semantics), for several connector
// instances on one database. Driver: plain `pg` (node-postgres) rather than kysely, because the SQL is
// already hand-written for SQLite and the parts that matter here (SKIP LOCKED, advisory locks, partial
// unique-index upserts) are dialect-specific anyway, so a query builder would add a layer, not remove one.
// A delivery is acknowledged only after its transaction committed (synchronous_commit as the server has it).
// Text differs in one way: PostgreSQL cannot store U+0000, so it becomes U+FFFD (postgres-text.ts).
import { createPostgresAudit } from './postgres-audit.js';
import { createPostgresDeliveryWriter } from './postgres-deliveries.js';
import { createPostgresGroupCommit } from './postgres-group-commit.js';
import { migratePostgres } from './postgres-migrations.js';
import { createPostgresPool } from './postgres-pool.js';
import type { PostgresPoolOptions } from './postgres-pool.js';
import { createPostgresProposals } from './postgres-proposals.js';
import { createPostgresQueue } from './postgres-queue.js';
import { toPostgresAudit, toPostgresDelivery, toPostgresText } from './postgres-text.js';
import { withTransaction } from './postgres-transaction.js';
import { assertDeliveryInput } from './sqlite-deliveries.js';
import type { DeliveryInput, DeliveryResult, Store } from './store.js';

export interface PostgresStoreOptions extends PostgresPoolOptions {
  readonly now?: () => number;
  /** Claims a job may use before failJob or an expired lease makes it dead. Default 8. */
  readonly maxAttempts?: number;
  /** Apply pending migrations before resolving (default true); false leaves it to migrate(). */
  readonly migrateOnOpen?: boolean;
}

/** Connects, applies pending migrations (unless migrateOnOpen is false) and resolves the store. */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const now = options.now ?? Date.now;
  const pool = createPostgresPool(options);
  // One attempt: the advisory lock, not a retry, is what makes concurrent starts safe.
  const migrate = () => withTransaction(pool, (client) => migratePostgres(client, now(), options.schema), 1);
  try {
    if (options.migrateOnOpen ?? true) await migrate();
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }

  const group = createPostgresGroupCommit<DeliveryInput, DeliveryResult>(createPostgresDeliveryWriter(pool));
  const queue = createPostgresQueue(pool, { maxAttempts: options.maxAttempts ?? 8, now });
  const audit = createPostgresAudit(pool, now);
  const proposals = createPostgresProposals(pool);
  let closing: Promise<void> | null = null;

  return {
    ...proposals,
    migrate,
    async recordDelivery(delivery) {
      assertDeliveryInput(delivery);
      if (closing) throw new Error('recordDelivery: the store is closed');
      return group.submit(toPostgresDelivery(delivery));
    },

    claimJob: (claim) => queue.claim(claim),
    completeJob: (jobId, workerId) => queue.complete(jobId, workerId),
    failJob: (jobId, workerId, failure) => queue.fail(jobId, workerId, { ...failure, error: toPostgresText(failure.error) }),
    extendLease: (jobId, workerId, lease) => queue.extend(jobId, workerId, lease.now, lease.leaseMs),
    releaseJobsOf: (workerId) => queue.release(workerId),

    listJobs: ({ state, limit }) => queue.list(state, limit),
    getJob: (jobId) => queue.get(jobId),
    retryJob: (jobId, at) => queue.retry(jobId, at),
    queueDepth: () => queue.depth(),
    pruneDone: (before) => queue.prune(before),

    appendAudit: (entry) => audit.append(toPostgresAudit(entry)),
    listAudit: (list) => audit.list(list),
    lastDecision: (helpdesk, accountId, ticketId) => audit.lastDecision(helpdesk, accountId, ticketId),

    getSetting: (key) => audit.getSetting(key),
    putSetting: (key, value) => audit.putSetting(toPostgresText(key), toPostgresText(value)),
    putSettingIfAbsent: (key, value) => audit.putSettingIfAbsent(toPostgresText(key), toPostgresText(value)),

    async ping() { await pool.query('SELECT 1'); },
    metrics() { return { deliveryCommits: group.commits, deliveriesWritten: group.itemsWritten }; },
    close() {
      closing ??= group.flush().then(() => pool.end());
      return closing;
    },
  };
}
