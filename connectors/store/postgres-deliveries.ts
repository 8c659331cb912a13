// Writes a batch of webhook deliveries in one PostgreSQL transaction with four set-based statements
// (a round trip per batch, not per delivery): insert the deliveries in arrival order, skipping any
// that a UNIQUE constraint says were seen before (also earlier in the same batch); enqueue each
// ticket's job or coalesce into its queued one (an upsert on the partial unique index); attach the
// deliveries to their jobs; and look up the first copy's job for every duplicate. Another instance
// writing the same ticket waits on the index entry or the job row, never duplicates it.
import type pg from 'pg';
import { withTransaction } from './postgres-transaction.js';
import type { Queryable } from './postgres-transaction.js';
import type { DeliveryInput, DeliveryResult } from './store.js';

// INSERT … SELECT … ORDER BY assigns the identity ids in arrival order, and ON CONFLICT DO NOTHING
// also skips a row that conflicts with one inserted earlier by this same statement.
const insertDeliveries = `
  INSERT INTO deliveries (helpdesk, account_id, delivery_id, event_id, event_type, ticket_id, received_at, payload)
  SELECT helpdesk, account_id, delivery_id, event_id, event_type, ticket_id, received_at, payload
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[])
    WITH ORDINALITY AS d (helpdesk, account_id, delivery_id, event_id, event_type, ticket_id, received_at, payload, n)
  ORDER BY n
  ON CONFLICT DO NOTHING
  RETURNING id, helpdesk, account_id, delivery_id, event_id`;
// One row per ticket (DO UPDATE may touch a row only once per statement), in ticket order so that two
// instances lock job rows in the same order; a new job runs from its first delivery's arrival.
const upsertQueuedJobs = `
  INSERT INTO jobs (helpdesk, account_id, ticket_id, state, attempts, run_after, created_at, updated_at)
  SELECT helpdesk, account_id, ticket_id, 'queued', 0, first_at, first_at, last_at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[]) AS t (helpdesk, account_id, ticket_id, first_at, last_at)
  ORDER BY helpdesk, account_id, ticket_id
  ON CONFLICT (helpdesk, account_id, ticket_id) WHERE state = 'queued'
  DO UPDATE SET updated_at = excluded.updated_at
  RETURNING id, helpdesk, account_id, ticket_id`;
const attach = `
  UPDATE deliveries d SET job_id = m.job_id
  FROM unnest($1::bigint[], $2::bigint[]) AS m (id, job_id)
  WHERE d.id = m.id`;
const firstCopies = `
  SELECT DISTINCT ON (k.n) k.n, d.job_id
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS k (helpdesk, account_id, delivery_id, event_id, n)
  JOIN deliveries d ON d.helpdesk = k.helpdesk AND d.account_id = k.account_id
    AND (d.delivery_id = k.delivery_id OR d.event_id = k.event_id)
  ORDER BY k.n, d.id`;

const key = (...parts: string[]): string => parts.join('\u0000');

async function writeBatch(client: Queryable, batch: readonly DeliveryInput[]): Promise<DeliveryResult[]> {
  const column = <K extends keyof DeliveryInput>(name: K, items: readonly DeliveryInput[] = batch) => items.map((d) => d[name]);
  const inserted = (await client.query<{ id: number; helpdesk: string; account_id: string; delivery_id: string; event_id: string }>(insertDeliveries, [
    column('helpdesk'), column('accountId'), column('deliveryId'), column('eventId'), column('eventType'), column('ticketId'),
    column('receivedAt'), column('payload'),
  ])).rows;
  const rowIds = new Map(inserted.map((row) => [key(row.helpdesk, row.account_id, row.delivery_id, row.event_id), row.id]));
  const rowIdOf = (d: DeliveryInput): number | undefined => rowIds.get(key(d.helpdesk, d.accountId, d.deliveryId, d.eventId));
  // Identical copies within the batch: only the first was inserted, the later ones are duplicates.
  const claimed = new Set<number>();
  const isNew = batch.map((d) => {
    const id = rowIdOf(d);
    if (id === undefined || claimed.has(id)) return false;
    claimed.add(id);
    return true;
  });

  const tickets = new Map<string, { d: DeliveryInput; firstAt: number; lastAt: number }>();
  batch.forEach((d, i) => {
    if (!isNew[i]) return;
    const ticket = tickets.get(key(d.helpdesk, d.accountId, d.ticketId));
    if (ticket) ticket.lastAt = d.receivedAt;
    else tickets.set(key(d.helpdesk, d.accountId, d.ticketId), { d, firstAt: d.receivedAt, lastAt: d.receivedAt });
  });
  const jobIds = new Map<string, number>();
  if (tickets.size > 0) {
    const rows = [...tickets.values()];
    const jobs = (await client.query<{ id: number; helpdesk: string; account_id: string; ticket_id: string }>(upsertQueuedJobs, [
      rows.map((t) => t.d.helpdesk), rows.map((t) => t.d.accountId), rows.map((t) => t.d.ticketId),
      rows.map((t) => t.firstAt), rows.map((t) => t.lastAt),
    ])).rows;
    for (const job of jobs) jobIds.set(key(job.helpdesk, job.account_id, job.ticket_id), job.id);
  }
  const jobOf = (d: DeliveryInput): number => {
    const id = jobIds.get(key(d.helpdesk, d.accountId, d.ticketId));
    if (id === undefined) throw new Error('recordDelivery: the job upsert returned no row');
    return id;
  };
  const news = batch.filter((_, i) => isNew[i]);
  if (news.length > 0) await client.query(attach, [news.map((d) => rowIdOf(d)), news.map(jobOf)]);

  const duplicates = batch.filter((_, i) => !isNew[i]);
  const firstJobs = new Map<number, number | null>();
  if (duplicates.length > 0) {
    const rows = (await client.query<{ n: number; job_id: number | null }>(firstCopies, [
      column('helpdesk', duplicates), column('accountId', duplicates), column('deliveryId', duplicates), column('eventId', duplicates),
    ])).rows;
    for (const row of rows) firstJobs.set(row.n - 1, row.job_id);
  }
  let duplicateIndex = 0;
  return batch.map((d, i) => {
    if (isNew[i]) return { status: 'accepted', jobId: jobOf(d) };
    const jobId = firstJobs.get(duplicateIndex++) ?? null;
    return jobId === null ? { status: 'duplicate' } : { status: 'duplicate', jobId };
  });
}

export function createPostgresDeliveryWriter(pool: pg.Pool): (batch: readonly DeliveryInput[]) => Promise<DeliveryResult[]> {
  return (batch) => withTransaction(pool, (client) => writeBatch(client, batch));
}
