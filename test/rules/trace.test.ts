// The trace: config hash, facts with sources, the contract in words, every evaluated rule in order
// with its condition tree and what each condition saw, and the deciding rule.
import { describe, expect, it } from 'vitest';
import type { ConditionTrace, CoverageRule, Trace } from '../../rules/index.js';
import { contractDef, engineFor, reason, workItem } from './builders.js';

const coverage: CoverageRule[] = [
  { id: 'expired', when: { contract: 'expired' }, verdict: 'advisory', reason: reason('Expired') },
  {
    id: 'how-to',
    when: { all: [{ text: { phrases: ['hoe stel ik'] } }, { not: { text: { words: ['foutmelding'] } } }] },
    verdict: 'advisory',
    reason: reason('How-to'),
  },
  { id: 'defect', when: { text: { words: ['foutmelding'] } }, verdict: 'covered', reason: reason('Defect') },
  { id: 'never-reached', when: { all: [] }, verdict: 'review', reason: reason('Never') },
];
const engine = engineFor({
  facts: { product: { field: 'product', words: { finance: ['boekhouding'] } } },
  contracts: [contractDef({ id: 'C-7', validUntil: '2026-12-31' })],
  completeness: [{ id: 'product-known', require: { fact: 'product', present: true }, missing: reason('Which product?') }],
  coverage,
});
const item = workItem({ subject: 'Boekhouding', description: 'Hoe stél ik dit in? Ik krijg een foutmelding.' });

describe('trace', () => {
  const verdict = engine.triage(item);
  const trace = verdict.trace;

  it('names the config hash, the facts with their source and the deciding rule', () => {
    expect(trace.configHash).toBe('test-hash');
    expect(trace.facts['product']).toEqual({ value: 'finance', source: 'subject' });
    expect(trace.decidedBy).toBe('defect');
    expect(verdict.rule).toBe('defect');
  });

  it('lists the evaluated rules in order and stops after the deciding one', () => {
    expect(trace.rules.map((r) => [r.phase, r.ruleId, r.passed, r.decided])).toEqual([
      ['completeness', 'product-known', true, false],
      ['coverage', 'expired', false, false],
      ['coverage', 'how-to', false, false],
      ['coverage', 'defect', true, true],
    ]);
  });

  it('records what each condition saw', () => {
    const howTo = trace.rules[2]?.condition as ConditionTrace;
    expect(howTo).toMatchObject({ kind: 'all', passed: false });
    expect(howTo.children?.[0]).toMatchObject({ kind: 'text', passed: true, saw: '"hoe stel ik" in the description' });
    expect(howTo.children?.[1]).toMatchObject({ kind: 'not', passed: false });
    expect(howTo.children?.[1]?.children?.[0]).toMatchObject({ kind: 'text', passed: true, saw: '"foutmelding" in the description' });
    expect(trace.rules[1]?.condition).toMatchObject({ kind: 'contract', describe: 'contract is expired', saw: 'active (C-7)', passed: false });
    expect(trace.rules[0]?.condition?.children?.[0]).toMatchObject({ describe: 'fact product is present', saw: '"finance" from subject' });
  });

  it('describes the contract resolution in words', () => {
    expect(trace.contract).toContain('C-7 "Gold 2026" (gold) matched by organizationId');
    expect(trace.contract).toContain('created 2026-10-05 in Europe/Amsterdam; valid 2026-01-01 to 2026-12-31 inclusive');
    expect(trace.contract).toContain('state active');
  });

  it('takes the product of a one-product contract when the ticket names none', () => {
    const implied = engine.triage(workItem({ subject: 'x' }));
    expect(implied.facts['product']).toEqual({ value: 'finance', source: 'contract' });
    expect(implied.trace.contract).toContain('product finance taken from the contract, its only product');
  });

  it('says when the product is unknown and not checked', () => {
    const twoProducts = engineFor({
      facts: { product: { words: { finance: ['boekhouding'] } } },
      completeness: [{ id: 'product-known', require: { fact: 'product', present: true }, missing: reason('Which product?') }],
      completenessMode: 'always',
      contracts: [contractDef({ id: 'C-7', validUntil: '2026-12-31', products: [{ product: 'finance' }, { product: 'payroll' }] })],
    });
    const unknown = twoProducts.triage(workItem({ subject: 'x' })).trace;
    expect(unknown.contract).toContain('product unknown, so product, module and version were not checked');
    expect(unknown.decidedBy).toBe('product-known');
    expect(unknown.rules.map((r) => r.ruleId)).toEqual(['product-known']);
  });

  it('is complete in JSON, as logs and HTTP responses carry it', () => {
    const json = JSON.parse(JSON.stringify(verdict)) as { trace: Trace };
    expect(json.trace.rules).toHaveLength(4);
    expect(json.trace.contract).toBe(trace.contract);
    expect(json.trace.decidedBy).toBe('defect');
  });

  it('is the same for the same item every time', () => {
    expect(JSON.stringify(engine.triage(item))).toBe(JSON.stringify(engine.triage(item)));
  });

  it('has a null decidedBy and all coverage rules when nothing decides', () => {
    const quiet = engineFor({ coverage: coverage.slice(0, 3) }).triage(workItem({ description: 'Hallo' })).trace;
    expect(quiet.decidedBy).toBeNull();
    expect(quiet.rules.map((r) => r.decided)).toEqual([false, false, false]);
  });
});
