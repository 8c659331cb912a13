// The four outcomes with their category, status, reasons and proposal.
import { describe, expect, it } from 'vitest';
import { isAdvisoryWithoutProposal, sendsProposal, type CompletenessRule, type CoverageRule, type RulesConfig, type Verdict, type WorkItem } from '../../rules/index.js';
import { itemOwnText } from '../../rules/mail-text.js';
import { TriageVerdict } from '../../rules/triage-verdict.js';
import { contractDef, engineFor, reason, workItem } from './builders.js';

const facts = { product: { field: 'product' }, steps: { field: 'steps' } };
const completeness: CompletenessRule[] = [
  { id: 'product-known', require: { fact: 'product', present: true }, missing: { en: 'Which product?', nl: 'Welk product?' } },
  {
    id: 'steps-for-crash',
    when: { text: { words: ['crash'] } },
    require: { fact: 'steps', present: true },
    missing: { en: 'Which steps?', nl: 'Welke stappen?' },
  },
];
const coverage: CoverageRule[] = [
  { id: 'no-contract', when: { contract: 'none' }, verdict: 'advisory', reason: reason('No contract') },
  { id: 'how-to', when: { text: { phrases: ['hoe stel ik'] } }, verdict: 'advisory', estimateHours: 3, reason: reason('How-to') },
  { id: 'urgent', when: { all: [{ contract: 'active' }, { tags: { any: ['urgent'] } }] }, verdict: 'covered', autoApprove: true, reason: reason('Urgent') },
  { id: 'strange', when: { tags: { any: ['strange'] } }, verdict: 'review', reason: reason('Strange') },
  { id: 'defect', when: { all: [{ contract: 'active' }, { text: { words: ['fout', 'crash'] } }] }, verdict: 'covered', reason: reason('Defect') },
];

// Two products, so that a ticket naming none leaves the product open (one product would be implied).
const twoProducts = [contractDef({ products: [{ product: 'finance' }, { product: 'payroll' }] })];

function triage(item: Partial<WorkItem>, overrides: Partial<RulesConfig> = {}): Verdict {
  return engineFor({ facts, completeness, coverage, ...overrides }).triage(workItem({ fields: { product: 'finance' }, ...item }));
}

describe('verdicts', () => {
  it.each<[string, Partial<WorkItem>, Partial<Verdict>]>([
    ['incomplete names the first missing item as its rule', { fields: { steps: '' }, description: 'crash' },
      { outcome: 'incomplete', category: 'call', status: 'new', rule: 'steps-for-crash', proposal: null }],
    ['covered is a call, new when the contract does not auto-approve', { description: 'een fout' },
      { outcome: 'covered', category: 'call', status: 'new', rule: 'defect', proposal: null }],
    ['covered is approved when the rule auto-approves', { description: 'fout', tags: ['urgent'] },
      { outcome: 'covered', category: 'call', status: 'approved', rule: 'urgent' }],
    ['advisory is category advisory with a proposal', { description: 'Hoe stel ik dit in?' },
      { outcome: 'advisory', category: 'advisory', status: 'new', rule: 'how-to' }],
    ['review by a rule is a new call, flagged by that rule', { tags: ['strange'] },
      { outcome: 'review', category: 'call', status: 'new', rule: 'strange', proposal: null }],
    ['review when no rule decides', { description: 'Hallo' },
      { outcome: 'review', category: 'call', status: 'new', rule: null, proposal: null, missing: [] }],
  ])('%s', (_name, item, expected) => {
    expect(triage(item)).toMatchObject(expected);
  });

  it('lists every missing item and uses their texts as reasons', () => {
    const verdict = triage({ fields: {}, description: 'crash' }, { contracts: twoProducts });
    expect(verdict.missing.map((m) => m.id)).toEqual(['product-known', 'steps-for-crash']);
    expect(verdict.reasons).toEqual([{ en: 'Which product?', nl: 'Welk product?' }, { en: 'Which steps?', nl: 'Welke stappen?' }]);
  });

  it('skips a completeness rule whose when does not hold', () => {
    expect(triage({ description: 'geen probleem' }).missing).toEqual([]);
  });

  it('gives the fixed reason in both languages when no rule decides', () => {
    expect(triage({ description: 'Hallo' }).reasons).toEqual([
      { en: 'No rule decided; the support manager reviews this request.', nl: 'Geen regel gaf de doorslag; de supportmanager beoordeelt deze aanvraag.' },
    ]);
  });

  it('approves a covered request when the contract auto-approves and the rule does not say', () => {
    const verdict = triage({ description: 'fout' }, { contracts: [contractDef({ autoApprove: true })] });
    expect(verdict).toMatchObject({ outcome: 'covered', status: 'approved' });
  });

  it('lets the rule overrule the contract on auto-approval', () => {
    const rules = coverage.map((r) => (r.id === 'defect' ? { ...r, autoApprove: false } : r));
    const verdict = triage({ description: 'fout' }, { contracts: [contractDef({ autoApprove: true })], coverage: rules });
    expect(verdict.status).toBe('new');
  });

  it('carries the contract summary and the facts', () => {
    const verdict = triage({ description: 'fout' });
    expect(verdict.contract).toEqual({
      id: 'C-1', name: 'Gold 2026', level: 'gold', state: 'active', validFrom: '2026-01-01', validUntil: '2026-12-31',
      timeZone: 'Europe/Amsterdam', products: ['finance'], matchedBy: 'organizationId',
    });
    expect(verdict.facts['product']).toEqual({ value: 'finance', source: 'field' });
  });
});

