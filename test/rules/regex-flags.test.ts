// `caseSensitive: true` beside a regular expression: in a text match, a fact condition and a fact
// pattern. Without it, matching ignores case as before; the trace shows /…/ or /…/i.
import { describe, expect, it } from 'vitest';
import type { Condition, ConditionTrace } from '../../rules/index.js';
import { engineFor, probe, reason, workItem } from './builders.js';

describe('regex flags', () => {
  it.each<[string, Condition, string, boolean]>([
    ['a text regex ignores case by default', { text: { regex: 'ERR-\\d+' } }, 'err-12', true],
    ['a case-sensitive text regex tells case apart', { text: { regex: 'ERR-\\d+', caseSensitive: true } }, 'err-12', false],
    ['a case-sensitive text regex matches the same case', { text: { regex: 'ERR-\\d+', caseSensitive: true } }, 'ERR-12', true],
    ['a fact regex ignores case by default', { fact: 'description', matches: '^SAP' }, 'sap kapot', true],
    ['a case-sensitive fact regex tells case apart', { fact: 'description', matches: '^SAP', caseSensitive: true }, 'sap kapot', false],
    ['a case-sensitive regex in Unicode mode tells case apart', { text: { regex: '\\p{Lu}{3}', caseSensitive: true } }, 'abc', false],
    ['a case-insensitive regex in Unicode mode ignores case', { text: { regex: '\\p{Lu}{3}' } }, 'abc', true],
  ])('%s', (_name, when, description, expected) => {
    expect(probe(when)({ description })).toBe(expected);
  });

  it('applies to a fact pattern', () => {
    const facts = (caseSensitive: boolean) => engineFor({ facts: { code: { pattern: 'E\\d+', caseSensitive } } }).triage(workItem({ description: 'e1 then E2' })).facts;
    expect(facts(false)['code']?.value).toBe('e1');
    expect(facts(true)['code']?.value).toBe('E2');
  });

  it('shows the flags in the trace', () => {
    const engine = engineFor({
      coverage: [{
        id: 'r', verdict: 'covered', reason: reason('r'),
        when: { all: [{ text: { regex: 'A', caseSensitive: true } }, { text: { regex: 'B' } }, { fact: 'subject', matches: 'C', caseSensitive: true }] },
      }],
    });
    const children = (engine.triage(workItem()).trace.rules[0]?.condition as ConditionTrace).children ?? [];
    expect(children.map((c) => c.describe)).toEqual([
      'subject or description matches /A/', 'subject or description matches /B/i', 'fact subject matches /C/',
    ]);
  });
});
