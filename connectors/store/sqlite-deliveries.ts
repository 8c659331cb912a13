// Writes a batch of webhook deliveries in one SQLite transaction: dedupe by the UNIQUE constraints,
// then enqueue the ticket's job or coalesce into its queued one (an upsert on the partial unique index).
import type Database from 'better-sqlite3';
import type { DeliveryInput, DeliveryResult } from './store.js';

const helpdesks = new Set(['zendesk', 'jira']);

/** Rejects a malformed delivery on its own, before it can fail the batch it would join. */
export function assertDeliveryInput(d: DeliveryInput): void {
  if (!helpdesks.has(d.helpdesk)) throw new TypeError(`recordDelivery: unknown helpdesk ${JSON.stringify(d.helpdesk)}`);
  for (const key of ['accountId', 'deliveryId', 'eventId', 'eventType', 'ticketId'] as const) {
    if (typeof d[key] !== 'string' || d[key].length === 0) throw new TypeError(`recordDelivery: ${key} must be a non-empty string`);
  }
  if (!Number.isSafeInteger(d.receivedAt)) throw new TypeError('recordDelivery: receivedAt must be epoch milliseconds');
  if (typeof d.payload !== 'string') throw new TypeError('recordDelivery: payload must be the raw JSON text');
}

export function createDeliveryWriter(db: Database.Database): (batch: readonly DeliveryInput[]) => DeliveryResult[] {
  const insertDelivery = db.prepare<[string, string, string, string, string, string, number, string], { id: number }>(`
    INSERT INTO deliveries (helpdesk, account_id, delivery_id, event_id, event_type, ticket_id, received_at, payload)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO NOTHING
    RETURNING id`);
  const findDuplicate = db.prepare<[string, string, string, string], { job_id: number | null }>(`
    SELECT job_id FROM deliveries
    WHERE helpdesk = ? AND account_id = ? AND (delivery_id = ? OR event_id = ?)
    ORDER BY id LIMIT 1`);
  const upsertQueuedJob = db.prepare<[string, string, string, number, number, number], { id: number }>(`
    INSERT INTO jobs (helpdesk, account_id, ticket_id, state, attempts, run_after, created_at, updated_at)
    VALUES (?, ?, ?, 'queued', 0, ?, ?, ?)
    ON CONFLICT (helpdesk, account_id, ticket_id) WHERE state = 'queued'
    DO UPDATE SET updated_at = excluded.updated_at
    RETURNING id`);
  const attach = db.prepare<[number, number]>('UPDATE deliveries SET job_id = ? WHERE id = ?');

  const writeOne = (d: DeliveryInput): DeliveryResult => {
    const inserted = insertDelivery.get(d.helpdesk, d.accountId, d.deliveryId, d.eventId, d.eventType, d.ticketId, d.receivedAt, d.payload);
    if (!inserted) {
      const first = findDuplicate.get(d.helpdesk, d.accountId, d.deliveryId, d.eventId);
      return first?.job_id == null ? { status: 'duplicate' } : { status: 'duplicate', jobId: first.job_id };
    }
    const job = upsertQueuedJob.get(d.helpdesk, d.accountId, d.ticketId, d.receivedAt, d.receivedAt, d.receivedAt);
    if (!job) throw new Error('recordDelivery: the job upsert returned no row');
    attach.run(job.id, inserted.id);
    return { status: 'accepted', jobId: job.id };
  };

  const writeBatch = db.transaction((batch: readonly DeliveryInput[]) => batch.map(writeOne));
  return (batch) => writeBatch.immediate(batch);
}
