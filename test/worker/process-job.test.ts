// processJob against an in-memory helpdesk port, the real engine and a real SQLite store: what a
// job writes after a switch from shadow to live mode, and how many times it reads again after a
// 409 before it hands the job back to the queue for a retry.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../connectors/config/load-config.js';
import type { HelpdeskPort, TicketChange, TicketState } from '../../connectors/core/helpdesk-port.js';
import { HelpdeskError } from '../../connectors/shared/helpdesk-error.js';
import { createSqliteStore } from '../../connectors/store/create-sqlite-store.js';
import type { Store } from '../../connectors/store/store.js';
import { createWorkerPool } from '../../connectors/worker/create-worker-pool.js';
import { processJob, type ProcessJobDeps } from '../../connectors/worker/process-job.js';
import { compileRules } from '../../rules/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const loaded = await loadConfig(path.join(root, 'examples/coverage.yaml'));
const engine = compileRules(loaded.config, { configHash: loaded.hash });
const NOW = Date.parse('2026-11-27T10:00:00Z');

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function openStore(): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-process-job-'));
  dirs.push(dir);
  const store = createSqliteStore({ file: path.join(dir, 'db.sqlite'), now: () => NOW });
  await store.migrate();
  stores.push(store);
  return store;
}

async function deliver(store: Store, eventId: string) {
  await store.recordDelivery({ helpdesk: 'zendesk', accountId: 'acme', deliveryId: eventId, eventId, eventType: 'ticket.created', ticketId: '7', receivedAt: NOW, payload: '{}' });
}

/** One ticket nobody categorised yet; in shadow mode apply() records the change and writes nothing. */
function fakePort(live: boolean, options: { conflicts?: number } = {}) {
  let conflictsLeft = options.conflicts ?? 0;
  const ticket: { -readonly [K in keyof TicketState]: TicketState[K] } = {
    item: { id: '7', subject: 'Foutmelding bij het boeken van een factuur', description: 'Sinds vanochtend krijg ik een foutmelding.', createdAt: '2026-11-27T09:00:00Z', tags: [], fields: {}, attachments: [], requesterLocale: 'nl' },
    category: null,
    status: 'other',
    tags: ['web_form'],
    version: 'v1',
  };
  const calls = { loads: 0, applies: [] as TicketChange[] };
  const port: HelpdeskPort = {
    kind: 'zendesk',
    live,
    async load() {
      calls.loads++;
      return { ...ticket, tags: [...ticket.tags] };
    },
    async apply(_id, change) {
      calls.applies.push(change);
      if (conflictsLeft > 0) {
        conflictsLeft--;
        throw new HelpdeskError('conflict', 'Safe Update prevented the update due to outdated ticket data.', { status: 409 });
      }
      if (!live) return;
      if (change.tags) ticket.tags = [...change.tags];
      if (change.category) ticket.category = change.category;
      if (change.status) ticket.status = change.status;
    },
  };
  return { port, calls, ticket };
}

function deps(store: Store, helpdesk: HelpdeskPort): ProcessJobDeps {
  return { store, helpdesk, engine: () => engine, now: () => NOW, plan: { tagPrefix: 'inscope_', pathGuard: 'revert', requestMissingInfo: true, agentLocale: 'nl' } };
}

async function claim(store: Store) {
  const job = await store.claimJob({ workerId: 'w', now: NOW, leaseMs: 60_000 });
  if (!job) throw new Error('no job to claim');
  return job;
}

describe('processJob after a switch from shadow to live mode', () => {
  it('writes, in the first live job, everything the shadow run only recorded', async () => {
    const store = await openStore();
    const shadow = fakePort(false);
    await deliver(store, 'e1');
    const first = await claim(store);
    await processJob(first, deps(store, shadow.port));
    await store.completeJob(first.id, 'w');
    expect(shadow.calls.applies).toHaveLength(1);
    const planned = shadow.calls.applies[0]!;
    expect(planned.tags).toContain('inscope_' + engine.triage(shadow.ticket.item).outcome);

    const live = fakePort(true);
    await deliver(store, 'e2');
    const result = await processJob(await claim(store), deps(store, live.port));
    expect(result.applied).toBe(true);
    expect(live.calls.applies).toEqual([planned]);
  });
});

