// The tickets of a history that say something about the request kind: those with the category people
// set and a contract active on the day they came in, each with InScope's verdict. Shared by
// `inscope learn` and `inscope tune`, so both count the same tickets as evidence and skip the same.
import type { CoverageConfig } from '../config/config-schema.js';
import { readTickets, type TicketRecord } from '../input/read-tickets.js';
import type { Engine } from '../../rules/index.js';
import type { Verdict, WorkItem } from '../../rules/model.js';

export interface Skipped {
  /** Records the reader could not use (their problems are listed in `problems`). */
  unreadable: number;
  /** Tickets without the category people set. */
  withoutCategory: number;
  /** Tickets whose contract is not active, by contract state: their category says nothing about the kind. */
  readonly notActive: Record<string, number>;
}

export interface LabelledTicket {
  readonly record: TicketRecordOk;
  readonly item: WorkItem;
  /** The category is set and the contract active: evidence about the kind. False for a ticket `also` kept. */
  readonly labelled: boolean;
  /** People set Call: they treated the request as covered. */
  readonly covered: boolean;
  /** The engine's verdict on the ticket. */
  readonly verdict: Verdict;
  /** The record's place in what `readTickets` reads (0 first, problems counted), to find it again in a second pass. */
  readonly position: number;
}

export interface LabelledReading {
  readonly skipped: Skipped;
  readonly problems: string[];
}

export const emptyReading = (): LabelledReading => ({ skipped: { unreadable: 0, withoutCategory: 0, notActive: {} }, problems: [] });

type TicketRecordOk = Exclude<TicketRecord, { readonly kind: unknown }>;

/**
 * Yields the usable tickets in reading order; counts the rest in `reading`. `also`: tickets the
 * caller wants whatever their category or contract (`inscope learn`'s tickets with logged time),
 * yielded with `labelled: false` and still counted as skipped for the kind.
 */
export async function* readLabelledTickets(ticketsPath: string, config: Pick<CoverageConfig, 'helpdesks'>, engine: Engine, reading: LabelledReading, also: (record: TicketRecordOk) => boolean = () => false): AsyncGenerator<LabelledTicket> {
  const { skipped, problems } = reading;
  let position = -1;
  for await (const record of readTickets(ticketsPath, { helpdesks: config.helpdesks })) {
    position++;
    if ('kind' in record) {
      skipped.unreadable++;
      problems.push(`${record.file}${record.record !== undefined ? ` record ${record.record}` : ''}: ${record.message}`);
      continue;
    }
    const category = record.observed?.category;
    const wanted = also(record);
    if (category === undefined) {
      skipped.withoutCategory++;
      if (!wanted) continue;
    }
    let verdict;
    try {
      verdict = engine.triage(record.item);
    } catch (error) {
      skipped.unreadable++;
      problems.push(`${record.source.file} record ${record.source.record}: ${(error as Error).message}`);
      continue;
    }
    const state = verdict.contract?.state ?? 'none';
    const labelled = category !== undefined && state === 'active';
    if (category !== undefined && !labelled) {
      skipped.notActive[state] = (skipped.notActive[state] ?? 0) + 1;
      if (!wanted) continue;
    }
    yield { record, item: record.item, labelled, covered: category === 'call', verdict, position };
  }
}
