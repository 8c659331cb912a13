// Row shapes as SQLite returns them (snake_case, JSON as TEXT) and their mappers to the Store types.
import type { AuditEntry, HelpdeskKind, Job, JobDelivery, JobState } from './store.js';

export interface JobRow {
  id: number;
  helpdesk: HelpdeskKind;
  account_id: string;
  ticket_id: string;
  state: JobState;
  attempts: number;
  run_after: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface DeliveryRow {
  delivery_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  received_at: number;
}

export interface AuditRow {
  id: number;
  helpdesk: HelpdeskKind;
  account_id: string;
  ticket_id: string;
  job_id: number | null;
  event_ids: string;
  kind: AuditEntry['kind'];
  outcome: string | null;
  rule: string | null;
  config_hash: string;
  verdict: string;
  fingerprint: string | null;
  calls: string;
  at: number;
  actor: string | null;
  note: string | null;
}

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    helpdesk: row.helpdesk,
    accountId: row.account_id,
    ticketId: row.ticket_id,
    state: row.state,
    attempts: row.attempts,
    runAfter: row.run_after,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toJobDelivery(row: DeliveryRow): JobDelivery {
  return {
    deliveryId: row.delivery_id,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: row.payload,
    receivedAt: row.received_at,
  };
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    helpdesk: row.helpdesk,
    accountId: row.account_id,
    ticketId: row.ticket_id,
    jobId: row.job_id,
    eventIds: JSON.parse(row.event_ids) as string[],
    kind: row.kind,
    outcome: row.outcome,
    rule: row.rule,
    configHash: row.config_hash,
    verdict: JSON.parse(row.verdict) as unknown,
    fingerprint: row.fingerprint,
    calls: JSON.parse(row.calls) as AuditEntry['calls'],
    at: row.at,
    actor: row.actor,
    note: row.note,
  };
}
