// A proposal decision's ticket write queued while live and handled after the tenant went back to
// shadow mode: shadow writes nothing, so the audit says the ticket was not updated, and the
// ticket's other event in the same job is still triaged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { proposalDecidedDelivery } from '../../connectors/proposals/proposal-decided-delivery.js';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { parseZendeskDelivery } from '../../connectors/zendesk/webhook/parse-zendesk-delivery.js';
import { zendeskEventBody } from '../helpers/sign-zendesk-event-delivery.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir = '';
let service: Service | null = null;

afterEach(async () => {
  await service?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('audits a queued decision write as not written in shadow mode, and triages the rest of the job', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-decision-shadow-'));
  service = await startService({
    settings: readSettings({ PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'), DATABASE_URL: path.join(dir, 'inscope.db') }),
    pollMs: 60_000,
    sweepMs: 0,
  });
  expect(service.mode).toBe('shadow');
  const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith('zendesk-48203-'))!;
  const { ticket } = JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as { ticket: { id: number } };
  const parsed = parseZendeskDelivery(zendeskEventBody(ticket as never, { eventType: 'ticket.created' }), { 'x-zendesk-webhook-invocation-id': 'inv-1' });
  if (!parsed.ok) throw new Error('the example delivery does not parse');
  const ref = { helpdesk: 'zendesk' as const, accountId: 'default', ticketId: String(ticket.id) };
  await service.store.recordDelivery(proposalDecidedDelivery(ref, { proposalId: 1, status: 'accepted', note: 'GEACCEPTEERD' }, Date.now()));
  await service.store.recordDelivery({ ...ref, deliveryId: 'inv-1', eventId: parsed.delivery.eventId, eventType: parsed.delivery.eventType, receivedAt: Date.now(), payload: JSON.stringify(parsed.delivery) });
  await service.pool.drain();

  const [job] = await service.store.listJobs({ limit: 5 });
  expect(job!.state).toBe('done');
  const audit = await service.store.listAudit({ ticketId: ref.ticketId, limit: 10 });
  expect(audit.find((a) => a.rule === 'proposal-ticket-update')!.note).toBe('proposal decision not written on the ticket: the connector is in shadow mode');
  expect(audit.some((a) => a.rule === 'proposal-ticket-updated')).toBe(false);
  expect(audit.some((a) => a.kind === 'decision')).toBe(true);
});
