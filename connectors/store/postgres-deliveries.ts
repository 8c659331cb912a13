// Writes a batch of webhook deliveries in one PostgreSQL transaction: dedupe by the UNIQUE
// constraints, then enqueue the ticket's job or coalesce into its queued one (an upsert on the
// partial unique index). Another instance writing the same ticket waits on the index entry or the
// job row, never duplicates it.
import type pg from 'pg';
import { withTransaction } from './postgres-transaction.js';
import type { Queryable } from './postgres-transaction.js';
import type { DeliveryInput, DeliveryResult } from './store.js';

const insertDelivery = `
  INSERT INTO deliveries (helpdesk, account_id, delivery_id, event_id, event_type, ticket_id, received_at, payload)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT DO NOTHING
  RETURNING id`;
const findDuplicate = `
  SELECT job_id FROM deliveries
  WHERE helpdesk = $1 AND account_id = $2 AND (delivery_id = $3 OR event_id = $4)
  ORDER BY id LIMIT 1`;
const upsertQueuedJob = `
  INSERT INTO jobs (helpdesk, account_id, ticket_id, state, attempts, run_after, created_at, updated_at)
  VALUES ($1, $2, $3, 'queued', 0, $4, $4, $4)
  ON CONFLICT (helpdesk, account_id, ticket_id) WHERE state = 'queued'
  DO UPDATE SET updated_at = excluded.updated_at
  RETURNING id`;
const attach = 'UPDATE deliveries SET job_id = $1 WHERE id = $2';

async function writeOne(client: Queryable, d: DeliveryInput): Promise<DeliveryResult> {
  const inserted = await client.query<{ id: number }>(insertDelivery,
    [d.helpdesk, d.accountId, d.deliveryId, d.eventId, d.eventType, d.ticketId, d.receivedAt, d.payload]);
  const deliveryRow = inserted.rows[0];
  if (!deliveryRow) {
    const first = (await client.query<{ job_id: number | null }>(findDuplicate, [d.helpdesk, d.accountId, d.deliveryId, d.eventId])).rows[0];
    return first?.job_id == null ? { status: 'duplicate' } : { status: 'duplicate', jobId: first.job_id };
  }
  const job = (await client.query<{ id: number }>(upsertQueuedJob, [d.helpdesk, d.accountId, d.ticketId, d.receivedAt])).rows[0];
  if (!job) throw new Error('recordDelivery: the job upsert returned no row');
  await client.query(attach, [job.id, deliveryRow.id]);
  return { status: 'accepted', jobId: job.id };
}

export function createPostgresDeliveryWriter(pool: pg.Pool): (batch: readonly DeliveryInput[]) => Promise<DeliveryResult[]> {
  return (batch) => withTransaction(pool, async (client) => {
    // Writing tickets in one global order keeps two instances' batches from locking the same job
    // rows in opposite orders; a stable sort keeps each ticket's deliveries in arrival order.
    const order = batch.map((_, index) => index).sort((a, b) => compareTickets(batch[a] as DeliveryInput, batch[b] as DeliveryInput));
    const results: DeliveryResult[] = new Array<DeliveryResult>(batch.length);
    for (const index of order) results[index] = await writeOne(client, batch[index] as DeliveryInput);
    return results;
  });
}

function compareTickets(a: DeliveryInput, b: DeliveryInput): number {
  const ka = `${a.helpdesk}\u0000${a.accountId}\u0000${a.ticketId}`;
  const kb = `${b.helpdesk}\u0000${b.accountId}\u0000${b.ticketId}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
