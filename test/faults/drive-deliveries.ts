// The fault suite's stand-in for Zendesk's webhook sender (and, with plan-jira-deliveries.ts, Jira's): a planned list of signed deliveries
// (several events per ticket, duplicates with a new invocation id, deliberately bad ones), sent in a
// shuffled order with bounded concurrency; replays of already-sent bodies with a fresh signature
// timestamp go out at the end. Like Zendesk it retries 502/503 and dropped connections (scaled
// down: tens of milliseconds instead of seconds) and keeps what each delivery was finally answered.
import { randomUUID } from 'node:crypto';
import type { DeliveryTicket, ZendeskEventName } from '../helpers/sign-zendesk-event-delivery.js';
import { signedHeaders, zendeskEventBody } from '../helpers/sign-zendesk-event-delivery.js';

export type PlannedKind = 'first' | 'duplicate' | 'replay' | 'bad';

export interface PlannedDelivery {
  readonly kind: PlannedKind;
  readonly label: string;
  /** A Zendesk ticket id, or a Jira issue key. */
  readonly ticketId: number | string;
  readonly eventId: string;
  readonly invocationId: string;
  readonly body: string;
  /** Where it is posted; default `/webhooks/zendesk`. */
  readonly path?: string;
  /** Builds the headers of one attempt (a fresh signature timestamp per attempt, as for a replay). */
  readonly headers: () => Record<string, string>;
  /** For a bad delivery: the 4xx it must get. */
  readonly expectStatus?: number;
}

export interface DeliveryOutcome {
  readonly planned: PlannedDelivery;
  readonly status: number | null;
  readonly answer: string;
  readonly attempts: number;
  /** 502/503/network answers that were retried. */
  readonly retried: Readonly<Record<string, number>>;
}

export { seededRandom } from '../helpers/seeded-random.js';

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const EVENTS: readonly { type: ZendeskEventName; event: unknown }[] = [
  { type: 'ticket.created', event: {} },
  { type: 'ticket.comment_added', event: { comment: { id: 1, body: 'Aanvullende informatie volgt.', is_public: true, author: { id: 381001, is_staff: false, name: 'Klant' } } } },
  { type: 'ticket.status_changed', event: { current: 'OPEN', previous: 'NEW' } },
  { type: 'ticket.custom_field_changed', event: { custom_field: { id: '360001000003', title: 'Version' }, current: '10.2', previous: null } },
];

export interface PlanOptions {
  readonly secret: string;
  readonly tickets: readonly DeliveryTicket[];
  /** Ticket ids the helpdesk does not know (answers 404): their deliveries must end in the dead letters. */
  readonly missingTicketIds: readonly number[];
  readonly eventsPerTicket: number;
  readonly duplicateShare: number;
  readonly replayShare: number;
  readonly random: () => number;
}

export interface DeliveryPlan {
  /** Firsts, duplicates and bad deliveries, shuffled: events of one ticket arrive in any order. */
  readonly main: PlannedDelivery[];
  /** Bodies already sent, re-signed later with a fresh timestamp: duplicates by event id. */
  readonly replays: PlannedDelivery[];
}

export function planDeliveries(options: PlanOptions): DeliveryPlan {
  const { secret, random } = options;
  const signed = (kind: PlannedKind, label: string, ticketId: number | string, eventId: string, body: string, invocationId = randomUUID()): PlannedDelivery => ({
    kind, label, ticketId, eventId, body, invocationId, headers: () => signedHeaders(secret, body, { invocationId }),
  });
  const firsts: PlannedDelivery[] = [];
  const targets: DeliveryTicket[] = [...options.tickets, ...options.missingTicketIds.map((id) => ({ id, subject: 'Bestaat niet meer', description: 'Verwijderd ticket', requester_id: 381001 }))];
  for (const ticket of targets) {
    for (let e = 0; e < options.eventsPerTicket; e++) {
      const { type, event } = EVENTS[e % EVENTS.length]!;
      const eventId = randomUUID();
      const body = JSON.stringify(zendeskEventBody(ticket, { eventType: type, event, eventId }));
      firsts.push(signed('first', type, Number(ticket.id), eventId, body));
    }
  }
  const pick = (share: number) => firsts.filter(() => random() < share);
  const duplicates = pick(options.duplicateShare).map((d) => signed('duplicate', d.label, d.ticketId, d.eventId, d.body));
  const replays = pick(options.replayShare).map((d) => signed('replay', d.label, d.ticketId, d.eventId, d.body));
  return { main: shuffle([...firsts, ...duplicates, ...badDeliveries(secret)], random), replays: shuffle(replays, random) };
}

