// bench/api-economy: how many Zendesk API calls InScope spends per ticket. 1,000 generated tickets
// (nl and en, web forms and e-mail, the twelve example organizations) go as signed ticket.created
// deliveries through the real service (intake, queue, workers, Zendesk client) against the loopback
// Zendesk double; every call in the double's log is counted: per ticket and grouped by the decided
// outcome (reads, updates, and the proposal PDF uploads, which carry no ticket id and are matched to
// their ticket by the proposal's file name), and apart from any ticket (the start-up
// /api/v2/users/me). A second pass sends the echo Zendesk would send of InScope's own write (a
// ticket.comment_added by the bot): InScope learned its user id from /api/v2/users/me at start, so
// the intake drops the echo before it costs a call. Targets (issue #13), per ticket with its echo:
// a Call (covered or incomplete) ≤ 1 read + 1 write; an advisory ≤ 1 read + 1 upload + 2 writes;
// the echo 0 calls. Each line prints the mean and the worst ticket against its target, and names
// the tickets over it. One read is the ticket's audits with the ticket sideloaded, attachments
// included; a second read is spent only on attachments beyond the first 100 audits, or, where the
// audits come without the ticket, on the comments (connectors/zendesk/load-ticket-from-audits.ts).
// Then the same tickets go through JSM (api-economy-jira.ts), so both helpdesks are reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSettings } from '../connectors/server/read-settings.js';
import { startService, type Service } from '../connectors/server/start-service.js';
import { startFakeZendesk, type FakeOrganization, type FakeUser, type FakeZendesk, type FakeZendeskCall } from '../test/helpers/fake-zendesk.js';
import { postDelivery, signZendeskEventDelivery } from '../test/helpers/sign-zendesk-event-delivery.js';
import { benchJiraApiEconomy } from './api-economy-jira.js';
import { BENCH_ORG_BASE, createRandom, generateTicket } from './generate-tickets.js';
import { settleQueue } from '../test/helpers/settle-queue.js';

const TICKETS = Number(process.env.BENCH_TICKETS_API ?? 1_000);
const SECRET = 'whsec-bench-api-economy';
const BOT = 900_001;
const root = path.join(import.meta.dirname, '..');

/** The example world's organizations (examples/coverage.yaml): id, name, e-mail domain, language. */
export const ORGANIZATIONS = [
  [9001, 'Bakkerij Jansen B.V.', 'bakkerijjansen.nl', 'nl'],
  [9002, 'Gemeente Zuidwijk', 'zuidwijk.nl', 'nl'],
  [9003, 'De Vries Logistiek', 'devrieslogistiek.nl', 'nl'],
  [9004, 'Northwind Traders Ltd', 'northwind.co.uk', 'en'],
  [9005, 'Hoekstra Installatietechniek', 'hoekstra-installatie.nl', 'nl'],
  [9006, 'Stichting Zorgpunt', 'zorgpunt.nl', 'nl'],
  [9007, 'Brightline Media', 'brightline.io', 'en'],
  [9008, 'Van Dijk Accountants', 'vandijkaccountants.nl', 'nl'],
  [9009, 'Atlas Retail Group', 'atlasretail.com', 'en'],
  [9010, 'Groen & Partners', 'groenpartners.nl', 'nl'],
  [9011, 'Polderwater Waterschap', 'polderwater.nl', 'nl'],
  [9012, 'Keystone Analytics Inc.', 'keystone-analytics.com', 'en'],
] as const;

export function world(count: number) {
  const random = createRandom(11);
  const organizations: FakeOrganization[] = ORGANIZATIONS.map(([id, name, domain]) => ({ id, name, domain_names: [domain], tags: [], organization_fields: {} }));
  const users: FakeUser[] = [];
  const tickets = Array.from({ length: count }, (_, i) => {
    const generated = generateTicket(i, random, ORGANIZATIONS.length);
    const [orgId, , domain, locale] = ORGANIZATIONS[generated.organization_id - BENCH_ORG_BASE]!;
    users.push({ id: generated.requester_id, name: `Requester ${i}`, email: `requester${i}@${domain}`, locale, organization_id: orgId, role: 'end-user' });
    return { ...generated, organization_id: orgId, submitter_id: generated.requester_id, assignee_id: null, custom_status_id: 19000000101 };
  });
  return { tickets, users, organizations };
}

