// The shape of `inscope zendesk setup`: a list of steps computed from what the account already has.
// Each step says what it found or would do; steps that write carry an `apply` that does it.

export type SetupAction = 'ok' | 'create' | 'update' | 'store' | 'check';

export interface SetupStep {
  readonly action: SetupAction;
  /** What the step is about, e.g. `ticket field "Category"`. */
  readonly what: string;
  readonly detail?: string;
  /** Present for create, update and store: does the write and returns what it did, for the log. */
  readonly apply?: () => Promise<string>;
}

/** Ids the config's `helpdesks.zendesk` should carry, filled while planning and applying. */
export interface SetupIds {
  categoryField?: number;
  statuses: { new?: number; approved?: number };
  webhookId?: string;
}

const VERB: Record<SetupAction, string> = {
  ok: 'ok',
  create: 'would create',
  update: 'would update',
  store: 'would store',
  check: 'check',
};

/** One plan line: `  would create  custom status "Approved" (category open)`. */
export function formatStep(step: SetupStep): string {
  const detail = step.detail === undefined ? '' : step.detail.startsWith(':') ? step.detail : ` ${step.detail}`;
  return `  ${VERB[step.action].padEnd(13)} ${step.what}${detail}`;
}