/** Deliveries the intake must refuse before anything is stored, with the status each must get. */
/** The ticket id every bad delivery names: nothing for it may reach the store. */
export const BAD_TICKET_ID = 999_999_001;

function badDeliveries(secret: string): PlannedDelivery[] {
  const ticket = { id: BAD_TICKET_ID, subject: 'x', requester_id: 381001 };
  const body = () => JSON.stringify(zendeskEventBody(ticket, { eventId: randomUUID() }));
  const bad = (label: string, expectStatus: number, make: () => { body: string; headers: Record<string, string> }): PlannedDelivery => {
    const { body: text, headers } = make();
    return { kind: 'bad', label, ticketId: ticket.id, eventId: '', invocationId: headers['x-zendesk-webhook-invocation-id'] ?? '', body: text, headers: () => headers, expectStatus };
  };
  const list: PlannedDelivery[] = [];
  for (let i = 0; i < 4; i++) {
    list.push(
      bad('signed with another secret', 401, () => { const b = body(); return { body: b, headers: signedHeaders('not-the-secret', b) }; }),
      bad('signature timestamp an hour old', 401, () => { const b = body(); return { body: b, headers: signedHeaders(secret, b, { at: Date.now() - 3_600_000 }) }; }),
      bad('body changed after signing', 401, () => { const b = body(); return { body: b.replace('"x"', '"y"'), headers: signedHeaders(secret, b) }; }),
      bad('signed, but not JSON', 400, () => { const b = '{"id": "truncated'; return { body: b, headers: signedHeaders(secret, b) }; }),
      bad('signed JSON without a ticket', 422, () => { const b = JSON.stringify({ id: randomUUID(), type: 'zen:event-type:ticket.created', time: new Date().toISOString(), detail: {} }); return { body: b, headers: signedHeaders(secret, b) }; }),
      bad('text/plain content type', 415, () => { const b = body(); return { body: b, headers: { ...signedHeaders(secret, b), 'content-type': 'text/plain' } }; }),
      bad('no signature headers', 400, () => ({ body: body(), headers: { 'content-type': 'application/json' } })),
    );
  }
  return list;
}

export interface Driver {
  /** Deliveries finished (answered for good, or given up). */
  readonly finished: number;
  readonly total: number;
  readonly outcomes: readonly DeliveryOutcome[];
  readonly done: Promise<void>;
}

export interface DriveOptions {
  readonly url: () => string;
  readonly deliveries: readonly PlannedDelivery[];
  readonly concurrency: number;
  /** Starts per second at most, so that the faults happen while deliveries are still arriving. */
  readonly perSecond: number;
  /** Give up on one delivery after this long (Zendesk gives up after about a day; here: a minute). */
  readonly giveUpMs?: number;
}

const RETRYABLE = new Set([502, 503, 504]);

export function driveDeliveries(options: DriveOptions): Driver {
  const outcomes: DeliveryOutcome[] = [];
  const queue = [...options.deliveries];
  const started = Date.now();
  let begun = 0;
  const state = { finished: 0 };

  async function send(planned: PlannedDelivery): Promise<void> {
    const retried: Record<string, number> = {};
    const giveUpAt = Date.now() + (options.giveUpMs ?? 60_000);
    for (let attempt = 1; ; attempt++) {
      let status: number | null = null;
      let answer = '';
      try {
        const response = await fetch(`${options.url()}${planned.path ?? '/webhooks/zendesk'}`, { method: 'POST', headers: planned.headers(), body: planned.body, signal: AbortSignal.timeout(15_000) });
        status = response.status;
        answer = await response.text();
      } catch (error) {
        answer = error instanceof Error ? error.message : String(error);
      }
      const retryable = status === null || RETRYABLE.has(status);
      if (!retryable || Date.now() >= giveUpAt) {
        outcomes.push({ planned, status, answer, attempts: attempt, retried });
        return;
      }
      const key = status === null ? 'network' : String(status);
      retried[key] = (retried[key] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 25 * 2 ** Math.min(attempt, 6))));
    }
  }

  async function worker(): Promise<void> {
    for (;;) {
      const planned = queue.shift();
      if (!planned) return;
      // Pacing the starts, not a wait for correctness: it keeps deliveries arriving during the faults.
      const due = started + (begun++ * 1000) / options.perSecond;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      await send(planned);
      state.finished++;
    }
  }

  const done = Promise.all(Array.from({ length: options.concurrency }, worker)).then(() => undefined);
  return {
    get finished() { return state.finished; },
    total: options.deliveries.length,
    outcomes,
    done,
  };
}
