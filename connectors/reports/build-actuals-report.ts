// Quoted versus actual: for the accepted proposals of a span of months, the hours quoted beside the
// hours logged on their tickets, per organization, per request kind and per month. Pure and
// integer like the ledger: hours quoted in hundredths, logged in seconds; the ratio is computed once.
import type { ProposalActualRow } from '../store/proposal-store.js';

export interface ActualsGroup {
  /** Organization id (else contract id), request kind, or month `YYYY-MM`. */
  readonly key: string;
  /** What people read: the organization's name; the kind and the month as they are. */
  readonly label: string;
  readonly accepted: number;
  /** Accepted proposals whose ticket has logged time: only these enter the sums and the ratio. */
  readonly measured: number;
  /** Measured proposals whose actual exceeded the quote. */
  readonly over: number;
  /** Hours × 100 quoted, over the measured proposals. */
  readonly quoted: number;
  /** Seconds logged, over the measured proposals. */
  readonly loggedSeconds: number;
  /** Actual ÷ quoted hours, two decimals (1.25: a quarter more than quoted); null when nothing was measured. */
  readonly ratio: number | null;
}

export interface ActualsReport {
  readonly from: string;
  readonly to: string;
  readonly total: ActualsGroup;
  readonly byOrganization: readonly ActualsGroup[];
  readonly byKind: readonly ActualsGroup[];
  readonly byMonth: readonly ActualsGroup[];
}

export interface BuildActualsReportInput {
  /** The accepted proposals, each in the month it was accepted; those outside the span are left out. */
  readonly proposals: readonly ProposalActualRow[];
  readonly from: string;
  readonly to: string;
  /** Only this organization id (or contract id). */
  readonly organization?: string;
}

/** Shown for proposals made before the request kind was kept (migration 4). */
export const UNKNOWN_KIND = 'unknown';

function group(key: string, label: string, proposals: readonly ProposalActualRow[]): ActualsGroup {
  const measured = proposals.filter((p) => p.loggedSeconds !== null);
  const quoted = measured.reduce((sum, p) => sum + p.hundredthHours, 0);
  const loggedSeconds = measured.reduce((sum, p) => sum + (p.loggedSeconds ?? 0), 0);
  return {
    key,
    label,
    accepted: proposals.length,
    measured: measured.length,
    over: measured.filter((p) => (p.loggedSeconds ?? 0) * 100 > p.hundredthHours * 3600).length,
    quoted,
    loggedSeconds,
    // (seconds / 3600) ÷ (hundredths / 100), in hundredths: integers first, so 1.025 is 103 and not 102.49….
    ratio: quoted === 0 ? null : Math.round((loggedSeconds * 100) / (36 * quoted)) / 100,
  };
}

function groupBy(proposals: readonly ProposalActualRow[], keyOf: (p: ProposalActualRow) => string, labelOf: (key: string, first: ProposalActualRow) => string): ActualsGroup[] {
  const groups = new Map<string, ProposalActualRow[]>();
  for (const p of proposals) {
    const key = keyOf(p);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  return [...groups].map(([key, list]) => group(key, labelOf(key, list[0]!), list));
}

const organizationKey = (p: ProposalActualRow) => p.organizationId ?? p.contractId ?? p.organizationName ?? '-';
const byLabel = (a: ActualsGroup, b: ActualsGroup) => a.label.localeCompare(b.label, 'en') || a.key.localeCompare(b.key, 'en');
const byKey = (a: ActualsGroup, b: ActualsGroup) => a.key.localeCompare(b.key, 'en');

export function buildActualsReport(input: BuildActualsReportInput): ActualsReport {
  const org = input.organization;
  const accepted = input.proposals.filter((p) => p.budgetMonth >= input.from && p.budgetMonth <= input.to
    && (org === undefined || p.organizationId === org || p.contractId === org));
  return {
    from: input.from,
    to: input.to,
    total: group('total', 'total', accepted),
    byOrganization: groupBy(accepted, organizationKey, (_, first) => first.organizationName || organizationKey(first)).sort(byLabel),
    byKind: groupBy(accepted, (p) => p.requestKind ?? UNKNOWN_KIND, (key) => key).sort(byKey),
    byMonth: groupBy(accepted, (p) => p.budgetMonth, (key) => key).sort(byKey),
  };
}

/** The months from `from` to `to` inclusive, `YYYY-MM`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (text > to) break;
    months.push(text);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return months;
}

/** The month `count` months before `month` (`YYYY-MM`). */
export function monthsBefore(month: string, count: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) - count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
