// One HTTP attempt as every helpdesk client reports it to its onCall hook. It lives here, not in
// an adapter, because the Zendesk and Jira clients both emit it and the audit log and metrics read it.
import type { HelpdeskErrorKind } from './helpdesk-error.js';

/** What the onCall hook receives per HTTP attempt (for the audit log and metrics). No bodies, no headers. */
export interface CallRecord {
  readonly method: string;
  /** Path without host or query, e.g. `/api/v2/tickets/123.json`. */
  readonly path: string;
  /** Absent when no response arrived (network error, timeout). */
  readonly status?: number;
  readonly durationMs: number;
  /** 1 for the first try, 2 for the first retry… */
  readonly attempt: number;
  readonly errorKind?: HelpdeskErrorKind;
}
