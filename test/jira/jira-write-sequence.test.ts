// Property: on Jira a decision is several calls (category edit, transition, comment or request
// attachment, labels last), and whatever prefix of them landed before the worker died, and whatever
// answers were lost after their write landed, the retried job ends with the issue exactly as one
// clean run leaves it: each comment, proposal attachment and transition once. The real client and
// adapter talk HTTP to the loopback Jira double (test/helpers/fake-jira.ts); the "worker" here is
// the loop the queue runs: read the issue, plan (plan-decision.ts, proposal-decision-change.ts, the
// proposal's send change as the job hooks build it), apply, and after a failure start over.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRules } from '../../rules/index.js';
import { loadConfig } from '../../connectors/config/load-config.js';
import type { TicketChange, TicketState } from '../../connectors/core/helpdesk-port.js';
import { planDecision, type PlanOptions } from '../../connectors/core/plan-decision.js';
import { createJiraClient } from '../../connectors/jira/client/create-jira-client.js';
import { createJiraHelpdesk } from '../../connectors/jira/create-jira-helpdesk.js';
import { proposalDecisionChange } from '../../connectors/proposals/proposal-decision-change.js';
import { startFakeJira, type FakeJira, type FakeJiraFault, type FakeJiraIssue } from '../helpers/fake-jira.js';
import { asJiraIssue, freshZendesk, root } from '../helpdesk-port/same-request.js';

const { config } = await loadConfig(`${root}/examples/coverage.yaml`);
const engine = compileRules(config, { configHash: 'write-sequence' });
const planOptions: PlanOptions = { tagPrefix: 'inscope_', pathGuard: 'revert', requestMissingInfo: true, agentLocale: 'nl' };
const PDF = { filename: 'P-2026-0001-v1.pdf', bytes: new TextEncoder().encode('%PDF-1.7 voorstel'), contentType: 'application/pdf' };
const PROPOSAL_TAG = 'inscope_p2026_0001_v1';

interface Scenario {
  readonly issue: FakeJiraIssue;
  /** The change the worker would write now, or null when the issue already carries the decision. */
  plan(state: TicketState): TicketChange | null;
}

function decision(state: TicketState, eventTypes: readonly string[]): TicketChange | null {
  const plan = planDecision({ verdict: engine.triage(state.item), state, previousFingerprint: null, eventTypes }, planOptions);
  return plan.kind === 'noop' ? null : plan.change;
}

function decided(status: 'accepted' | 'declined' | 'expired', declineAction: 'close' | 'return'): Scenario {
  const marker = `${PROPOSAL_TAG}_${status}`;
  const labels = ['inscope_advisory', 'inscope_d_0badcafe', PROPOSAL_TAG];
  return {
    issue: asJiraIssue(freshZendesk(48203), { key: 'SUP-3', status: 'New', category: 'Advisory', labels }),
    plan: (state) =>
      state.tags.includes(marker) ? null : proposalDecisionChange({ status, note: `Voorstel P-2026-0001 versie 1: ${status}.` }, marker, state, { acceptStatus: 'approved', declineAction }),
  };
}

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'a covered defect: category, transition to Approved, internal note, labels': {
    issue: asJiraIssue(freshZendesk(48201), { key: 'SUP-1' }),
    plan: (state) => decision(state, ['jira:issue_created']),
  },
  'an incomplete request: category, transition to New, public request for what is missing, labels': {
    issue: asJiraIssue(freshZendesk(48224), { key: 'SUP-2' }),
    plan: (state) => decision(state, ['jira:issue_created']),
  },
  'an advisory request: the proposal PDF as a public request attachment with its comment': {
    issue: asJiraIssue(freshZendesk(48203), { key: 'SUP-3' }),
    plan: (state) => {
      const change = decision(state, ['jira:issue_created']);
      return change && { ...change, tags: [...(change.tags ?? state.tags), PROPOSAL_TAG], comment: { body: 'Ons voorstel P-2026-0001 staat in de bijlage. Akkoord? Antwoord "akkoord".', public: true, attachments: [PDF] } };
    },
  },
  'the path guard: approved while incomplete, moved back to New with a note': {
    issue: asJiraIssue(freshZendesk(48224), { key: 'SUP-4', status: 'Approved' }),
    plan: (state) => decision(state, ['jira:issue_updated']),
  },
  'a proposal accepted: transition to Approved and a note': decided('accepted', 'return'),
  'a proposal declined: solved through a Done transition and a note': decided('declined', 'close'),
  'a proposal expired: only a note (the ledger goes up by itself first)': decided('expired', 'return'),
};