/** Sends every delivery, 16 at a time; each must be answered `expected` (202 queued, 200 ignored). */
async function sendAll(service: Service, deliveries: ReturnType<typeof signZendeskEventDelivery>[], expected = 202): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++]!;
      const { status } = await postDelivery(service.url, delivery);
      if (status !== expected) throw new Error(`delivery answered ${status}, expected ${expected}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
}

/** Waits until every job is done; drain() alone can return while a retry is still scheduled. */
function settle(service: Service): Promise<void> {
  return settleQueue(service, { deadlineMs: Infinity, pollMs: 50 });
}

export interface Tally {
  tickets: number;
  reads: number;
  updates: number;
  uploads: number;
  maxReads: number;
  maxWrites: number;
}

export type Counts = { reads: number; updates: number; uploads: number };

/** What the tally needs of a call in either double's log. */
export type CountedCall = Pick<FakeZendeskCall, 'method' | 'path' | 'query' | 'ticketId'>;

const isZendeskUpload = (call: CountedCall) => call.path === '/api/v2/uploads.json';

/** Each call's ticket: its path's id, or for an upload the ticket of the proposal its file name carries. */
function ticketOf(call: CountedCall, uploadTickets: ReadonlyMap<string, string>, isUpload: (call: CountedCall) => boolean): number | null {
  if (call.ticketId !== null) return call.ticketId;
  const ticket = isUpload(call) ? uploadTickets.get(call.query['filename'] ?? '') : undefined;
  return ticket === undefined ? null : Number(ticket);
}

export function tallyByOutcome<C extends CountedCall>(calls: readonly C[], outcomes: ReadonlyMap<string, string>, uploadTickets: ReadonlyMap<string, string>, isUpload: (call: CountedCall) => boolean = isZendeskUpload): { tallies: Map<string, Tally>; unattributed: C[] } {
  const perTicket = perTicketCounts(calls, uploadTickets, isUpload);
  const unattributed = calls.filter((call) => ticketOf(call, uploadTickets, isUpload) === null);
  const tallies = new Map<string, Tally>();
  for (const [ticketId, outcome] of outcomes) {
    const { reads, updates, uploads } = perTicket.get(Number(ticketId)) ?? { reads: 0, updates: 0, uploads: 0 };
    const t = tallies.get(outcome) ?? { tickets: 0, reads: 0, updates: 0, uploads: 0, maxReads: 0, maxWrites: 0 };
    t.tickets += 1;
    t.reads += reads;
    t.updates += updates;
    t.uploads += uploads;
    t.maxReads = Math.max(t.maxReads, reads);
    t.maxWrites = Math.max(t.maxWrites, updates + uploads);
    tallies.set(outcome, t);
  }
  return { tallies, unattributed };
}

export function printTallies(title: string, tallies: Map<string, Tally>): void {
  console.log(`  ${title}`);
  for (const outcome of ['covered', 'incomplete', 'advisory', 'review']) {
    const t = tallies.get(outcome);
    if (!t) continue;
    const per = (n: number) => (n / t.tickets).toFixed(2);
    console.log(
      `    ${outcome.padEnd(10)} ${String(t.tickets).padStart(5)} tickets  ${per(t.reads)} reads/ticket (max ${t.maxReads})  ${per(t.updates + t.uploads)} writes/ticket (max ${t.maxWrites}): ${per(t.updates)} updates + ${per(t.uploads)} uploads`,
    );
  }
}

/** A target per ticket: at most this many reads, uploads and other writes. */
export interface Target {
  readonly reads: number;
  readonly uploads: number;
  readonly writes: number;
}

/** The tallies of some outcomes together: mean per ticket, the worst ticket, and how many are over `target`. */
export interface Figures {
  readonly tickets: number;
  readonly reads: number;
  readonly uploads: number;
  readonly writes: number;
  readonly max: Target;
  readonly over: number;
}

export function figuresOf(perTicket: ReadonlyMap<number, Counts>, outcomes: ReadonlyMap<string, string>, wanted: readonly string[], target: Target): Figures {
  let tickets = 0, reads = 0, uploads = 0, writes = 0, over = 0;
  const max = { reads: 0, uploads: 0, writes: 0 };
  for (const [ticketId, outcome] of outcomes) {
    if (!wanted.includes(outcome)) continue;
    const c = perTicket.get(Number(ticketId)) ?? { reads: 0, updates: 0, uploads: 0 };
    tickets += 1;
    reads += c.reads;
    uploads += c.uploads;
    writes += c.updates;
    max.reads = Math.max(max.reads, c.reads);
    max.uploads = Math.max(max.uploads, c.uploads);
    max.writes = Math.max(max.writes, c.updates);
    if (c.reads > target.reads || c.uploads > target.uploads || c.updates > target.writes) over += 1;
  }
  const per = (n: number) => n / Math.max(1, tickets);
  return { tickets, reads: per(reads), uploads: per(uploads), writes: per(writes), max, over };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `Call: 1.00 read + 1.00 write per ticket (worst 1 + 1; target ≤ 1 + 1) ok`, or what is over and why. */
export function targetLine(label: string, f: Figures, target: Target, why: string): string {
  const fixed = (n: number) => n.toFixed(2);
  const parts = [`${fixed(f.reads)} reads`, ...(target.uploads > 0 || f.uploads > 0 ? [`${fixed(f.uploads)} uploads`] : []), `${fixed(f.writes)} writes`];
  const worst = [f.max.reads, ...(target.uploads > 0 || f.uploads > 0 ? [f.max.uploads] : []), f.max.writes].join(' + ');
  const goal = [target.reads, ...(target.uploads > 0 || f.uploads > 0 ? [target.uploads] : []), target.writes].join(' + ');
  const meanOk = f.reads <= target.reads && f.uploads <= target.uploads && f.writes <= target.writes;
  const verdict = f.over === 0 ? 'ok' : `${meanOk ? 'mean ok, ' : 'NOT MET: '}${f.over} of ${plural(f.tickets, 'ticket')} over${why ? ` (${why})` : ''}`;
  return `  ${label}: ${parts.join(' + ')} per ticket (worst ${worst}; target ≤ ${goal}) ${verdict}`;
}

export function perTicketCounts(calls: readonly CountedCall[], uploadTickets: ReadonlyMap<string, string>, isUpload: (call: CountedCall) => boolean = isZendeskUpload): Map<number, Counts> {
  const perTicket = new Map<number, Counts>();
  for (const call of calls) {
    const ticketId = ticketOf(call, uploadTickets, isUpload);
    if (ticketId === null) continue;
    const entry = perTicket.get(ticketId) ?? { reads: 0, updates: 0, uploads: 0 };
    if (call.method === 'GET') entry.reads += 1;
    else if (isUpload(call)) entry.uploads += 1;
    else entry.updates += 1;
    perTicket.set(ticketId, entry);
  }
  return perTicket;
}

export const CALL_TARGET: Target = { reads: 1, uploads: 0, writes: 1 };
export const ADVISORY_TARGET: Target = { reads: 1, uploads: 1, writes: 2 };

export function describeCalls(calls: readonly CountedCall[]): string {
  const byRoute = new Map<string, number>();
  for (const c of calls) byRoute.set(`${c.method} ${c.path}`, (byRoute.get(`${c.method} ${c.path}`) ?? 0) + 1);
  return byRoute.size === 0 ? 'none' : [...byRoute].map(([route, n]) => `${n} × ${route}`).join(', ');
}

export async function benchApiEconomy(): Promise<{ call: Figures; advisory: Figures; organizationReads: number }> {
  let zendesk: { call: Figures; advisory: Figures } | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-bench-api-'));
  const { tickets, users, organizations } = world(TICKETS);
  const fake: FakeZendesk = await startFakeZendesk({ tickets, users, organizations, agentId: BOT });
  const settings = readSettings({
    PORT: '0',
    HOST: '127.0.0.1',
    INSCOPE_CONFIG: path.join(root, 'examples', 'coverage.yaml'),
    DATABASE_URL: path.join(dir, 'inscope.db'),
    ZENDESK_SUBDOMAIN: 'veldhuis',
    ZENDESK_EMAIL: 'inscope@veldhuis-software.nl',
    ZENDESK_API_TOKEN: 'bench-token',
    ZENDESK_WEBHOOK_SECRET: SECRET,
    ZENDESK_BASE_URL: fake.url,
    // The double is started without a rate limit; pacing would only stretch the run, not change the count.
    ZENDESK_RATE_LIMIT: '10000000',
    INSCOPE_WORKERS: '4',
    INSCOPE_POLL_MS: '20',
  });
  // The decision log (one JSON line per decision) would bury the figures: counted, not printed.
  let logged = 0;
  const service = await startService({ settings, log: () => void (logged += 1) });
  try {
    const t0 = performance.now();
    await sendAll(service, tickets.map((t) => signZendeskEventDelivery(t, { secret: SECRET, eventType: 'ticket.created' })));
    await settle(service);
    const seconds = (performance.now() - t0) / 1000;
    const firstPass = fake.calls.slice();

    const audit = await service.store.listAudit({ limit: TICKETS * 4 });
    const outcomes = new Map<string, string>();
    for (const entry of audit) if (entry.kind === 'decision' && entry.outcome && !outcomes.has(entry.ticketId)) outcomes.set(entry.ticketId, entry.outcome);
    const proposals = await service.store.listProposals({ limit: TICKETS * 2 });
    const uploadTickets = new Map(proposals.map((p) => [`${p.number}-v${p.version}.pdf`, p.ticketId]));
    const first = tallyByOutcome(firstPass, outcomes, uploadTickets);
    const tallies = first.tallies;

    // The echo: Zendesk reports InScope's own update back as a comment added by the bot.
    await sendAll(
      service,
      tickets.map((t) => {
        const note = fake.comments(t.id).at(-1);
        return signZendeskEventDelivery(fake.ticket(t.id) as never, {
          secret: SECRET,
          eventType: 'ticket.comment_added',
          event: { comment: { id: String(note?.id ?? 1), body: note?.body ?? '', is_public: note?.public ?? false, author: { id: String(BOT), is_staff: true, name: 'InScope' } } },
        });
      }),
      200,
    );
    await settle(service);
    const echo = fake.calls.slice(firstPass.length);
    const echoTallies = tallyByOutcome(echo, outcomes, uploadTickets);

    const isOrg = (c: FakeZendeskCall) => c.path.startsWith('/api/v2/organizations/');
    const isUser = (c: FakeZendeskCall) => /^\/api\/v2\/users\/\d+\.json$/.test(c.path);
    // A read for the attachments alone: the comments, or the audits past their first page.
    const isComments = (c: FakeZendeskCall) => c.path.endsWith('/comments.json') || (c.path.endsWith('/audits.json') && c.query['page[after]'] !== undefined);
    // A Call's whole life: its triage and the echo of InScope's own write.
    const life = perTicketCounts([...firstPass, ...echo], uploadTickets);
    const call = figuresOf(life, outcomes, ['covered', 'incomplete'], CALL_TARGET);
    const advisory = figuresOf(life, outcomes, ['advisory'], ADVISORY_TARGET);
    const commentReads = new Set(firstPass.filter(isComments).map((c) => c.ticketId));
    const withComments = (wanted: readonly string[]) => [...outcomes].filter(([id, o]) => wanted.includes(o) && commentReads.has(Number(id))).length;
    const organizationReads = fake.calls.filter(isOrg).length;
    const failed = fake.calls.filter((c) => c.status !== null && c.status >= 400).length;
    const counted = [...first.tallies.values(), ...echoTallies.tallies.values()].reduce((n, t) => n + t.reads + t.updates + t.uploads, 0);

    console.log(`bench/api-economy: ${TICKETS.toLocaleString('en')} generated tickets over ${ORGANIZATIONS.length} organizations, ticket.created through the live service against the Zendesk double (${seconds.toFixed(1)} s)`);
    printTallies('per triaged ticket, by outcome:', tallies);
    console.log(`  per ticket against the targets of #13, the echo included:`);
    console.log(targetLine('Call (covered + incomplete)', call, CALL_TARGET, `${withComments(['covered', 'incomplete'])} read their attachments apart: the decision needed them`));
    console.log(targetLine('advisory', advisory, ADVISORY_TARGET, `${withComments(['advisory'])} read their attachments apart: the decision needed them`));
    console.log(`  echo (ticket.comment_added by the bot): ${echo.length} calls for ${TICKETS.toLocaleString('en')} deliveries (target 0) ${echo.length === 0 ? 'ok' : 'NOT MET'}`);
    console.log(`  calls not made for a ticket: ${describeCalls(first.unattributed)}`);
    console.log(`  reads for the attachments apart (comments, or audits past the first page): ${firstPass.filter(isComments).length} (only when a decision needed them); organization reads: ${organizationReads} (sideloaded with the audits); user reads by id: ${fake.calls.filter(isUser).length}; error answers: ${failed}`);
    if (echoTallies.unattributed.length > 0) console.log(`    echo calls not made for a ticket: ${describeCalls(echoTallies.unattributed)}`);
    // Every call in the log is in exactly one of the figures above.
    const all = counted + first.unattributed.length + echoTallies.unattributed.length;
    console.log(`  calls in all: ${fake.calls.length}${all === fake.calls.length ? '' : ` (${fake.calls.length - all} on tickets with no decision)`}; decision log lines: ${logged} (counted, kept off stdout)`);
    zendesk = { call, advisory };
    return { call, advisory, organizationReads };
  } finally {
    await service.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
    // The same tickets on JSM, so both helpdesks are reported side by side.
    await benchJiraApiEconomy({ tickets, users: users.map((u) => ({ id: u.id, email: String(u['email']), name: String(u['name']) })), organizations }, zendesk);
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) await benchApiEconomy();
