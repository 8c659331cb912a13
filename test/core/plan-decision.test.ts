// planDecision: what InScope writes for a verdict given the ticket's state — first decisions, changed
// decisions, idempotence through the decision tag, and the path guard in each mode.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../rules/index.js';
import type { TicketState } from '../../connectors/core/helpdesk-port.js';
import { decisionFingerprint, decisionTag, overrideTag, planDecision, type PlanOptions } from '../../connectors/core/plan-decision.js';

function verdict(outcome: Verdict['outcome'], extra: Partial<Verdict> = {}): Verdict {
  const base = {
    outcome,
    category: outcome === 'advisory' ? 'advisory' : 'call',
    status: 'new',
    missing: outcome === 'incomplete' ? [{ id: 'version-known', text: { en: 'Which version do you use?', nl: 'Welke versie gebruikt u?' } }] : [],
    rule: outcome === 'review' ? null : `${outcome}-rule`,
    reasons: [{ en: `Because ${outcome}.`, nl: `Omdat ${outcome}.` }],
    contract: null,
    facts: {},
    proposal: null,
    trace: { configHash: 'abc123def456', facts: {}, contract: '', rules: [], decidedBy: null },
  } as const;
  return { ...base, ...extra } as Verdict;
}

function state(extra: Partial<TicketState> = {}): TicketState {
  return {
    item: { id: '1', subject: 's', description: 'd', createdAt: '2026-11-02T10:00:00Z', tags: [], fields: {}, attachments: [], requesterLocale: 'nl-NL' },
    category: null,
    status: 'other',
    tags: ['web_form'],
    version: '2026-11-02T10:00:00Z',
    ...extra,
  };
}

const options = (pathGuard: PlanOptions['pathGuard'] = 'revert'): PlanOptions => ({ tagPrefix: 'inscope_', pathGuard, requestMissingInfo: true, agentLocale: 'en' });

describe('planDecision: the first decision', () => {
  it.each([
    ['a covered Call', verdict('covered'), { category: 'call', status: 'new', commentPublic: false }],
    ['an auto-approved Call', verdict('covered', { status: 'approved' }), { category: 'call', status: 'approved', commentPublic: false }],
    ['an advisory', verdict('advisory'), { category: 'advisory', status: 'new', commentPublic: false }],
    ['an incomplete request', verdict('incomplete'), { category: 'call', status: 'new', commentPublic: true }],
    ['a review', verdict('review'), { category: 'call', status: 'new', commentPublic: false }],
  ])('writes category, status, tags and one comment for %s', (_name, v, want) => {
    const plan = planDecision({ verdict: v, state: state(), previousFingerprint: null, eventTypes: ['ticket.created'] }, options());
    expect(plan.kind).toBe('decision');
    expect(plan.change.category).toBe(want.category);
    expect(plan.change.status).toBe(want.status);
    expect(plan.change.tags).toEqual(['web_form', `inscope_${v.outcome}`, decisionTag(decisionFingerprint(v), 'inscope_')]);
    expect(plan.change.comment?.public).toBe(want.commentPublic);
  });

  it('asks the customer for the missing items in their own language', () => {
    const plan = planDecision({ verdict: verdict('incomplete'), state: state(), previousFingerprint: null, eventTypes: ['ticket.created'] }, options());
    expect(plan.change.comment?.body).toMatch(/^Bedankt voor uw melding/);
    expect(plan.change.comment?.body).toContain('- Welke versie gebruikt u?');
  });

  it('leaves an approval a person already gave alone', () => {
    const plan = planDecision({ verdict: verdict('covered'), state: state({ status: 'approved' }), previousFingerprint: null, eventTypes: ['ticket.created'] }, options());
    expect(plan.change.status).toBeUndefined();
  });
});

