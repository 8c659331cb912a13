import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { apiFixture, NOW, ORIGIN, useZendeskCli } from '../setup/zendesk-cli-harness.js';

const cli = useZendeskCli();
const PATH = '/api/v2/incremental/tickets/cursor.json';
const SINCE = '2026-10-01';
const START_TIME = String(Date.parse('2026-10-01T00:00:00Z') / 1000);
const CURSOR = 'MTc5MTE5MDAwMC4wfHw0MTAyfA==';

type Ticket = Record<string, unknown> & { id: number; status: string };
type Page = { tickets: Ticket[] } & Record<string, unknown>;

/** Page 2 of the fixtures plus a solved ticket, which the backfill must skip. */
function secondPage(): Page {
  const page = apiFixture<Page>('incremental-tickets-page-2');
  page.tickets.push({ ...page.tickets[0]!, id: 4104, status: 'solved', subject: 'Opgelost: export werkt weer' });
  return page;
}

function exportPages(scope: nock.Scope = nock(ORIGIN)): nock.Scope {
  return scope
    .get(PATH)
    .query({ start_time: START_TIME })
    .reply(200, apiFixture('incremental-tickets-page-1'))
    .get(PATH)
    .query({ cursor: CURSOR })
    .reply(200, secondPage());
}

function organizations(scope: nock.Scope): nock.Scope {
  const org = apiFixture<{ organization: Record<string, unknown> }>('organization');
  const named = (id: number, name: string, domain: string) => ({ organization: { ...org.organization, id, name, domain_names: [domain], tags: [], organization_fields: {} } });
  return scope
    .get('/api/v2/organizations/9001.json')
    .reply(200, org)
    .get('/api/v2/organizations/9005.json')
    .reply(200, named(9005, 'Hoekstra Installatietechniek', 'hoekstra-installatie.nl'))
    .get('/api/v2/organizations/9004.json')
    .reply(200, named(9004, 'Northwind Traders Ltd', 'northwind.co.uk'));
}

describe('inscope zendesk backfill --dry-run', () => {
  it('triages the open tickets of two export pages locally and prints one line each and a summary', async () => {
    const api = organizations(exportPages());

    const result = await cli.run(['backfill', '--since', SINCE, '--dry-run']);

    expect(result.error?.message).toBeUndefined();
    expect(result.code).toBe(0);
    expect(api.isDone()).toBe(true);
    expect(result.calls.every((c) => c.method === 'GET')).toBe(true);
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('#'));
    expect(lines.map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      ['#4101', 'new', 'covered'],
      ['#4102', 'new', 'advisory'],
      ['#4103', 'new', 'advisory'],
    ]);
    expect(lines[0]).toContain('Foutmelding bij boeken memoriaal');
    expect(result.stdout).toContain('3 open ticket(s) triaged, 1 solved/closed skipped, 4 exported: covered 1 · incomplete 0 · advisory 2 · review 0');
    expect(result.stdout).toContain('Dry run: nothing was queued.');
  });

  it('paces the export pages at ten a minute', async () => {
    organizations(exportPages());
    const result = await cli.run(['backfill', '--since', SINCE, '--dry-run']);
    expect(result.code).toBe(0);
    // The first page goes at once, the second 60 s / 10 later; organization reads use the account budget.
    expect(result.sleeps).toEqual([6000]);
  });

  it('stops after --limit open tickets without reading further pages', async () => {
    const api = nock(ORIGIN)
      .get(PATH)
      .query({ start_time: START_TIME })
      .reply(200, apiFixture('incremental-tickets-page-1'))
      .get('/api/v2/organizations/9001.json')
      .reply(200, apiFixture('organization'));
    const result = await cli.run(['backfill', '--since', SINCE, '--dry-run', '--limit', '1']);
    expect(api.isDone()).toBe(true);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(1);
    expect(result.stdout).toContain('1 open ticket(s) triaged, 0 solved/closed skipped, 1 exported');
  });
});

describe('inscope zendesk backfill', () => {
  it('queues one job per open ticket in the store and queues nothing new on a second run', async () => {
    exportPages();
    const first = await cli.run(['backfill', '--since', SINCE]);
    expect(first.error?.message).toBeUndefined();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Queued 3 open ticket(s) for the service's workers; 0 already queued by an earlier backfill; 1 solved/closed skipped; 4 exported.");

    const store = cli.openStore();
    const jobs = await store.listJobs({ limit: 10 });
    expect(jobs.map((j) => [j.ticketId, j.state, j.accountId]).sort()).toEqual([
      ['4101', 'queued', 'veldhuis'],
      ['4102', 'queued', 'veldhuis'],
      ['4103', 'queued', 'veldhuis'],
    ]);
    const job = await store.getJob(jobs.find((j) => j.ticketId === '4101')!.id);
    expect(job?.deliveries).toHaveLength(1);
    const delivery = job!.deliveries[0]!;
    expect(delivery).toMatchObject({ deliveryId: 'backfill-4101-2026-10-05T08:14:02Z', eventId: 'backfill-4101-2026-10-05T08:14:02Z', eventType: 'inscope.backfill', receivedAt: NOW });
    expect(JSON.parse(delivery.payload)).toMatchObject({
      kind: 'backfill',
      ticketId: '4101',
      ticket: { subject: 'Foutmelding bij boeken memoriaal', status: 'new', organizationId: '9001', customStatusId: '19000000101' },
    });

    exportPages();
    const second = await cli.run(['backfill', '--since', SINCE]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Queued 0 open ticket(s) for the service's workers; 3 already queued by an earlier backfill");
    expect(await store.listJobs({ limit: 10 })).toHaveLength(3);
    expect((await store.getJob(job!.id))?.deliveries).toHaveLength(1);
  });

  it('refuses to start without --since, or with a start less than a minute ago', async () => {
    const missing = await cli.run(['backfill']);
    expect(missing.code).toBe('error');
    expect(missing.error?.exitCode).toBe(2);
    expect(missing.error?.message).toContain('backfill needs --since DATE');
    const future = await cli.run(['backfill', '--since', new Date(NOW - 30_000).toISOString()]);
    expect(future.error?.message).toContain('at least a minute in the past');
    expect(future.calls).toHaveLength(0);
  });
});
