// The reason a `review` verdict gives when no rule decides: the config's `review.reason`, else the
// built-in text.
import { describe, expect, it } from 'vitest';
import { engineFor, reason, workItem } from './builders.js';

describe('review reason', () => {
  it('gives the configured reason when no rule decides', () => {
    const verdict = engineFor({ review: { reason: reason('A support manager looks at this today.') } }).triage(workItem());
    expect(verdict.outcome).toBe('review');
    expect(verdict.rule).toBeNull();
    expect(verdict.reasons).toEqual([reason('A support manager looks at this today.')]);
  });

  it('gives the built-in reason without one', () => {
    expect(engineFor().triage(workItem()).reasons[0]?.en).toBe('No rule decided; the support manager reviews this request.');
  });

  it('leaves a review rule\'s own reason alone', () => {
    const verdict = engineFor({
      review: { reason: reason('configured') },
      coverage: [{ id: 'odd', when: { all: [] }, verdict: 'review', reason: reason('odd one') }],
    }).triage(workItem());
    expect(verdict.reasons).toEqual([reason('odd one')]);
  });
});
