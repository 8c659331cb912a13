// Builds a signed Zendesk event-subscription delivery (`zen:event-type:ticket.created` …) for a
// ticket: the JSON body Zendesk would send and the headers, signed as Zendesk signs them
// (base64 HMAC-SHA256(secret, timestamp + body), see verify-zendesk-signature.ts). Tests and benches
// post it to `/webhooks/zendesk`.
import { randomUUID } from 'node:crypto';
import { signZendeskDelivery } from '../../connectors/zendesk/webhook/verify-zendesk-signature.js';

export type ZendeskEventName = 'ticket.created' | 'ticket.status_changed' | 'ticket.custom_field_changed' | 'ticket.comment_added';

/** The ticket as the API returns it (numbers for ids); only what an event's `detail` carries is read. */
export interface DeliveryTicket {
  readonly id: number | string;
  readonly subject?: string | null;
  readonly description?: string | null;
  readonly status?: string;
  readonly custom_status_id?: number | null;
  readonly priority?: string | null;
  readonly type?: string | null;
  readonly tags?: readonly string[];
  readonly organization_id?: number | string | null;
  readonly requester_id?: number | string;
  readonly created_at?: string;
  readonly updated_at?: string;
  readonly via?: { readonly channel?: string };
}

export interface SignedDeliveryOptions {
  readonly secret: string;
  readonly eventType?: ZendeskEventName;
  /** The event's `event` object (e.g. `{ current: 'OPEN', previous: 'NEW' }`); default `{}`. */
  readonly event?: unknown;
  /** `x-zendesk-webhook-invocation-id`; default a fresh random id. */
  readonly invocationId?: string;
  /** The body's `id`; default a fresh UUID. */
  readonly eventId?: string;
  readonly accountId?: number;
  /** Epoch ms of the signature timestamp and the event time; default now. */
  readonly at?: number;
}

export interface SignedDelivery {
  readonly headers: Record<string, string>;
  /** Exactly the bytes that were signed. */
  readonly body: string;
}

const asId = (value: number | string | null | undefined): string | null => (value === null || value === undefined ? null : String(value));

/** Zendesk's event `detail`: ids as strings, status and priority in upper case. */
export function zendeskEventBody(ticket: DeliveryTicket, options: Omit<SignedDeliveryOptions, 'secret' | 'invocationId'> = {}): Record<string, unknown> {
  const at = new Date(options.at ?? Date.now()).toISOString();
  const accountId = options.accountId ?? 21234567;
  return {
    account_id: accountId,
    detail: {
      actor_id: asId(ticket.requester_id),
      assignee_id: null,
      created_at: ticket.created_at ?? at,
      custom_status: asId(ticket.custom_status_id),
      description: ticket.description ?? '',
      id: String(ticket.id),
      organization_id: asId(ticket.organization_id),
      priority: (ticket.priority ?? 'normal').toUpperCase(),
      requester_id: asId(ticket.requester_id),
      status: (ticket.status ?? 'new').toUpperCase(),
      subject: ticket.subject ?? '',
      tags: [...(ticket.tags ?? [])],
      type: ticket.type ? ticket.type.toUpperCase() : null,
      updated_at: ticket.updated_at ?? at,
      via: { channel: ticket.via?.channel ?? 'web' },
    },
    event: options.event ?? {},
    id: options.eventId ?? randomUUID(),
    subject: `zen:ticket:${ticket.id}`,
    time: at,
    type: `zen:event-type:${options.eventType ?? 'ticket.created'}`,
    zendesk_event_version: '2022-11-06',
  };
}

/** Signs any body as Zendesk would; the timestamp is ISO 8601 without milliseconds, as Zendesk sends it. */
export function signedHeaders(secret: string, body: string, options: { readonly invocationId?: string; readonly accountId?: number; readonly at?: number } = {}): Record<string, string> {
  const timestamp = new Date(options.at ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'content-type': 'application/json',
    'x-zendesk-account-id': String(options.accountId ?? 21234567),
    'x-zendesk-webhook-id': '01F1KRFQ6BG29CNWFR60NK5FNY',
    'x-zendesk-webhook-invocation-id': options.invocationId ?? String(Math.floor(Math.random() * 1e12)),
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-signature': signZendeskDelivery(secret, timestamp, body),
  };
}

export function signZendeskEventDelivery(ticket: DeliveryTicket, options: SignedDeliveryOptions): SignedDelivery {
  const body = JSON.stringify(zendeskEventBody(ticket, options));
  return {
    body,
    headers: signedHeaders(options.secret, body, {
      ...(options.invocationId !== undefined && { invocationId: options.invocationId }),
      ...(options.accountId !== undefined && { accountId: options.accountId }),
      ...(options.at !== undefined && { at: options.at }),
    }),
  };
}

/** Posts a delivery to a running service's intake and returns the status and parsed answer. */
export async function postDelivery(baseUrl: string, delivery: SignedDelivery): Promise<{ readonly status: number; readonly json: unknown }> {
  const response = await fetch(`${baseUrl}/webhooks/zendesk`, { method: 'POST', headers: delivery.headers, body: delivery.body });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Kept as text: the caller's assertion shows what came back.
  }
  return { status: response.status, json };
}
