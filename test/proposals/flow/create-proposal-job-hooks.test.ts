// The worker's proposal hooks with a real SQLite store and a recording helpdesk: the crash between
// the sending write and recording it, a retried decision, replies, and refusals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HelpdeskPort, TicketChange, TicketState } from '../../../connectors/core/helpdesk-port.js';
import { planDecision, type Plan } from '../../../connectors/core/plan-decision.js';
import { createProposalFlow } from '../../../connectors/proposals/create-proposal-flow.js';
import { createProposalJobHooks } from '../../../connectors/proposals/create-proposal-job-hooks.js';
import { loadProposalTemplates, type ProposalTemplates } from '../../../connectors/proposals/proposal-templates.js';
import { createSqliteStore } from '../../../connectors/store/create-sqlite-store.js';
import type { JobWithDeliveries, Store } from '../../../connectors/store/store.js';
import { loadExampleWorld, type ExampleWorld } from '../example-world.js';

let world: ExampleWorld;
let templates: ProposalTemplates;
let dir: string;
let store: Store;

beforeAll(async () => {
  world = await loadExampleWorld();
  templates = await loadProposalTemplates();
});
afterEach(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function setup(config = world.loaded.config, now = Date.parse('2026-11-27T10:00:00Z')) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-hooks-'));
  store = createSqliteStore({ file: path.join(dir, 'inscope.db') });
  const flow = createProposalFlow({
    store, config: () => config, configHash: () => 'test', templates, secret: 'a-secret-for-the-hook-tests', publicUrl: 'https://inscope.example.test',
    now: () => now, shadowDir: path.join(dir, 'proposals'),
  });
  const writes: TicketChange[] = [];
  const helpdesk: HelpdeskPort = { kind: 'zendesk', live: true, load: async () => { throw new Error('not used'); }, apply: async (_id, change) => { writes.push(change); } };
  return { flow, hooks: createProposalJobHooks(flow), writes, helpdesk };
}

function job(deliveries: { eventType: string; payload: unknown }[] = []): JobWithDeliveries {
  return {
    id: 1, helpdesk: 'zendesk', accountId: 'acme', ticketId: '48203', state: 'running', attempts: 1, runAfter: 0, leaseOwner: 'w', leaseUntil: 1, lastError: null, createdAt: 0, updatedAt: 0,
    deliveries: deliveries.map((d, i) => ({ deliveryId: `d${i}`, eventId: `e${i}`, eventType: d.eventType, payload: JSON.stringify(d.payload), receivedAt: 0 })),
  };
}

function advisory(tags: string[] = []): { state: TicketState; plan: Plan; verdict: ReturnType<ExampleWorld['engine']['triage']> } {
  const item = world.items.get('48203')!;
  const verdict = world.engine.triage(item);
  const state: TicketState = { item, category: null, status: null, tags, version: 'v1' };
  const plan = planDecision({ verdict, state, previousFingerprint: null, eventTypes: ['ticket.created'] }, { tagPrefix: 'inscope_', pathGuard: 'revert', requestMissingInfo: true, agentLocale: 'nl' });
  return { state, plan, verdict };
}

