// The worker process is killed (SIGKILL) in the middle of a job and started again on the same
// database: the job is picked up once its lease runs out and the ticket ends up with exactly one
// decision, whether or not the write had reached Zendesk when the process died.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../connectors/store/open-store.js';
import { startFakeZendesk, type FakeTicket, type FakeZendesk } from '../helpers/fake-zendesk.js';
import { postDelivery, signZendeskEventDelivery } from '../helpers/sign-zendesk-event-delivery.js';
import { spawnService, type ServiceProcess } from '../helpers/spawn-service.js';

const SECRET = 'whsec-crash-recovery';
const CONFIG = fileURLToPath(new URL('../../examples/coverage.yaml', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/tickets/zendesk-48201-verkoopfactuur-foutmelding.json', import.meta.url));
const TICKET_ID = 48201;
const CATEGORY_FIELD = 360001000001;
const STATUS_NEW = 19000000101;

/** The example defect ticket as it arrives: no category yet, status New. */
function freshTicket(): { ticket: FakeTicket; users: FakeTicket[]; organizations: FakeTicket[] } {
  const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as { ticket: FakeTicket & { custom_fields: { id: number; value: unknown }[] }; users: FakeTicket[]; organizations: FakeTicket[] };
  const customFields = example.ticket.custom_fields.map((f) => (f.id === CATEGORY_FIELD ? { ...f, value: null } : f));
  return {
    ticket: { ...example.ticket, status: 'new', custom_status_id: STATUS_NEW, custom_fields: customFields, fields: customFields },
    users: example.users,
    organizations: example.organizations,
  };
}

/** Polls the service's own queue gauge until the job is done; each poll is a real request, not a timed guess. */
async function waitForQueue(service: ServiceProcess, wanted: Record<string, number>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const text = await (await fetch(`${service.url}/metrics`)).text();
    const depth = Object.fromEntries([...text.matchAll(/^inscope_queue_depth\{state="(\w+)"\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
    last = JSON.stringify(depth);
    if (Object.entries(wanted).every(([state, n]) => depth[state] === n)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`queue never reached ${JSON.stringify(wanted)}; last ${last}\n${service.output()}`);
}

let fake: FakeZendesk | undefined;
let services: ServiceProcess[] = [];
let dir: string | undefined;

afterEach(async () => {
  await Promise.all(services.map((s) => s.kill('SIGKILL')));
  services = [];
  await fake?.close();
  fake = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('a worker killed mid-job', () => {
  it.each([
    { variant: 'after Zendesk applied the write but before its answer arrived', afterApply: true, putsReceived: 1 },
    { variant: 'before the write reached Zendesk', afterApply: false, putsReceived: 2 },
  ])('leaves exactly one decision on the ticket when killed $variant', { timeout: 180_000 }, async ({ afterApply, putsReceived }) => {
    const world = freshTicket();
    fake = await startFakeZendesk({ tickets: [world.ticket], users: world.users, organizations: world.organizations });
    fake.inject({ kind: 'hold', afterApply }, { method: 'PUT', path: `/api/v2/tickets/${TICKET_ID}.json` });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-crash-'));
    const databaseFile = path.join(dir, 'inscope.db');
    const env = {
      INSCOPE_CONFIG: CONFIG,
      DATABASE_URL: databaseFile,
      ZENDESK_SUBDOMAIN: 'veldhuis',
      ZENDESK_EMAIL: 'inscope@veldhuis-software.nl',
      ZENDESK_API_TOKEN: 'crash-test-token',
      ZENDESK_WEBHOOK_SECRET: SECRET,
      ZENDESK_BASE_URL: fake.url,
      INSCOPE_LEASE_MS: '500',
      INSCOPE_POLL_MS: '20',
      INSCOPE_RETRY_BASE_MS: '50',
      INSCOPE_WORKERS: '1',
    };

    const first = await spawnService(env);
    services.push(first);
    const delivery = signZendeskEventDelivery(world.ticket, { secret: SECRET, eventType: 'ticket.created' });
    expect(await postDelivery(first.url, delivery)).toMatchObject({ status: 202, json: { status: 'accepted' } });

    const held = await fake.waitForHeld(60_000);
    expect(held.call.applied).toBe(afterApply);
    await first.kill('SIGKILL');
    // The double settles the abandoned request once it sees the connection close.
    await fake.waitForCall((c) => c.seq === held.call.seq && c.settled, 30_000);

    const second = await spawnService(env);
    services.push(second);
    await waitForQueue(second, { queued: 0, running: 0, done: 1 });
    expect(await second.kill('SIGTERM')).toBe(0);

    const puts = fake.calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(putsReceived);
    expect(puts.filter((c) => c.applied)).toHaveLength(1);
    const notes = fake.comments(TICKET_ID).filter((c) => c.author_id === 900_001);
    expect(notes).toHaveLength(1);
    const ticket = fake.ticket(TICKET_ID)!;
    expect(ticket.tags).toEqual(expect.arrayContaining(['inscope_covered', expect.stringMatching(/^inscope_d_[0-9a-f]{8}$/)]));
    expect(ticket.custom_fields).toContainEqual({ id: CATEGORY_FIELD, value: 'call' });

    const store = await openStore(databaseFile);
    try {
      expect(await store.queueDepth()).toEqual({ queued: 0, running: 0, done: 1, dead: 0 });
      const audit = await store.listAudit({ ticketId: String(TICKET_ID), limit: 10 });
      expect(audit.map((e) => e.kind)).toEqual(['decision']);
      expect(audit[0]).toMatchObject({ outcome: 'covered', eventIds: [JSON.parse(delivery.body).id] });
    } finally {
      await store.close();
    }
  });
});