describe('processJob in live mode', () => {
  it('does not write the same decision again after someone removed its tags: the audit log says it was applied', async () => {
    const store = await openStore();
    const live = fakePort(true);
    await deliver(store, 'e1');
    const first = await claim(store);
    await processJob(first, deps(store, live.port));
    await store.completeJob(first.id, 'w');
    expect(live.calls.applies).toHaveLength(1);
    live.ticket.tags = ['web_form'];
    await deliver(store, 'e2');
    const again = await processJob(await claim(store), deps(store, live.port));
    expect(again).toMatchObject({ kind: 'noop', applied: false });
    expect(live.calls.applies).toHaveLength(1);
  });
});

describe('processJob on a 409 (the ticket changed since it was read)', () => {
  it('reads and decides again up to 3 times, then hands the job back to the queue for a retry', async () => {
    const store = await openStore();
    const { port, calls } = fakePort(true, { conflicts: Infinity });
    await deliver(store, 'e1');
    const results: string[] = [];
    const pool = createWorkerPool({
      store, concurrency: 1, workerId: 'w', now: () => NOW, pollMs: 1, random: () => 0.5,
      process: (job) => processJob(job, deps(store, port)),
      onResult: (_job, result) => results.push(result),
    });
    pool.start();
    await pool.drain();
    await pool.stop();
    expect(calls.loads).toBe(3);
    expect(calls.applies).toHaveLength(3);
    expect(results).toEqual(['retry']);
    const [job] = await store.listJobs({ limit: 1 });
    expect(job!.state).toBe('queued');
    expect(job!.lastError).toBe('conflict 409: Safe Update prevented the update due to outdated ticket data.');
  });

  it('writes on the third read when the first two writes conflict', async () => {
    const store = await openStore();
    const { port, calls } = fakePort(true, { conflicts: 2 });
    await deliver(store, 'e1');
    const result = await processJob(await claim(store), deps(store, port));
    expect(result.applied).toBe(true);
    expect(calls.loads).toBe(3);
    expect(calls.applies).toHaveLength(3);
    const [decision] = await store.listAudit({ ticketId: '7', limit: 1 });
    expect(decision!.kind).toBe('decision');
    expect((decision!.verdict as { conflicts: number }).conflicts).toBe(2);
  });
});

describe('processJob log lines', () => {
  it('tells of each decision once, in shadow and in live mode, with the change it would set or set', async () => {
    const store = await openStore();
    const lines: unknown[] = [];
    const shadow = fakePort(false);
    await deliver(store, 'e1');
    const first = await claim(store);
    await processJob(first, { ...deps(store, shadow.port), onDecision: (line) => lines.push(line) });
    await store.completeJob(first.id, 'w');
    const verdict = engine.triage(shadow.ticket.item);
    const planned = shadow.calls.applies[0]!;
    const expected = {
      event: 'decision', at: '2026-11-27T10:00:00.000Z', helpdesk: 'zendesk', ticket: '7', outcome: verdict.outcome, rule: verdict.rule, kind: 'decision',
      category: planned.category, status: planned.status, tags: planned.tags,
      comment: { public: planned.comment!.public, language: 'nl', attachments: 0 },
    };
    expect(lines).toEqual([{ ...expected, mode: 'shadow', job: first.id, applied: false }]);
    // The audit entry carries the mode and the comment's language for `inscope decisions`.
    expect((await store.lastDecision('zendesk', 'acme', '7'))!.verdict).toMatchObject({ mode: 'shadow', commentLocale: 'nl', organization: { id: null, name: null } });

    const live = fakePort(true);
    await deliver(store, 'e2');
    const second = await claim(store);
    await processJob(second, { ...deps(store, live.port), onDecision: (line) => lines.push(line) });
    expect(lines[1]).toEqual({ ...expected, mode: 'live', job: second.id, applied: true });
  });
});