describe("the verdict's own text", () => {
  it.each([
    ['a text with nothing to cut', 'De export werkt niet sinds de update.'],
    ['a quoted reply and a signature', 'De export werkt niet.\n\nMet vriendelijke groet,\nJan\n\nOp 3 maart 2026 schreef Support <support@example.com>:\n> Hoe gaat het met de export?'],
    ['an empty description', ''],
  ])('is the customer\'s own text of the description, as itemOwnText reads it: %s', (_, description) => {
    const item = workItem({ fields: { product: 'finance' }, description });
    const verdict = engineFor({ facts, completeness, coverage }).triage(item);
    expect(verdict).toBeInstanceOf(TriageVerdict);
    expect((verdict as TriageVerdict).ownText()).toBe(itemOwnText(item));
  });
});

describe('proposal drafts', () => {
  it.each<[string, Partial<RulesConfig>, Partial<WorkItem>, { hours: number; hourlyRate: number; currency: string; amount: number }]>([
    ['uses the rule hours and the defaults without a contract', { contracts: [] }, { description: 'hoe stel ik' },
      { hours: 2, hourlyRate: 135, currency: 'EUR', amount: 270 }],
    ['uses the rule estimate and the contract rate and currency', { contracts: [contractDef({ hourlyRate: 150, currency: 'GBP' })] }, { description: 'hoe stel ik' },
      { hours: 3, hourlyRate: 150, currency: 'GBP', amount: 450 }],
    ['falls back to the contract estimate', { contracts: [contractDef({ estimateHours: 1.5, hourlyRate: 160, currency: 'USD' })],
      coverage: [{ id: 'adv', when: { all: [] }, verdict: 'advisory', reason: reason('x') }] }, {},
    { hours: 1.5, hourlyRate: 160, currency: 'USD', amount: 240 }],
    ['rounds the amount to cents, half up', { contracts: [contractDef({ hourlyRate: 135.33 })],
      coverage: [{ id: 'adv', when: { all: [] }, verdict: 'advisory', estimateHours: 2.5, reason: reason('x') }] }, {},
    { hours: 2.5, hourlyRate: 135.33, currency: 'EUR', amount: 338.33 }],
    ['rounds a repeating amount to cents', { contracts: [contractDef({ hourlyRate: 99.99 })],
      coverage: [{ id: 'adv', when: { all: [] }, verdict: 'advisory', estimateHours: 1 / 3, reason: reason('x') }] }, {},
    { hours: 1 / 3, hourlyRate: 99.99, currency: 'EUR', amount: 33.33 }],
  ])('%s', (_name, overrides, item, expected) => {
    const verdict = triage(item, overrides);
    expect(verdict.outcome).toBe('advisory');
    expect(verdict.proposal).toMatchObject(expected);
    expect(verdict.proposal?.reason).toEqual(verdict.reasons[0]);
  });
});

describe('an advisory rule with proposal: none', () => {
  const none = (proposal?: 'send' | 'none'): Partial<RulesConfig> => ({
    coverage: [{ id: 'other', when: { all: [] }, verdict: 'advisory', estimateHours: 1, reason: reason('Thanks'), ...(proposal ? { proposal } : {}) }],
  });

  it.each<[string, 'send' | 'none' | undefined, boolean]>([
    ['sends the draft by default', undefined, true],
    ['sends the draft with proposal: send', 'send', true],
    ['marks the draft not to be sent with proposal: none', 'none', false],
  ])('%s', (_name, proposal, sends) => {
    const verdict = triage({}, none(proposal));
    expect([verdict.outcome, verdict.category, verdict.status, verdict.rule]).toEqual(['advisory', 'advisory', 'new', 'other']);
    expect(verdict.reasons).toEqual([reason('Thanks')]);
    // The figures stay: what a proposal would cost, for an agent who makes one by hand.
    expect(verdict.proposal).toMatchObject({ hours: 1, hourlyRate: 135, currency: 'EUR', amount: 135 });
    expect(verdict.proposal?.send).toBe(sends ? undefined : false);
    expect([sendsProposal(verdict), isAdvisoryWithoutProposal(verdict)]).toEqual([sends, !sends]);
  });

  it('says so in the trace', () => {
    expect(triage({}, none('none')).trace.contract).toContain('no proposal sent: rule "other" has proposal: none');
    expect(triage({}, none()).trace.contract).not.toContain('no proposal');
  });

  it.each<[string, Pick<Verdict, 'outcome' | 'proposal'>, boolean, boolean]>([
    ['an advisory verdict with no draft at all', { outcome: 'advisory', proposal: null }, false, true],
    ['a covered verdict', { outcome: 'covered', proposal: null }, false, false],
    ['a review verdict', { outcome: 'review', proposal: null }, false, false],
  ])('treats %s as sending no proposal', (_name, verdict, sends, without) => {
    expect([sendsProposal(verdict), isAdvisoryWithoutProposal(verdict)]).toEqual([sends, without]);
  });
});
