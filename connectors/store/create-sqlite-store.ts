// The SQLite implementation of Store (see store.ts for the semantics). WAL with synchronous=FULL:
// once recordDelivery resolves — and the webhook answers 2xx — the delivery is on disk.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createGroupCommit } from './create-group-commit.js';
import { createSqliteAudit } from './sqlite-audit.js';
import { assertDeliveryInput, createDeliveryWriter } from './sqlite-deliveries.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { createSqliteProposals } from './sqlite-proposals.js';
import { createSqliteQueue } from './sqlite-queue.js';
import type { DeliveryInput, DeliveryResult, Store } from './store.js';

export interface SqliteStoreOptions {
  /** Database file; its directory is created. ':memory:' works for throwaway use (not durable). */
  readonly file: string;
  readonly now?: () => number;
  /** Claims a job may use before failJob or an expired lease makes it dead. Default 8. */
  readonly maxAttempts?: number;
  /** How long a write waits for another connection's lock before failing. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

export const defaultDatabaseFile = './data/inscope.db';

export function createSqliteStore(options: SqliteStoreOptions): Store {
  const now = options.now ?? Date.now;
  if (options.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  const db = new Database(options.file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    migrateSqlite(db, now());
  } catch (error) {
    db.close();
    throw error;
  }

  const group = createGroupCommit<DeliveryInput, DeliveryResult>(createDeliveryWriter(db));
  const queue = createSqliteQueue(db, { maxAttempts: options.maxAttempts ?? 8, now });
  const audit = createSqliteAudit(db, now);
  const proposals = createSqliteProposals(db);
  let closing: Promise<void> | null = null;

  return {
    ...proposals,
    async migrate() { return migrateSqlite(db, now()); },
    async recordDelivery(delivery) {
      assertDeliveryInput(delivery);
      if (closing) throw new Error('recordDelivery: the store is closed');
      return group.submit(delivery);
    },

    async claimJob(claim) { return queue.claim(claim); },
    async completeJob(jobId, workerId) { return queue.complete(jobId, workerId); },
    async failJob(jobId, workerId, failure) { return queue.fail(jobId, workerId, failure); },
    async extendLease(jobId, workerId, lease) { return queue.extend(jobId, workerId, lease.now, lease.leaseMs); },
    async releaseJobsOf(workerId) { return queue.release(workerId); },

    async listJobs({ state, limit }) { return queue.list(state, limit); },
    async getJob(jobId) { return queue.get(jobId); },
    async retryJob(jobId, at) { return queue.retry(jobId, at); },
    async queueDepth() { return queue.depth(); },
    async pruneDone(before) { return queue.prune(before); },

    async appendAudit(entry) { return audit.append(entry); },
    async listAudit(list) { return audit.list(list); },
    async lastDecision(helpdesk, accountId, ticketId) { return audit.lastDecision(helpdesk, accountId, ticketId); },

    async getSetting(key) { return audit.getSetting(key); },
    async putSetting(key, value) { audit.putSetting(key, value); },
    async putSettingIfAbsent(key, value) { return audit.putSettingIfAbsent(key, value); },

    async ping() { db.prepare('SELECT 1').get(); },
    metrics() { return { deliveryCommits: group.commits, deliveriesWritten: group.itemsWritten }; },
    close() {
      closing ??= group.flush().then(() => { db.close(); });
      return closing;
    },
  };
}