describe('planDecision: idempotence', () => {
  const v = verdict('covered');
  const applied = state({ category: 'call', status: 'new', tags: ['web_form', 'inscope_covered', decisionTag(decisionFingerprint(v), 'inscope_')] });

  it('plans nothing when the ticket already carries this decision (its own update coming back)', () => {
    const plan = planDecision({ verdict: v, state: applied, previousFingerprint: decisionFingerprint(v), eventTypes: ['ticket.custom_field_changed'] }, options());
    expect(plan.kind).toBe('noop');
  });

  it('plans nothing after a crash between the write and the audit entry: the tag on the ticket says it landed', () => {
    const plan = planDecision({ verdict: v, state: applied, previousFingerprint: null, eventTypes: ['ticket.created'] }, options());
    expect(plan.kind).toBe('noop');
  });

  it('writes the new decision, without touching the status people set, when the decision changes', () => {
    const next = verdict('advisory');
    const plan = planDecision({ verdict: next, state: { ...applied, status: 'other' }, previousFingerprint: decisionFingerprint(v), eventTypes: ['ticket.comment_added'] }, options());
    expect(plan.kind).toBe('decision');
    expect(plan.change.category).toBe('advisory');
    expect(plan.change.status).toBeUndefined();
    expect(plan.change.tags).toEqual(['web_form', 'inscope_advisory', decisionTag(decisionFingerprint(next), 'inscope_')]);
    expect(plan.why).toBe('decision changed');
  });

  it('asks again, for what is still missing, when the customer supplied only part of it (the missing items are part of the decision)', () => {
    const version = { id: 'version-known', text: { en: 'Which version do you use?', nl: 'Welke versie gebruikt u?' } };
    const product = { id: 'product-known', text: { en: 'Which product is it about?', nl: 'Over welk product gaat het?' } };
    const before = verdict('incomplete', { missing: [version, product] });
    const after = verdict('incomplete', { missing: [product] });
    const asked = state({ category: 'call', status: 'new', tags: ['web_form', 'inscope_incomplete', decisionTag(decisionFingerprint(before), 'inscope_')] });
    const plan = planDecision({ verdict: after, state: asked, previousFingerprint: decisionFingerprint(before), eventTypes: ['ticket.comment_added'] }, options());
    expect(plan.kind).toBe('decision');
    expect(plan.why).toBe('decision changed');
    expect(plan.change.tags).toEqual(['web_form', 'inscope_incomplete', decisionTag(decisionFingerprint(after), 'inscope_')]);
    expect(plan.change.comment?.public).toBe(true);
    expect(plan.change.comment?.body).toContain('- Over welk product gaat het?');
    expect(plan.change.comment?.body).not.toContain('Welke versie');
  });

  it('does not fight people who edit the category after a decision', () => {
    const plan = planDecision({ verdict: v, state: { ...applied, category: 'advisory' }, previousFingerprint: decisionFingerprint(v), eventTypes: ['ticket.custom_field_changed'] }, options());
    expect(plan.kind).toBe('noop');
  });
});

describe('planDecision: the path guard', () => {
  const v = verdict('incomplete');
  const approved = state({ category: 'call', status: 'approved', tags: ['inscope_incomplete', decisionTag(decisionFingerprint(v), 'inscope_')] });
  const input = (s: TicketState = approved) => ({ verdict: v, state: s, previousFingerprint: decisionFingerprint(v), eventTypes: ['ticket.status_changed'] });

  it('moves a ticket approved while incomplete back to New, with a note saying why', () => {
    const plan = planDecision(input(), options('revert'));
    expect(plan.kind).toBe('guard');
    expect(plan.change.status).toBe('new');
    expect(plan.change.comment).toMatchObject({ public: false, body: expect.stringContaining('Moved back to New: approved while the request is incomplete') });
  });

  it('says why in Dutch, all of it, to Dutch agents', () => {
    const plan = planDecision(input(), { ...options('revert'), agentLocale: 'nl' });
    expect(plan.change.comment?.body).toContain('Teruggezet naar Nieuw: goedgekeurd terwijl de aanvraag onvolledig is.');
    expect(plan.change.comment?.body).not.toContain('the request');
  });

  it('warns once per decision in warn mode', () => {
    const first = planDecision(input(), options('warn'));
    expect(first.kind).toBe('guard');
    expect(first.change.status).toBeUndefined();
    expect(first.change.comment?.body).toContain('Warning: approved while the request is incomplete');
    const again = planDecision(input({ ...approved, tags: [...first.change.tags!] }), options('warn'));
    expect(again.kind).toBe('noop');
  });

  it('guards when the approval arrives in a job together with other events (a comment in the same batch)', () => {
    const plan = planDecision({ ...input(), eventTypes: ['ticket.comment_added', 'ticket.status_changed'] }, options('revert'));
    expect(plan.kind).toBe('guard');
    expect(plan.change.status).toBe('new');
  });

  it('does nothing when the guard is off', () => {
    expect(planDecision(input(), options('off')).kind).toBe('noop');
  });

  it('respects an approval a manager gave with a reason', () => {
    const plan = planDecision(input({ ...approved, tags: [...approved.tags, overrideTag('inscope_')] }), options('revert'));
    expect(plan.kind).toBe('noop');
  });

  it.each([
    ['advisory', 'not covered by the contract'],
    ['review', 'must review it'],
  ] as const)('guards an approved %s request too', (outcome, words) => {
    const other = verdict(outcome);
    const plan = planDecision({ verdict: other, state: { ...approved, tags: [] }, previousFingerprint: decisionFingerprint(other), eventTypes: ['ticket.status_changed'] }, options('revert'));
    expect(plan.kind).toBe('guard');
    expect(plan.change.comment?.body).toContain(words);
  });

  it('lets a covered Call be approved', () => {
    const covered = verdict('covered');
    const plan = planDecision({ verdict: covered, state: { ...approved, tags: [decisionTag(decisionFingerprint(covered), 'inscope_'), 'inscope_covered'] }, previousFingerprint: decisionFingerprint(covered), eventTypes: ['ticket.status_changed'] }, options('revert'));
    expect(plan.kind).toBe('noop');
  });
});
