// Named conditions: `{ condition: name }` evaluates the condition declared under `conditions`,
// compiled once, shown in the trace as `condition "name"` with the named condition beneath.
import { describe, expect, it } from 'vitest';
import type { Condition, ConditionTrace } from '../../rules/index.js';
import { engineFor, probe, reason, workItem } from './builders.js';

const conditions: Record<string, Condition> = {
  defect: { text: { words: ['foutmelding', 'error'] } },
  'urgent-defect': { all: [{ condition: 'defect' }, { tags: { any: ['urgent'] } }] },
};

describe('named conditions', () => {
  it.each<[string, Condition, Parameters<ReturnType<typeof probe>>[0], boolean]>([
    ['holds when the named condition holds', { condition: 'defect' }, { description: 'Een foutmelding' }, true],
    ['fails when the named condition fails', { condition: 'defect' }, { description: 'Een vraag' }, false],
    ['follows a name inside a named condition', { condition: 'urgent-defect' }, { description: 'error', tags: ['urgent'] }, true],
    ['follows a name inside a named condition (failing)', { condition: 'urgent-defect' }, { description: 'error', tags: [] }, false],
    ['negates a named condition', { not: { condition: 'defect' } }, { description: 'Een vraag' }, true],
  ])('%s', (_name, when, item, expected) => {
    expect(probe(when, { conditions })(item)).toBe(expected);
  });

  it('shows the name in the trace with the named condition as its child', () => {
    const engine = engineFor({ conditions, coverage: [{ id: 'r', when: { condition: 'urgent-defect' }, verdict: 'covered', reason: reason('r') }] });
    const condition = engine.triage(workItem({ description: 'error', tags: ['urgent'] })).trace.rules[0]?.condition as ConditionTrace;
    expect(condition).toMatchObject({ kind: 'condition', describe: 'condition "urgent-defect"', passed: true });
    expect(condition.children?.[0]?.kind).toBe('all');
    expect(condition.children?.[0]?.children?.[0]).toMatchObject({ kind: 'condition', describe: 'condition "defect"', passed: true });
    expect(condition.children?.[0]?.children?.[0]?.children?.[0]).toMatchObject({ kind: 'text', saw: '"error" in the description' });
  });

  it('refuses an unknown name at compile time', () => {
    expect(() => engineFor({ coverage: [{ id: 'r', when: { condition: 'nope' }, verdict: 'covered', reason: reason('r') }] }))
      .toThrow('coverage rule "r": unknown condition "nope"');
  });

  it('refuses named conditions that refer to each other in a cycle, naming it', () => {
    const cyclic: Record<string, Condition> = { a: { not: { condition: 'b' } }, b: { any: [{ condition: 'a' }] } };
    expect(() => engineFor({ conditions: cyclic })).toThrow('named conditions refer to each other in a cycle: a → b → a');
  });

  it('compiles a named condition once however often it is used', () => {
    let reads = 0;
    const counted = { text: { get words() { reads++; return ['error']; } } } as Condition;
    engineFor({
      conditions: { defect: counted },
      coverage: ['r1', 'r2', 'r3'].map((id) => ({ id, when: { condition: 'defect' }, verdict: 'covered' as const, reason: reason(id) })),
    });
    // Compiling a text condition reads its words a fixed number of times; three uses must not triple it.
    const once = reads;
    reads = 0;
    engineFor({ conditions: { defect: counted }, coverage: [] });
    expect(once).toBe(reads);
  });
});