describe('the worker\'s proposal hooks', () => {
  it('replace an advisory decision\'s write with the public comment, the PDF and the proposal tag', async () => {
    const { hooks, helpdesk } = setup();
    const { state, plan, verdict } = advisory();
    expect(verdict.outcome).toBe('advisory');
    const hooked = await hooks.beforeApply({ job: job(), verdict, state, plan, helpdesk });
    expect(hooked!.change).toMatchObject({ category: 'advisory', comment: { public: true, attachments: [{ filename: 'P-2026-0001-v1.pdf', contentType: 'application/pdf' }] } });
    expect(hooked!.change.tags).toContain('inscope_p2026_0001_v1');
  });

  it('number a proposal by the year in the vendor\'s time zone: 23:30 UTC on 31 December is already next year in Amsterdam', async () => {
    expect(world.loaded.config.defaults.timeZone).toBe('Europe/Amsterdam');
    const { hooks, helpdesk } = setup(world.loaded.config, Date.parse('2026-12-31T23:30:00Z'));
    const { state, plan, verdict } = advisory();
    const hooked = await hooks.beforeApply({ job: job(), verdict, state, plan, helpdesk });
    expect((hooked!.summary as { number: string }).number).toBe('P-2027-0001');
    expect(hooked!.change.tags).toContain('inscope_p2027_0001_v1');
    expect(hooked!.change.comment!.attachments!.map((a) => a.filename)).toEqual(['P-2027-0001-v1.pdf']);
  });

  it('make the same proposal again for a retried decision: same number, nothing new in the store', async () => {
    const { hooks, helpdesk } = setup();
    const { state, plan, verdict } = advisory();
    await hooks.beforeApply({ job: job(), verdict, state, plan, helpdesk });
    const again = await hooks.beforeApply({ job: job(), verdict, state, plan, helpdesk });
    expect((again!.summary as { number: string }).number).toBe('P-2026-0001');
    expect(await store.listProposals({ limit: 5 })).toHaveLength(1);
  });

  it('record a proposal as sent, without writing again, when the ticket already carries its tag (the job died after the write)', async () => {
    const { hooks, helpdesk, writes } = setup();
    const { state, plan, verdict } = advisory();
    const hooked = await hooks.beforeApply({ job: job(), verdict, state, plan, helpdesk });
    // The write landed (the ticket has the tags), then the worker died before afterApply.
    const after = advisory([...hooked!.change.tags!]);
    const noop = planDecision({ verdict, state: { ...after.state, category: 'advisory', status: 'new' }, previousFingerprint: null, eventTypes: [] }, { tagPrefix: 'inscope_', pathGuard: 'revert', requestMissingInfo: true, agentLocale: 'nl' });
    expect(noop.kind).toBe('noop');
    expect(await hooks.beforeApply({ job: job(), verdict, state: after.state, plan: noop, helpdesk })).toBeNull();
    await hooks.afterJob({ job: job(), verdict, state: after.state, plan: noop, helpdesk });
    expect((await store.listProposals({ limit: 1 }))[0]!.status).toBe('sent');
    expect(writes).toEqual([]);
  });

  it('accept on a reply from the requester only, once, and queue the ticket write instead of making it', async () => {
    const { hooks, helpdesk, writes, flow } = setup();
    const { state, plan, verdict } = advisory();
    const hooked = await hooks.beforeApply({ job: job(), verdict, state, plan, helpdesk });
    await hooked!.afterApply();
    expect((await flow.openProposalOf('zendesk', 'acme', '48203'))!.status).toBe('sent');
    const count = writes.length;
    const reply = (authorId: string, body: string) => ({ eventType: 'ticket.comment_added', payload: { ticket: { requesterId: '381002' }, comment: { authorId, body, public: true } } });
    await hooks.afterJob({ job: job([reply('999', 'akkoord')]), verdict, state, plan: { ...plan, kind: 'noop' }, helpdesk });
    expect(await hooks.hasAcceptedProposal({ helpdesk: 'zendesk', accountId: 'acme', ticketId: '48203' })).toBe(false);
    await hooks.afterJob({ job: job([reply('381002', 'Akkoord!')]), verdict, state, plan: { ...plan, kind: 'noop' }, helpdesk });
    expect(await hooks.hasAcceptedProposal({ helpdesk: 'zendesk', accountId: 'acme', ticketId: '48203' })).toBe(true);
    await hooks.afterJob({ job: job([reply('381002', 'akkoord')]), verdict, state, plan: { ...plan, kind: 'noop' }, helpdesk });
    expect(writes).toHaveLength(count);
    const queued = await store.listJobs({ state: 'queued', limit: 5 });
    expect(queued).toHaveLength(1);
    const [decided] = (await store.getJob(queued[0]!.id))!.deliveries;
    expect(decided).toMatchObject({ eventType: 'inscope.proposal_decided', deliveryId: expect.stringMatching(/^proposal-\d+-accepted$/) });
    expect(JSON.parse(decided!.payload)).toMatchObject({ status: 'accepted', note: expect.stringMatching(/GEACCEPTEERD/) });
  });

  it('write a queued decision with its marker tag, and not again once the ticket carries the marker', async () => {
    const { hooks, helpdesk, writes, flow } = setup();
    const { state, plan, verdict } = advisory();
    await (await hooks.beforeApply({ job: job(), verdict, state, plan, helpdesk }))!.afterApply();
    const open = (await flow.openProposalOf('zendesk', 'acme', '48203'))!;
    await flow.decide(open, 'accepted', helpdesk, { actor: 'test' });
    const [queued] = await store.listJobs({ state: 'queued', limit: 1 });
    const decidedJob = (await store.getJob(queued!.id))!;
    const sent = { ...state, status: 'new' as const, tags: ['inscope_advisory', 'inscope_p2026_0001_v1'] };
    const count = writes.length;
    expect(await hooks.applyDecided({ job: decidedJob, state: sent, helpdesk, reload: async () => sent })).toBeNull();
    expect(writes.slice(count)).toEqual([{ status: 'approved', comment: { body: expect.stringMatching(/GEACCEPTEERD/), public: false }, tags: [...sent.tags, 'inscope_p2026_0001_v1_accepted'] }]);
    const carried = { ...sent, status: 'approved' as const, tags: [...sent.tags, 'inscope_p2026_0001_v1_accepted'] };
    expect(await hooks.applyDecided({ job: decidedJob, state: carried, helpdesk, reload: async () => carried })).toBe(carried);
    expect(writes).toHaveLength(count + 1);
    const updates = (await store.listAudit({ ticketId: '48203', limit: 20 })).filter((a) => a.rule === 'proposal-ticket-updated');
    expect(updates).toHaveLength(1);
  });

  it('book the ticket\'s time spent from the configured field, and the budget shows it as logged hours', async () => {
    const config = world.loaded.config;
    const { hooks, helpdesk, flow } = setup({ ...config, proposals: { ...config.proposals, timeSpentField: 'timeSpent' } });
    const { state, plan, verdict } = advisory();
    const timed = { ...state, item: { ...state.item, fields: { ...state.item.fields, timeSpent: 5_400 } } };
    await hooks.afterJob({ job: job(), verdict, state: timed, plan: { ...plan, kind: 'noop' }, helpdesk });
    expect(await flow.budgetFor(verdict, null)).toMatchObject({ month: '2026-11', hours: { logged: 1.5 } });
  });

  it('leave non-advisory decisions alone', async () => {
    const { hooks, helpdesk } = setup();
    const { state, plan, verdict } = advisory();
    expect(await hooks.beforeApply({ job: job(), verdict: { ...verdict, facts: verdict.facts, kind: verdict.kind, outcome: 'covered' }, state, plan, helpdesk })).toBeNull();
  });

  it('give a Jira ticket the same proposal as a Zendesk one: public comment, PDF, proposal tag, under helpdesk jira', async () => {
    const { hooks, helpdesk, flow } = setup();
    const { state, plan, verdict } = advisory();
    const jiraJob = { ...job(), helpdesk: 'jira' as const, accountId: 'veldhuis.atlassian.net', ticketId: 'SUP-48203' };
    const hooked = await hooks.beforeApply({ job: jiraJob, verdict, state, plan, helpdesk: { ...helpdesk, kind: 'jira' } });
    expect(hooked?.change.comment).toMatchObject({ public: true, attachments: [{ filename: 'P-2026-0001-v1.pdf', contentType: 'application/pdf' }] });
    expect(hooked?.change.tags).toContain('inscope_p2026_0001_v1');
    expect(await flow.openProposalOf('jira', 'veldhuis.atlassian.net', 'SUP-48203')).toMatchObject({ number: 'P-2026-0001', status: 'draft' });
  });
});
