// One deployment, two helpdesk accounts (INSCOPE_TENANTS): each tenant is served under /t/<id> with
// its own secret, store and workers. Acme's Zendesk hangs (an outage) while a flood of its tickets
// queues up; Bolt's ticket must still be decided at once. Real HTTP server, real stores (SQLite files,
// and PostgreSQL schemas when a server is available), loopback Zendesk doubles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { loadTenants } from '../../connectors/tenants/load-tenants.js';
import { startFakeZendesk, type FakeTicket, type FakeZendesk } from '../helpers/fake-zendesk.js';
import { postDelivery, signZendeskEventDelivery } from '../helpers/sign-zendesk-event-delivery.js';
import { postgres } from '../store/store-backends.js';

const CONFIG = fileURLToPath(new URL('../../examples/coverage.yaml', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/tickets/zendesk-48201-verkoopfactuur-foutmelding.json', import.meta.url));
const CATEGORY_FIELD = 360001000001;
const STATUS_NEW = 19000000101;
const SECRETS = { acme: 'whsec-tenant-acme-0001', bolt: 'whsec-tenant-bolt-0002' };
const FLOOD = 40;

/** Copies of the example defect ticket as they arrive: no category yet, status New. */
function world(ids: readonly number[]) {
  const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { ticket: FakeTicket & { custom_fields: { id: number; value: unknown }[] }; users: FakeTicket[]; organizations: FakeTicket[] };
  const customFields = example.ticket.custom_fields.map((f) => (f.id === CATEGORY_FIELD ? { ...f, value: null } : f));
  const tickets = ids.map((id) => ({ ...example.ticket, id, status: 'new', custom_status_id: STATUS_NEW, custom_fields: customFields, fields: customFields }));
  return { tickets, users: example.users, organizations: example.organizations };
}

/** Polls a condition on real state (no timed guess): each round is a real store read. */
async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const backends = [
  { name: 'SQLite files', databaseUrl: (dir: string) => path.join(dir, 'inscope.db'), skip: '' },
  {
    name: 'PostgreSQL schemas',
    databaseUrl: () => {
      const url = new URL(postgres.url ?? 'postgres://unused');
      url.searchParams.set('schema', `inscope_tenants_${process.pid}_${Date.now().toString(36)}`);
      return url.toString();
    },
    skip: postgres.url === null ? ` (skipped: ${postgres.skipReason})` : '',
  },
];

describe.each(backends)('two tenants on $name', ({ name, databaseUrl, skip }) => {
  let dir = '';
  let service: Service | null = null;
  const fakes: FakeZendesk[] = [];
  let schemas: string[] = [];

  afterEach(async () => {
    // The hanging double first: closing it fails acme's held calls, so its workers can stop.
    for (const fake of fakes.splice(0)) await fake.close();
    await service?.close();
    service = null;
    if (schemas.length > 0) {
      const client = new pg.Client({ connectionString: postgres.url! });
      await client.connect();
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      schemas = [];
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skip !== '')(`keeps each tenant's secret, data and workers to itself; an outage and a flood at one do not delay the other${skip}`, { timeout: 120_000 }, async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-tenants-'));
    const acmeIds = Array.from({ length: FLOOD }, (_, i) => 70_001 + i);
    const acme = await startFakeZendesk(world(acmeIds));
    const bolt = await startFakeZendesk(world([48201]));
    fakes.push(acme, bolt);
    // Acme's Zendesk is down in the worst way: every request hangs without an answer.
    acme.inject({ kind: 'hold', afterApply: false }, { times: 10_000 });

    fs.writeFileSync(path.join(dir, 'bolt-webhook-secret'), `${SECRETS.bolt}\n`);
    fs.writeFileSync(path.join(dir, 'tenants.yaml'), `tenants:
  acme:
    config: ${JSON.stringify(CONFIG)}
    workers: 2
    zendesk:
      subdomain: acme
      email: inscope@acme.example
      apiToken: { env: TEST_ACME_ZENDESK_TOKEN }
      webhookSecret: { env: TEST_ACME_WEBHOOK_SECRET }
      botUserId: "900001"
      baseUrl: ${acme.url}
  bolt:
    config: ${JSON.stringify(CONFIG)}
    workers: 1
    zendesk:
      subdomain: bolt
      email: inscope@bolt.example
      apiToken: { env: TEST_BOLT_ZENDESK_TOKEN }
      webhookSecret: { file: bolt-webhook-secret }
      botUserId: "900001"
      baseUrl: ${bolt.url}
`);
    const env = {
      INSCOPE_TENANTS: path.join(dir, 'tenants.yaml'),
      DATABASE_URL: databaseUrl(dir),
      PORT: '0',
      HOST: '127.0.0.1',
      INSCOPE_POLL_MS: '20',
      INSCOPE_RETRY_BASE_MS: '20',
      TEST_ACME_ZENDESK_TOKEN: 'acme-api-token',
      TEST_BOLT_ZENDESK_TOKEN: 'bolt-api-token',
      TEST_ACME_WEBHOOK_SECRET: SECRETS.acme,
    };
    const settings = readSettings(env);
    const tenants = loadTenants(settings.tenantsFile!, settings, env);
    if (name.startsWith('PostgreSQL')) schemas = tenants.map((t) => new URL(t.settings.databaseUrl).searchParams.get('schema')!);
    service = await startService({ settings, tenants, delayScale: 0.01, sweepMs: 0 });
    const acmeStore = service.tenants.get('acme')!.store;
    const boltStore = service.tenants.get('bolt')!.store;
    expect(service.tenants.get('acme')!.mode).toBe('live');

    // A delivery signed with acme's secret is refused at bolt's address, and stored nowhere.
    const misdirected = signZendeskEventDelivery(world([48201]).tickets[0]!, { secret: SECRETS.acme, eventType: 'ticket.created' });
    expect((await postDelivery(`${service.url}/t/bolt`, misdirected)).status).toBe(401);
    // The single-account address and an unknown tenant say what is wrong.
    expect(await postDelivery(service.url, misdirected)).toMatchObject({ status: 404, json: { error: { code: 'tenant_required' } } });
    expect(await postDelivery(`${service.url}/t/nobody`, misdirected)).toMatchObject({ status: 404, json: { error: { code: 'unknown_tenant' } } });

    // The flood at acme, whose helpdesk hangs.
    const acmeTickets = world(acmeIds).tickets;
    for (const ticket of acmeTickets) {
      const answer = await postDelivery(`${service.url}/t/acme`, signZendeskEventDelivery(ticket, { secret: SECRETS.acme, eventType: 'ticket.created' }));
      expect(answer.status).toBe(202);
    }
    // Both of acme's workers are stuck on a request that never answers.
    await acme.waitForCall((c) => c.seq === 2, 30_000);

    // Bolt's ticket is decided while acme's flood waits.
    const boltTicket = world([48201]).tickets[0]!;
    expect((await postDelivery(`${service.url}/t/bolt`, signZendeskEventDelivery(boltTicket, { secret: SECRETS.bolt, eventType: 'ticket.created' }))).status).toBe(202);
    const put = await bolt.waitForCall((c) => c.method === 'PUT' && c.ticketId === 48201 && c.status === 200, 60_000);
    expect(put.body).toMatchObject({ ticket: { custom_fields: expect.arrayContaining([{ id: CATEGORY_FIELD, value: expect.any(String) }]) } });
    // The job completes just after its write is answered.
    await until(async () => (await boltStore.queueDepth()).done === 1);
    const acmeDepth = await acmeStore.queueDepth();
    expect(acmeDepth.done).toBe(0);
    expect(acmeDepth.queued + acmeDepth.running).toBe(FLOOD);
    expect(acmeDepth.running).toBeLessThanOrEqual(2);
    // Acme's Zendesk never saw more than its two workers' requests; bolt's never saw acme's tickets.
    expect(acme.calls.length).toBeLessThanOrEqual(2);
    expect(bolt.calls.every((c) => c.ticketId === 48201)).toBe(true);

    // Each store holds its own tenant's work only.
    const boltJobs = await boltStore.listJobs({ limit: 100 });
    expect(boltJobs.map((j) => [j.ticketId, j.state])).toEqual([['48201', 'done']]);
    expect((await acmeStore.listJobs({ limit: 100 })).every((j) => acmeIds.includes(Number(j.ticketId)))).toBe(true);
    expect(await acmeStore.listAudit({ limit: 10 })).toEqual([]);
    expect((await boltStore.listAudit({ limit: 10 })).map((a) => a.ticketId)).toContain('48201');

    // Operators see the tenants side by side.
    const ready = await (await fetch(`${service.url}/readyz`)).json() as { ok: boolean; tenants: Record<string, { store: string; mode: string }> };
    expect(ready).toMatchObject({ ok: true, tenants: { acme: { store: 'reachable', mode: 'live' }, bolt: { store: 'reachable', mode: 'live' } } });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/^inscope_queue_depth\{tenant="bolt",state="done"\} 1$/m);
    expect(metrics).toMatch(/^inscope_queue_depth\{tenant="acme",state="done"\} 0$/m);
    expect(metrics.match(/^# TYPE inscope_queue_depth gauge$/gm)).toHaveLength(1);
    expect(metrics).toMatch(/^inscope_jobs_total\{tenant="bolt",result="done"\} 1$/m);
    const index = await (await fetch(`${service.url}/`)).text();
    expect(index).toContain('href="/t/acme/"');
    expect(index).toContain('href="/t/bolt/"');
    const boltPage = await (await fetch(`${service.url}/t/bolt/`)).text();
    expect(boltPage).toContain('tenant bolt');
    expect(boltPage).toContain('https://bolt.zendesk.com/agent/tickets/48201');
  });
});
