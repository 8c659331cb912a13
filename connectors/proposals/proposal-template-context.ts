// What a proposal template sees: the proposal in the customer's language, with every optional
// value present as null, so that `{% if proposal.acceptUrl %}` and `| default:` work under
// strict variables (which turn a misspelt placeholder into an error instead of an empty text).
import { estimateBasis } from '../../rules/index.js';
import type { Proposal } from './proposal.js';

export function toTemplateContext(proposal: Proposal): Record<string, unknown> {
  const locale = proposal.contact.locale;
  const view = {
    ...proposal,
    reason: proposal.reason[locale],
    replacesVersion: proposal.version > 1 ? proposal.version - 1 : null,
    hours: proposal.lines.reduce((sum, line) => sum + Math.round(line.hours * 100), 0) / 100,
    ticket: { id: proposal.ticket.id, subject: proposal.ticket.subject, url: proposal.ticket.url ?? null },
    organization: { id: proposal.organization.id ?? null, name: proposal.organization.name },
    contact: { name: proposal.contact.name ?? null, email: proposal.contact.email ?? null, locale },
    vendor: { name: proposal.vendor.name, email: proposal.vendor.email ?? null, vatNumber: proposal.vendor.vatNumber ?? null },
    // Stored before contracts could reverse-charge VAT: not reverse-charged.
    reverseCharge: proposal.reverseCharge ?? false,
    acceptUrl: proposal.acceptUrl ?? null,
    declineUrl: proposal.declineUrl ?? null,
    // `basis` is the sentence in the customer's language: "based on 7 similar requests (…)".
    estimate: proposal.estimate === undefined ? null : { ...proposal.estimate, basis: estimateBasis(proposal.estimate)[locale] },
  };
  return { proposal: view, vendor: view.vendor, locale };
}
