// Reads the accepted proposals of a span of months and builds quoted versus actual: shared by
// `inscope budget report` and `GET /reports/budget`.
import type { ProposalStore } from '../store/proposal-store.js';
import { buildActualsReport, monthsBefore, monthsBetween, type ActualsReport } from './build-actuals-report.js';
import { isReportMonth } from './report-month.js';

/** Twelve months ending with the statement's: a single month has too few proposals to judge a quote by. */
export const DEFAULT_ACTUALS_MONTHS = 12;
/** Ten years: a bound, so that a typo in --since does not read the whole history by surprise. */
export const MAX_ACTUALS_MONTHS = 120;

/** The first month of the default span ending with `month`. */
export const defaultActualsFrom = (month: string) => monthsBefore(month, DEFAULT_ACTUALS_MONTHS - 1);

/** Why `since` cannot start a span ending with `month`, or null when it can. */
export function actualsSinceProblem(since: unknown, month: string): string | null {
  const span = isReportMonth(since) ? monthsBetween(since, month).length : 0;
  return span > 0 && span <= MAX_ACTUALS_MONTHS ? null : `expected a month YYYY-MM from ${MAX_ACTUALS_MONTHS} months before the report's month up to it, got ${JSON.stringify(since)}`;
}

export async function loadActualsReport(
  store: Pick<ProposalStore, 'listProposalActuals'>,
  span: { readonly from: string; readonly to: string; readonly organization?: string | undefined },
): Promise<ActualsReport> {
  const months = monthsBetween(span.from, span.to);
  if (months.length === 0 || months.length > MAX_ACTUALS_MONTHS) {
    throw new RangeError(`the span ${span.from} to ${span.to} must run forwards and cover at most ${MAX_ACTUALS_MONTHS} months`);
  }
  // An accepted proposal's budget month is the month it was accepted (in its contract's time zone).
  const proposals = await store.listProposalActuals({ from: span.from, to: span.to });
  return buildActualsReport({ proposals, from: span.from, to: span.to, ...(span.organization !== undefined && { organization: span.organization }) });
}
