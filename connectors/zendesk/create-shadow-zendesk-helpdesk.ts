// Shadow mode: without Zendesk credentials InScope triages from what the deliveries themselves carry
// and writes nothing; every decision still goes into the audit log with the change it would make.
import type { HelpdeskPort, TicketState } from '../core/helpdesk-port.js';
import { HelpdeskError } from '../shared/helpdesk-error.js';
import type { ZendeskDelivery, ZendeskTicketSnapshot } from './webhook/zendesk-delivery.js';
import { zendeskTicketToWorkItem } from './to-domain.js';
import { logicalCategory, logicalStatus, type ZendeskMapping } from './zendesk-mapping.js';

/** Later deliveries carry newer values: merge the snapshots (stored as parsed deliveries) in arrival order. */
function mergeSnapshots(payloads: readonly string[]): ZendeskTicketSnapshot {
  let merged: ZendeskTicketSnapshot = {};
  for (const payload of payloads) {
    const delivery = JSON.parse(payload) as ZendeskDelivery;
    if (!delivery.ticket) continue;
    // A custom_field_changed delivery carries only the field that changed: merge fields by id.
    const fields = new Map((merged.customFields ?? []).map((f) => [String(f.id), f]));
    for (const f of delivery.ticket.customFields ?? []) fields.set(String(f.id), f);
    merged = { ...merged, ...delivery.ticket, customFields: [...fields.values()] };
  }
  return merged;
}

export function createShadowZendeskHelpdesk(mapping: ZendeskMapping): HelpdeskPort {
  return {
    kind: 'zendesk',
    live: false,
    async load(ticketId, deliveries): Promise<TicketState> {
      const snapshot = mergeSnapshots(deliveries.map((d) => d.payload));
      if (snapshot.subject === undefined && snapshot.description === undefined) {
        throw new HelpdeskError('validation', `shadow mode: the deliveries for ticket ${ticketId} carry no subject or description to triage`);
      }
      const item = zendeskTicketToWorkItem(
        {
          id: Number(ticketId),
          subject: snapshot.subject ?? '',
          description: snapshot.description ?? '',
          created_at: snapshot.createdAt ?? '',
          tags: [...(snapshot.tags ?? [])],
          ...(snapshot.organizationId !== undefined && { organization_id: Number(snapshot.organizationId) }),
          ...(snapshot.priority !== undefined && { priority: snapshot.priority }),
          ...(snapshot.via !== undefined && { via: { channel: snapshot.via } }),
          custom_fields: (snapshot.customFields ?? []).map((f) => ({ id: Number(f.id), value: f.value })),
        } as never,
        { fields: mapping.fields },
      );
      const category = snapshot.customFields?.find((f) => String(f.id) === String(mapping.categoryField))?.value;
      return {
        item,
        category: logicalCategory(category, mapping),
        status: logicalStatus(snapshot.customStatusId, mapping),
        tags: snapshot.tags ?? [],
        version: snapshot.updatedAt ?? null,
      };
    },
    async apply() {
      // Shadow mode writes nothing; the worker records the planned change in the audit log.
    },
  };
}
