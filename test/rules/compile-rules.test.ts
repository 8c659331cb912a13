// Compiling: clear errors at compile time that name where the problem is; a compiled engine is
// reusable and independent of the config object afterwards.
import { describe, expect, it } from 'vitest';
import { compileRules, type RulesConfig } from '../../rules/index.js';
import { contractDef, engineFor, reason, rulesConfig, workItem } from './builders.js';

describe('compileRules', () => {
  it.each<[string, Partial<RulesConfig>, RegExp]>([
    ['an invalid regex in a coverage rule', { coverage: [{ id: 'how-to', when: { text: { regex: '(' } }, verdict: 'covered', reason: reason('x') }] },
      /coverage rule "how-to": invalid regular expression "\("/],
    ['an invalid regex in a completeness rule', { completeness: [{ id: 'needs-error', require: { fact: 'x', matches: '[' }, missing: reason('x') }] },
      /completeness rule "needs-error" \(require\): invalid regular expression/],
    ['an invalid regex in a fact pattern', { facts: { version: { pattern: '(?<' } } }, /fact "version" \(pattern\): invalid regular expression/],
    ['an unknown time zone', { contracts: [contractDef({ id: 'C-9', timeZone: 'Europe/Atlantis' })] }, /contract "C-9": unknown time zone "Europe\/Atlantis"/],
    ['a version range it cannot read', { contracts: [contractDef({ id: 'C-8', products: [{ product: 'finance', versions: ['^9'] }] })] },
      /contract "C-8", product finance: unsupported version range "\^9"/],
  ])('throws naming the place for %s', (_name, overrides, message) => {
    expect(() => compileRules(rulesConfig(overrides), { configHash: 'h' })).toThrow(message);
  });

  it('accepts a regex that only the legacy syntax allows', () => {
    const engine = engineFor({ coverage: [{ id: 'r', when: { text: { regex: '[\\w-.]+@x' } }, verdict: 'covered', reason: reason('x') }] });
    expect(engine.triage(workItem({ description: 'mail a.b-c@x' })).rule).toBe('r');
  });

  it('exposes the config hash', () => {
    expect(engineFor().configHash).toBe('test-hash');
  });

  it('throws for a work item whose createdAt is not an instant', () => {
    expect(() => engineFor().triage(workItem({ id: '42', createdAt: 'gisteren' }))).toThrow(/work item 42: createdAt "gisteren"/);
  });

  it('gives the same verdicts however many items it triages in between', () => {
    const engine = engineFor({ coverage: [{ id: 'crash', when: { text: { words: ['crash'] } }, verdict: 'covered', reason: reason('x') }] });
    const crash = workItem({ description: 'crash' });
    const first = engine.triage(crash);
    for (let i = 0; i < 50; i++) engine.triage(workItem({ description: `ander ${i}` }));
    expect(engine.triage(crash).rule).toBe('crash');
    expect(first.trace.rules[0]?.condition?.saw).toBe('"crash" in the description');
  });
});
