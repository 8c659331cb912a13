// Triage a ticket as the port read it, reading its attachments only when the verdict needs them:
// Zendesk keeps attachments on the comments, a second API call per ticket, and most decisions never
// look at them (an error text settles "error text, steps or an attachment" before the attachment).
import type { Engine, Verdict } from '../../rules/index.js';
import type { TicketState } from './helpdesk-port.js';

export interface TriagedTicket {
  /** The state the verdict was made on: with the attachments read when the verdict needed them. */
  readonly state: TicketState;
  readonly verdict: Verdict;
}

export async function triageTicket(engine: Engine, state: TicketState): Promise<TriagedTicket> {
  const verdict = engine.triage(state.item);
  if (verdict.readAttachments !== true || state.loadAttachments === undefined) return { state, verdict };
  const { loadAttachments, ...rest } = state;
  const item = await loadAttachments();
  return { state: { ...rest, item }, verdict: engine.triage(item) };
}
