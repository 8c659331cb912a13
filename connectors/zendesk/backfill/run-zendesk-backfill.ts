// `inscope zendesk backfill`: walks the cursor-based incremental ticket export from a start time and,
// for every ticket that is still open, either triages it locally and prints the verdict (dry run)
// or queues it for the service's workers as a synthetic delivery. The export can return a ticket
// more than once (each time it changed); the last copy counts. Pacing (10 export pages per minute)
// is the client's job.
import type { Engine, WorkItem } from '../../../rules/index.js';
import type { Progress } from '../../shared/progress.js';
import type { Store } from '../../store/store.js';
import type { ZendeskClient } from '../client/create-zendesk-client.js';
import type { ZendeskOrganization, ZendeskTicket } from '../client/zendesk-api-types.js';
import { zendeskTicketToWorkItem } from '../to-domain.js';
import { toBackfillDelivery } from './to-backfill-delivery.js';

/** Status categories of tickets that still wait for a decision; solved, closed and deleted are skipped. */
export const OPEN_STATUSES: ReadonlySet<string> = new Set(['new', 'open', 'pending', 'hold']);

export type BackfillMode =
  | {
      readonly kind: 'dry-run';
      readonly engine: Engine;
      /** `helpdesks.zendesk.fields`. */
      readonly fields: Readonly<Record<string, number | string>>;
      /** Organization names matter to contracts matched by name; undefined when unknown. */
      readonly organization?: (id: number) => Promise<ZendeskOrganization | undefined>;
    }
  | { readonly kind: 'enqueue'; readonly store: Pick<Store, 'recordDelivery'>; readonly accountId: string };

export interface BackfillOptions {
  readonly client: Pick<ZendeskClient, 'incrementalTickets'>;
  /** Unix seconds. */
  readonly startTime: number;
  /** Stop after this many open tickets. */
  readonly limit?: number;
  readonly mode: BackfillMode;
  readonly now: () => number;
  readonly write: (line: string) => void;
  readonly progress?: Progress;
}

export interface BackfillResult {
  /** Tickets read from the export, repeats included. */
  readonly exported: number;
  /** Distinct open tickets triaged or queued. */
  readonly open: number;
  /** Distinct tickets skipped because they are solved, closed or deleted. */
  readonly skipped: number;
  /** Dry run: outcome → distinct tickets. Enqueue: `accepted` and `duplicate` → distinct tickets. */
  readonly counts: Readonly<Record<string, number>>;
}

const SUBJECT_WIDTH = 60;

function verdictLine(ticket: ZendeskTicket, item: WorkItem, verdict: ReturnType<Engine['triage']>): string {
  const detail =
    verdict.outcome === 'incomplete'
      ? `missing ${verdict.missing.map((m) => m.id).join(', ')}`
      : verdict.rule
        ? `rule ${verdict.rule}`
        : 'no rule decided';
  const subject = item.subject.length > SUBJECT_WIDTH ? `${item.subject.slice(0, SUBJECT_WIDTH - 1)}…` : item.subject;
  return `#${String(ticket.id).padEnd(8)} ${(ticket.status ?? '').padEnd(8)} ${verdict.outcome.padEnd(11)} ${detail.padEnd(32)} ${subject}`;
}

export async function runZendeskBackfill(options: BackfillOptions): Promise<BackfillResult> {
  const { mode } = options;
  // Ticket id → what happened to its latest copy: an outcome, a delivery status, or null (skipped).
  const latest = new Map<number, string | null>();
  const openCount = () => [...latest.values()].filter((v) => v !== null).length;
  let exported = 0;

  pages: for await (const page of options.client.incrementalTickets({ startTime: options.startTime })) {
    const open: ZendeskTicket[] = [];
    for (const ticket of page.tickets) {
      const isOpen = OPEN_STATUSES.has((ticket.status ?? '').toLowerCase());
      if (isOpen && options.limit !== undefined && !latest.get(ticket.id) && openCount() + open.length >= options.limit) break;
      exported += 1;
      if (isOpen) open.push(ticket);
      else latest.set(ticket.id, null);
    }

    if (mode.kind === 'dry-run') {
      for (const ticket of open) {
        const org = typeof ticket.organization_id === 'number' && mode.organization ? await mode.organization(ticket.organization_id) : undefined;
        const item = zendeskTicketToWorkItem(ticket, { fields: mode.fields, ...(org && { organizations: [org] }) });
        const verdict = mode.engine.triage(item);
        latest.set(ticket.id, verdict.outcome);
        options.write(verdictLine(ticket, item, verdict));
      }
    } else {
      const receivedAt = options.now();
      const results = await Promise.all(open.map((t) => mode.store.recordDelivery(toBackfillDelivery(t, mode.accountId, receivedAt))));
      open.forEach((t, i) => latest.set(t.id, results[i]!.status));
    }
    options.progress?.tick(exported);
    if (options.limit !== undefined && openCount() >= options.limit) break pages;
  }
  options.progress?.done();

  const counts: Record<string, number> = {};
  for (const value of latest.values()) if (value !== null) counts[value] = (counts[value] ?? 0) + 1;
  return { exported, open: openCount(), skipped: latest.size - openCount(), counts };
}