/** What a customer or agent sees on the issue; the ledger property is InScope's own bookkeeping. */
function visible(fake: FakeJira, key: string) {
  const issue = fake.issue(key)!;
  return {
    category: issue.fields['customfield_10050'] ?? null,
    status: (issue.fields['status'] as { name: string }).name,
    labels: [...(issue.fields['labels'] as string[])].sort(),
    attachments: ((issue.fields['attachment'] as { filename: string }[] | undefined) ?? []).map((a) => a.filename),
    comments: fake.comments(key).map((c) => ({ body: c.body, public: c.public, attachments: c.attachments })),
    transitions: fake.calls.filter((c) => c.issueKey === key && c.method === 'POST' && c.path.endsWith('/transitions') && c.applied).length,
  };
}

type Fault = { readonly at: number; readonly kind: 'dropAfterWrite' | 'dropBefore' | 500 | 503 | 429 };
type Schedule = { readonly crashAt: number | null; readonly crashLanded: boolean; readonly faults: readonly Fault[] };

let fake: FakeJira;
let internalNotesOnTransitions = false;

const helpdesk = () =>
  createJiraHelpdesk(
    createJiraClient({ siteUrl: fake.url, auth: { email: 'inscope@veldhuis-software.nl', apiToken: 't' }, pacer: { acquire: async () => {}, observe: () => {} }, sleep: async () => {} }),
    { ...config.helpdesks!.jira!, internalNotesOnTransitions },
  );

/** Runs the worker's loop until the issue carries the decision; a crash ends an attempt where it happens. */
async function runJob(scenario: Scenario, schedule: Schedule | null): Promise<number> {
  let crashed = false;
  let crashDone = false;
  fake.setFaultPlan((call) => {
    if (schedule === null) return null;
    if (crashed) return { kind: 'drop' };
    if (!crashDone && call.seq === schedule.crashAt) {
      crashed = true;
      crashDone = true;
      return { kind: 'drop', afterApply: schedule.crashLanded };
    }
    const fault = schedule.faults.find((f) => f.at === call.seq);
    if (!fault) return null;
    const faults: Record<Fault['kind'], FakeJiraFault> = {
      dropAfterWrite: { kind: 'drop', afterApply: true },
      dropBefore: { kind: 'drop' },
      500: { kind: 'status', status: 500 },
      503: { kind: 'status', status: 503 },
      429: { kind: 'status', status: 429, retryAfterSec: 1 },
    };
    return faults[fault.kind];
  });
  const port = helpdesk();
  const key = scenario.issue.key;
  for (let attempt = 1; attempt <= 25; attempt++) {
    try {
      const state = await port.load(key, []);
      const change = scenario.plan(state);
      if (change === null) return attempt;
      await port.apply(key, change, state.version);
    } catch {
      // The job fails (or its worker died): the queue runs it again, in a fresh process.
      crashed = false;
    }
  }
  throw new Error(`the job did not complete in 25 attempts; calls: ${fake.calls.map((c) => `${c.method} ${c.path} ${c.status}${c.fault ? ` ${c.fault}` : ''}`).join(', ')}`);
}

async function cleanRun(scenario: Scenario) {
  fake.reset([scenario.issue]);
  await runJob(scenario, null);
  return { state: visible(fake, scenario.issue.key), calls: fake.calls.length };
}

