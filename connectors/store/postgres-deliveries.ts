// Writes a batch of webhook deliveries to PostgreSQL in one round trip: one call of a PL/pgSQL
// function (created by migratePostgres, see recordDeliveriesRoutine) that runs the batch's statements
// on the server. A single statement is its own transaction, so there is no BEGIN or COMMIT to send:
// one write to the socket per batch instead of five (BEGIN, three statements, COMMIT). That fixed
// cost per commit is what several instances on one schema pay more often, each with smaller batches.
//
// The function: insert the deliveries in arrival order, skipping any that a UNIQUE constraint says
// were seen before (also earlier in the same batch); enqueue each ticket's job or coalesce into its
// queued one (an upsert on the partial unique index, in ticket order so that two instances lock job
// rows in the same order) and attach the new deliveries to it; then answer one row per delivery, a
// duplicate with the job of its first copy. Another instance writing the same ticket waits on the
// index entry or the job row, never duplicates it.
import type pg from 'pg';
import { isRetryable } from './postgres-transaction.js';
import type { DeliveryInput, DeliveryResult } from './store.js';

/** Versioned name: a rolling upgrade that changes the body adds _v2 and leaves _v1 to the old instances. */
export const RECORD_DELIVERIES = 'inscope_record_deliveries_v1';

// Statements in a VOLATILE function see the effects of the statements before them, which is why the
// UPDATE of the second statement finds the rows the first inserted (one statement of data-modifying
// CTEs could not). INSERT … SELECT … ORDER BY assigns the identity ids in arrival order, and ON
// CONFLICT DO NOTHING also skips a row that conflicts with one inserted earlier by the same statement.
export const recordDeliveriesRoutine = `
CREATE OR REPLACE FUNCTION ${RECORD_DELIVERIES}(
  p_helpdesk text[], p_account text[], p_delivery text[], p_event text[], p_type text[], p_ticket text[],
  p_received bigint[], p_payload text[])
RETURNS TABLE (n bigint, accepted boolean, job bigint)
LANGUAGE plpgsql VOLATILE AS $fn$
#variable_conflict use_column
DECLARE
  -- The input positions (1-based) of the new deliveries, their row ids and their jobs.
  new_n bigint[];
  new_id bigint[];
  new_job bigint[];
BEGIN
  -- A new delivery is the first input with the key of an inserted row; later identical copies are duplicates.
  WITH ins AS (
    INSERT INTO deliveries (helpdesk, account_id, delivery_id, event_id, event_type, ticket_id, received_at, payload)
    SELECT d.helpdesk, d.account_id, d.delivery_id, d.event_id, d.event_type, d.ticket_id, d.received_at, d.payload
    FROM unnest(p_helpdesk, p_account, p_delivery, p_event, p_type, p_ticket, p_received, p_payload)
      WITH ORDINALITY AS d (helpdesk, account_id, delivery_id, event_id, event_type, ticket_id, received_at, payload, n)
    ORDER BY d.n
    ON CONFLICT DO NOTHING
    RETURNING id, helpdesk, account_id, delivery_id, event_id
  ), firsts AS (
    SELECT DISTINCT ON (i.id) i.id, k.n
    FROM ins i
    JOIN unnest(p_helpdesk, p_account, p_delivery, p_event) WITH ORDINALITY AS k (helpdesk, account_id, delivery_id, event_id, n)
      ON k.helpdesk = i.helpdesk AND k.account_id = i.account_id AND k.delivery_id = i.delivery_id AND k.event_id = i.event_id
    ORDER BY i.id, k.n
  )
  SELECT coalesce(array_agg(f.n ORDER BY f.n), '{}'), coalesce(array_agg(f.id ORDER BY f.n), '{}') INTO new_n, new_id FROM firsts f;

  -- One job per ticket (DO UPDATE may touch a row only once per statement); a new job runs from its
  -- first delivery's arrival, a coalescing one records the last.
  IF cardinality(new_n) > 0 THEN
    WITH news AS (
      SELECT m.n, m.id, p_helpdesk[m.n] AS helpdesk, p_account[m.n] AS account_id, p_ticket[m.n] AS ticket_id, p_received[m.n] AS received_at
      FROM unnest(new_n, new_id) AS m (n, id)
    ), tickets AS (
      SELECT helpdesk, account_id, ticket_id,
        (array_agg(received_at ORDER BY n))[1] AS first_at, (array_agg(received_at ORDER BY n DESC))[1] AS last_at
      FROM news GROUP BY helpdesk, account_id, ticket_id
    ), upserted AS (
      INSERT INTO jobs (helpdesk, account_id, ticket_id, state, attempts, run_after, created_at, updated_at)
      SELECT helpdesk, account_id, ticket_id, 'queued', 0, first_at, first_at, last_at
      FROM tickets ORDER BY helpdesk, account_id, ticket_id
      ON CONFLICT (helpdesk, account_id, ticket_id) WHERE state = 'queued'
      DO UPDATE SET updated_at = excluded.updated_at
      RETURNING id, helpdesk, account_id, ticket_id
    ), attached AS (
      UPDATE deliveries d SET job_id = u.id
      FROM news w JOIN upserted u ON u.helpdesk = w.helpdesk AND u.account_id = w.account_id AND u.ticket_id = w.ticket_id
      WHERE d.id = w.id
      RETURNING w.n, u.id AS job
    )
    SELECT array_agg(a.job ORDER BY a.n) INTO new_job FROM attached a;
    IF coalesce(cardinality(new_job), 0) <> cardinality(new_n) THEN
      RAISE EXCEPTION '${RECORD_DELIVERIES}: the job upsert returned no row for a ticket';
    END IF;
  END IF;

  RETURN QUERY
    SELECT m.n, true, m.job FROM unnest(new_n, new_job) AS m (n, job)
    UNION ALL
    (SELECT DISTINCT ON (k.n) k.n, false, d.job_id
     FROM unnest(p_helpdesk, p_account, p_delivery, p_event) WITH ORDINALITY AS k (helpdesk, account_id, delivery_id, event_id, n)
     LEFT JOIN deliveries d ON d.helpdesk = k.helpdesk AND d.account_id = k.account_id
       AND (d.delivery_id = k.delivery_id OR d.event_id = k.event_id)
     WHERE NOT (k.n = ANY (new_n))
     ORDER BY k.n, d.id)
    ORDER BY 1;
END
$fn$`;

