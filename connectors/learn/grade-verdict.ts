// How a verdict compares with the category people set, for `inscope learn`'s cross-validation:
// Call means they treated the request as covered, any other category as not. A review is no answer
// and an incomplete verdict asks for information first, so neither is right or wrong.
import type { Verdict } from '../../rules/model.js';

export type Grade = 'right' | 'wrong' | 'review' | 'incomplete';

export type Tally = Record<Grade, number>;

export const emptyTally = (): Tally => ({ right: 0, wrong: 0, review: 0, incomplete: 0 });

export function gradeVerdict(verdict: Pick<Verdict, 'outcome' | 'category'>, covered: boolean): Grade {
  if (verdict.outcome === 'review' || verdict.outcome === 'incomplete') return verdict.outcome;
  return (verdict.category === 'call') === covered ? 'right' : 'wrong';
}
