// The helpdesk-neutral data the sidebar panel shows and the port it acts through. The Zendesk app
// fills these from the connector's sidebar API (`GET /api/v1/zendesk/tickets/:id/verdict`); the Jira
// sidebar will fill them from its own route. Nothing here knows which helpdesk is on the other side.
import type { ContractSummary, Verdict } from '../../rules/model.js';
import type { ContractProduct } from '../../rules/rules-config.js';

export interface ContractDetails extends ContractSummary {
  /** The contract's product entries from the config: product, and the versions and modules it covers. */
  readonly coveredProducts: readonly ContractProduct[];
  readonly autoApprove: boolean;
  readonly hourlyRate: number;
  readonly currency: string;
  readonly monthlyBudget: unknown;
}

/** One organization's budget this month. `cap` is in hours or money (or both); figures in the same unit as the cap's amount. */
export interface BudgetSnapshot {
  readonly cap: { readonly hours?: number; readonly amount?: number };
  readonly committed: number;
  readonly pending: number;
  readonly currency: string;
  /** Shadow mode: `committed` counts the proposals InScope made without sending them. */
  readonly shadow?: boolean;
}

export interface LastDecision {
  readonly at: string;
  readonly outcome: string;
  readonly rule: string | null;
  readonly note: string | null;
}

export interface SidebarData {
  readonly ticket: {
    readonly id: string; readonly subject: string; readonly category: string | null; readonly status: string | null;
    /** ISO 8601 instant the ticket was created: the day the contract was checked on. */
    readonly createdAt?: string;
  };
  readonly verdict: Verdict;
  readonly contract: ContractDetails | null;
  /** Null until proposals and budgets land in the connector. */
  readonly budget: BudgetSnapshot | null;
  readonly lastDecision: LastDecision | null;
  /** The advisory proposal's progress, once the connector tracks proposals; absent means a draft at most. */
  readonly proposal?: { readonly state: 'draft' | 'sent' | 'accepted' } | null;
  /** True when the connector runs in shadow mode: actions are recorded, not applied. */
  readonly shadow?: boolean;
}

export interface ProposalFigures {
  readonly hours: number;
  readonly hourlyRate: number;
  readonly currency: string;
  readonly amount: number;
  readonly scope: string;
}

/** The agent's actions; each rejects with a SidebarApiError. */
export interface SidebarApi {
  load(): Promise<SidebarData>;
  approve(body: { reason?: string }): Promise<{ applied?: boolean; status?: string }>;
  requestInfo(): Promise<{ message: string; missing: readonly { id: string }[] }>;
  /** Over the budget cap the connector answers 409 `over_budget`; `confirmOverBudget` sends anyway. */
  convert(body: { hours: number; scope: string; confirmOverBudget?: boolean }): Promise<{ proposal: ProposalFigures }>;
  reevaluate(): Promise<{ queued?: boolean }>;
}

/** What the panel asks of the helpdesk page around it. */
export interface SidebarHost {
  /** Puts text into the agent's reply editor for review; never sends it. */
  insertReply(text: string): Promise<void>;
}

export class SidebarApiError extends Error {
  override name = 'SidebarApiError';
  /** HTTP status; 0 when the connector could not be reached at all. */
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function isSidebarApiError(error: unknown): error is SidebarApiError {
  return error instanceof SidebarApiError;
}