// Named, so each pooled connection parses and plans the call once.
const call = {
  name: RECORD_DELIVERIES,
  text: `SELECT n, accepted, job FROM ${RECORD_DELIVERIES}($1, $2, $3, $4, $5, $6, $7, $8)`,
};

async function writeBatch(pool: pg.Pool, batch: readonly DeliveryInput[], attempts: number): Promise<DeliveryResult[]> {
  const column = <K extends keyof DeliveryInput>(name: K) => batch.map((d) => d[name]);
  const values = [
    column('helpdesk'), column('accountId'), column('deliveryId'), column('eventId'), column('eventType'), column('ticketId'),
    column('receivedAt'), column('payload'),
  ];
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { rows } = await pool.query<{ n: number; accepted: boolean; job: number | null }>({ ...call, values });
      if (rows.length !== batch.length) throw new Error(`${RECORD_DELIVERIES} answered ${rows.length} rows for ${batch.length} deliveries`);
      return rows.map((row): DeliveryResult => {
        if (row.accepted) return { status: 'accepted', jobId: row.job as number };
        return row.job === null ? { status: 'duplicate' } : { status: 'duplicate', jobId: row.job };
      });
    } catch (error) {
      // The statement was its own transaction: a deadlock or a unique violation from a concurrent
      // instance rolled all of it back, so running it again is safe (see postgres-transaction.ts).
      if (attempt >= attempts || !isRetryable(error)) throw error;
    }
  }
}

export function createPostgresDeliveryWriter(pool: pg.Pool, attempts = 5): (batch: readonly DeliveryInput[]) => Promise<DeliveryResult[]> {
  return (batch) => writeBatch(pool, batch, attempts);
}