// Three set-ups: the transitions to New and Approved show a screen with Category and Labels, so a
// decision with a comment to the customer (and with internalNotesOnTransitions an internal note too)
// is one transition; or no screens, so it is several calls with the ledger.
describe.each([
  ['transition screens with Category and Labels', true, false],
  ['transition screens, internal notes on transitions', true, true],
  ['no transition screens', false, false],
])('the Jira write sequence under crashes and lost answers (%s)', (_workflow, screens, notes) => {
  beforeAll(async () => {
    fake = await startFakeJira([], { screens });
    internalNotesOnTransitions = notes;
  });
  afterAll(() => fake.close());

  it.each(Object.entries(SCENARIOS))('%s: every crash point and lost answer ends in the clean run\'s issue, each visible write once', async (_name, scenario) => {
    const clean = await cleanRun(scenario);
    expect(clean.state.comments.length).toBeGreaterThan(0);
    // Every prefix first, exhaustively: the worker dies right after call n landed, or just before.
    for (let crashAt = 1; crashAt <= clean.calls; crashAt++) {
      for (const crashLanded of [true, false]) {
        fake.reset([scenario.issue]);
        await runJob(scenario, { crashAt, crashLanded, faults: [] });
        expect({ crashAt, crashLanded, ...visible(fake, scenario.issue.key) }).toEqual({ crashAt, crashLanded, ...clean.state });
      }
    }
    const schedule = fc.record({
      // Any call of the first attempt (and of a retry) may be the last one before the worker dies.
      crashAt: fc.option(fc.integer({ min: 1, max: clean.calls + 4 }), { nil: null, freq: 1 }),
      crashLanded: fc.boolean(),
      faults: fc.array(fc.record({ at: fc.integer({ min: 1, max: clean.calls * 2 + 6 }), kind: fc.constantFrom('dropAfterWrite' as const, 'dropBefore' as const, 500 as const, 503 as const, 429 as const) }), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(schedule, async (s) => {
        fake.reset([scenario.issue]);
        await runJob(scenario, s);
        const after = visible(fake, scenario.issue.key);
        expect(after).toEqual(clean.state);
        // And the committed issue plans nothing more.
        fake.setFaultPlan(null);
        expect(scenario.plan(await helpdesk().load(scenario.issue.key, []))).toBeNull();
      }),
      { numRuns: 60, seed: 15, endOnFailure: true },
    );
  }, 120_000);

  if (!screens) it('finds a comment whose answer was lost and does not post it again (the case the ledger exists for)', async () => {
    const scenario = SCENARIOS['a covered defect: category, transition to Approved, internal note, labels']!;
    fake.reset([scenario.issue]);
    fake.inject({ kind: 'drop', afterApply: true }, { method: 'POST', path: /\/request\/SUP-1\/comment$/ });
    const attempts = await runJob(scenario, null);
    expect(attempts).toBe(3);
    expect(fake.comments('SUP-1')).toHaveLength(1);
    // The retry: one issue read (with the ledger), the request's comments, the labels.
    const retry = fake.calls.slice(fake.calls.findIndex((c) => c.fault === 'drop') + 1).map((c) => `${c.method} ${c.path}`);
    expect(retry).toEqual(['GET /rest/api/3/issue/SUP-1', 'GET /rest/servicedeskapi/request/SUP-1/comment', 'PUT /rest/api/3/issue/SUP-1', 'GET /rest/api/3/issue/SUP-1']);
  });

  if (screens) it('writes an incomplete request in one transition, and after its answer was lost plans nothing more: the labels it carried are on the issue', async () => {
    const scenario = SCENARIOS['an incomplete request: category, transition to New, public request for what is missing, labels']!;
    fake.reset([scenario.issue]);
    fake.inject({ kind: 'drop', afterApply: true }, { method: 'POST', path: /\/issue\/SUP-2\/transitions$/ });
    const attempts = await runJob(scenario, null);
    expect(attempts).toBe(2);
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /rest/api/3/issue/SUP-2', 'POST /rest/api/3/issue/SUP-2/transitions', 'GET /rest/api/3/issue/SUP-2']);
    expect(fake.comments('SUP-2')).toEqual([expect.objectContaining({ public: true })]);
    expect(fake.issue('SUP-2')!.properties).toEqual({});
  });

  if (screens) it(`writes a covered defect's internal note ${notes ? 'in the transition' : "through JSM's request comment API"}`, async () => {
    const scenario = SCENARIOS['a covered defect: category, transition to Approved, internal note, labels']!;
    fake.reset([scenario.issue]);
    await runJob(scenario, null);
    const writes = fake.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);
    expect(writes).toEqual(notes ? ['POST /rest/api/3/issue/SUP-1/transitions'] : ['POST /rest/api/3/issue/SUP-1/transitions', 'POST /rest/servicedeskapi/request/SUP-1/comment', 'PUT /rest/api/3/issue/SUP-1']);
    expect(fake.comments('SUP-1')).toEqual([expect.objectContaining({ public: false })]);
  });
});
