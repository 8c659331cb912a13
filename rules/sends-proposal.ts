// Whether an advisory verdict sends the customer a proposal. A rule with `proposal: none` decides
// advisory without one (the draft says `send: false`): the connectors, the sidebars, triage and
// simulate all ask this one question rather than read the draft themselves.
import type { Verdict } from './model.js';

/** True for an advisory verdict whose draft is to be sent; false for every other verdict. */
export function sendsProposal(verdict: Pick<Verdict, 'outcome' | 'proposal'>): boolean {
  return verdict.outcome === 'advisory' && verdict.proposal !== null && verdict.proposal.send !== false;
}

/** Advisory, yet no proposal: the rule has `proposal: none` (or, defensively, there is no draft). */
export function isAdvisoryWithoutProposal(verdict: Pick<Verdict, 'outcome' | 'proposal'>): boolean {
  return verdict.outcome === 'advisory' && !sendsProposal(verdict);
}
