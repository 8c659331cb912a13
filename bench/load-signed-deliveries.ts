// autocannon with real Zendesk deliveries: every request is a `ticket.created` event for a ticket of
// its own, signed afresh (own invocation id, own event id, current timestamp), so the intake does
// its full work (signature check, parse, dedup, durable write) on each, never a duplicate shortcut.
import autocannon from 'autocannon';
import { signZendeskEventDelivery, type DeliveryTicket } from '../test/helpers/sign-zendesk-event-delivery.js';
import { BENCH_SECRET, type BenchServer } from './start-bench-server.js';

const TICKET: DeliveryTicket = {
  id: 0,
  subject: 'Foutmelding bij aanmaken verkoopfactuur',
  description:
    'Goedemorgen, sinds de update naar versie 10.2 krijgen we bij het aanmaken van een verkoopfactuur de foutmelding ERR-4102 Factuurnummer bestaat al. Dit gebeurt bij elke nieuwe factuur, ook als het nummer nog niet eerder is gebruikt. Wij hebben de computer al opnieuw opgestart en de cache geleegd.\n\nMet vriendelijke groet,\nAnouk Jansen',
  status: 'new',
  custom_status_id: 19000000101,
  priority: 'normal',
  type: 'incident',
  tags: ['finance', 'web_form'],
  organization_id: 9001,
  requester_id: 381001,
  created_at: '2026-10-05T07:42:10Z',
  updated_at: '2026-10-05T07:42:10Z',
  via: { channel: 'web' },
};

export interface LoadOptions {
  readonly seconds: number;
  readonly connections: number;
  readonly overallRate?: number;
}

let sequence = 0;

/**
 * Several URLs share one run: autocannon pins connection i to url[i % n] and keeps one latency
 * histogram, so p50/p99 are over all of them. Its README allows an array ("More than one URL is
 * allowed", https://github.com/mcollina/autocannon#api); @types/autocannon only declares a string.
 */
export function loadSignedDeliveries(url: string | readonly string[], options: LoadOptions): Promise<autocannon.Result> {
  const run = `${process.pid}-${Date.now()}`;
  return autocannon({
    url: url as string,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate !== undefined && { overallRate: options.overallRate }),
    requests: [
      {
        method: 'POST',
        path: '/webhooks/zendesk',
        setupRequest: (request) => {
          sequence += 1;
          const delivery = signZendeskEventDelivery(
            { ...TICKET, id: 100_000 + sequence },
            { secret: BENCH_SECRET, invocationId: `bench-${run}-${sequence}`, eventId: `evt-${run}-${sequence}` },
          );
          return { ...request, headers: delivery.headers, body: delivery.body };
        },
      },
    ],
  });
}

export interface Measured {
  readonly result: autocannon.Result;
  /** Server CPU (user + system, all servers together) per answered request: what the handler costs, whatever else runs on the machine. */
  readonly cpuMicrosPerRequest: number;
  /** Deliveries per group commit during the run (0 for a server without a store). */
  readonly deliveriesPerCommit: number;
}

export async function measureWithCpu(servers: readonly BenchServer[], run: () => Promise<autocannon.Result>): Promise<Measured> {
  const total = async () => (await Promise.all(servers.map((s) => s.counters()))).reduce(
    (sum, c) => ({ cpu: sum.cpu + c.cpuMicros, commits: sum.commits + (c.deliveryCommits ?? 0), written: sum.written + (c.deliveriesWritten ?? 0) }),
    { cpu: 0, commits: 0, written: 0 },
  );
  const before = await total();
  const result = await run();
  const after = await total();
  const commits = after.commits - before.commits;
  return {
    result,
    cpuMicrosPerRequest: (after.cpu - before.cpu) / Math.max(1, answered2xx(result)),
    deliveriesPerCommit: commits > 0 ? (after.written - before.written) / commits : 0,
  };
}

export const answered2xx = (r: autocannon.Result): number => r['2xx'];

export const failures = (r: autocannon.Result): string => `${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`;
