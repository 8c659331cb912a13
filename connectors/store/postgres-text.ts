// PostgreSQL TEXT cannot hold the NUL character (U+0000), which SQLite stores as is. A JSON string may
// carry one as the escape \u0000, so parsed ids, error messages and notes can contain it; one such
// value would fail the whole group-commit batch it joins. The PostgreSQL store replaces it with
// U+FFFD on the way in, the same way everywhere, so dedupe keys stay consistent.
import type { AuditInput, DeliveryInput } from './store.js';

export function toPostgresText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

const optional = (text: string | undefined): string | undefined => (text === undefined ? undefined : toPostgresText(text));

export function toPostgresDelivery(d: DeliveryInput): DeliveryInput {
  return {
    helpdesk: d.helpdesk,
    accountId: toPostgresText(d.accountId),
    deliveryId: toPostgresText(d.deliveryId),
    eventId: toPostgresText(d.eventId),
    eventType: toPostgresText(d.eventType),
    ticketId: toPostgresText(d.ticketId),
    receivedAt: d.receivedAt,
    payload: toPostgresText(d.payload),
  };
}

export function toPostgresAudit(entry: AuditInput): AuditInput {
  const strings = {
    outcome: optional(entry.outcome),
    rule: optional(entry.rule),
    fingerprint: optional(entry.fingerprint),
    actor: optional(entry.actor),
    note: optional(entry.note),
  };
  return {
    ...entry,
    accountId: toPostgresText(entry.accountId),
    ticketId: toPostgresText(entry.ticketId),
    eventIds: entry.eventIds.map(toPostgresText),
    configHash: toPostgresText(entry.configHash),
    ...Object.fromEntries(Object.entries(strings).filter(([, value]) => value !== undefined)),
  };
}
