// Turns an advisory verdict (and, from the sidebar's Convert action, the agent's hours and scope)
// into a proposal document. Pure: the number, version and clock are arguments; the store assigns
// the number and persists the result.
import type { Locale, Verdict, WorkItem } from '../../rules/index.js';
import type { CoverageConfig } from '../config/config-schema.js';
import { contractVat } from './contract-vat.js';
import { DEFAULT_TERMS } from './default-terms.js';
import { toMinorUnits } from './minor-units.js';
import { proposalValidUntil } from './proposal-dates.js';
import { ProposalError } from './proposal-error.js';
import { computeProposalTotals, type EstimateLine } from './proposal-totals.js';
import type { Proposal } from './proposal.js';

/** What an agent enters when converting a ticket; each field replaces the rule's draft. */
export interface AgentProposalInput {
  readonly hours?: number;
  readonly scope?: string;
  /** Hourly rate in major units (135.5); default: the contract's, else the vendor default. */
  readonly rate?: number;
  /** Several estimate lines instead of one; each line's rate defaults as above. */
  readonly lines?: readonly { readonly description: string; readonly hours: number; readonly rate?: number }[];
}

export interface BuildProposalInput {
  readonly verdict: Verdict;
  readonly item: WorkItem;
  readonly config: CoverageConfig;
  readonly helpdesk: Proposal['helpdesk'];
  /** From `formatProposalNumber`. */
  readonly number: string;
  readonly version?: number;
  /** ISO 8601 instant; the validity date counts from its local date. */
  readonly createdAt: string;
  readonly agentInput?: AgentProposalInput;
  /** Default: the ticket's requester. `locale` is the requester's locale tag (nl, nl-NL, en-GB…). */
  readonly contact?: { readonly name?: string; readonly email?: string; readonly locale?: string };
  readonly ticketUrl?: string;
  readonly acceptUrl?: string;
  readonly declineUrl?: string;
}

/** nl or en from a locale tag such as `nl-BE`; anything else falls back. */
export function resolveLocale(tag: string | undefined, fallback: Locale): Locale {
  const language = tag?.trim().toLowerCase().slice(0, 2);
  return language === 'nl' || language === 'en' ? language : fallback;
}

const LINE_TEXT = {
  nl: (ticket: string) => `Advieswerkzaamheden ticket #${ticket}`,
  en: (ticket: string) => `Advisory work, ticket #${ticket}`,
} as const;

const SCOPE_TEXT = {
  nl: (subject: string) => `Advies en werkzaamheden naar aanleiding van uw verzoek "${subject}".`,
  en: (subject: string) => `Advice and work on your request "${subject}".`,
} as const;

function contractOrganization(config: CoverageConfig, verdict: Verdict): string | undefined {
  if (!verdict.contract) return undefined;
  const definition = config.contracts.find((c) => c.id === verdict.contract?.id);
  return definition?.match.organizationNames?.[0] ?? verdict.contract.name;
}

export function buildProposal(input: BuildProposalInput): Proposal {
  const { verdict, item, config, agentInput } = input;
  const draft = verdict.proposal;
  if (verdict.outcome !== 'advisory' || draft === null) {
    throw new ProposalError('not-advisory', `ticket ${item.id} is ${verdict.outcome}, not advisory: only uncovered requests get a proposal`);
  }
  // proposal: none sends nothing by itself; an agent's Convert (agentInput) makes one on purpose.
  if (draft.send === false && agentInput === undefined) {
    throw new ProposalError('none', `ticket ${item.id} was decided by rule ${verdict.rule ?? '-'}, which has proposal: none: only an agent makes a proposal for it`);
  }
  const currency = draft.currency;
  const configured = new Set([config.defaults.currency, ...config.contracts.flatMap((c) => (c.currency ? [c.currency] : []))]);
  if (!configured.has(currency)) {
    throw new ProposalError('currency', `the currency ${currency} is not configured (configured: ${[...configured].join(', ')})`);
  }
  const version = input.version ?? 1;
  if (!Number.isInteger(version) || version < 1) throw new ProposalError('version', `expected a version of 1 or more, got ${version}`);

  const locale = resolveLocale(input.contact?.locale ?? item.requesterLocale, config.defaults.locale);
  const defaultRate = agentInput?.rate ?? draft.hourlyRate;
  const rate = (value: number | undefined) => {
    const major = value ?? defaultRate;
    if (!Number.isFinite(major) || major <= 0) throw new ProposalError('rate', `expected an hourly rate above 0, got ${String(major)}`);
    return toMinorUnits(major, currency, 'hourly rate');
  };
  const lines: EstimateLine[] = agentInput?.lines
    ? agentInput.lines.map((l) => ({ description: l.description, hours: l.hours, rate: rate(l.rate) }))
    : [{ description: LINE_TEXT[locale](item.id), hours: agentInput?.hours ?? draft.hours, rate: rate(undefined) }];
  const { vatPercent, reverseCharge } = contractVat(config, verdict.contract?.id);
  const totals = computeProposalTotals(lines, vatPercent);

  const timeZone = verdict.contract?.timeZone ?? config.defaults.timeZone;
  const contactName = input.contact?.name;
  const contactEmail = input.contact?.email ?? item.requesterEmail;
  const scope = agentInput?.scope?.trim() || SCOPE_TEXT[locale](item.subject);
  const { vendor } = config;
  return {
    number: input.number,
    version,
    status: 'draft',
    helpdesk: input.helpdesk,
    ticket: { id: item.id, subject: item.subject, ...(input.ticketUrl === undefined ? {} : { url: input.ticketUrl }) },
    organization: {
      ...(item.organizationId === undefined ? {} : { id: item.organizationId }),
      // The helpdesk's organization name, else the one the contract matches by or the contract's own
      // name (shadow mode triages from a delivery, which carries only the organization's id).
      name: item.organizationName ?? contractOrganization(config, verdict) ?? contactName ?? contactEmail ?? `ticket #${item.id}`,
    },
    contact: {
      ...(contactName === undefined ? {} : { name: contactName }),
      ...(contactEmail === undefined ? {} : { email: contactEmail }),
      locale,
    },
    vendor: {
      name: vendor.name,
      ...(vendor.email === undefined ? {} : { email: vendor.email }),
      ...(vendor.vatNumber === undefined ? {} : { vatNumber: vendor.vatNumber }),
    },
    contractId: verdict.contract?.id ?? null,
    reason: draft.reason,
    scope,
    ...totals,
    vatPercent,
    ...(reverseCharge ? { reverseCharge } : {}),
    currency,
    validUntil: proposalValidUntil(input.createdAt, timeZone, config.proposals.validityDays),
    timeZone,
    createdAt: new Date(input.createdAt).toISOString(),
    terms: config.proposals.terms?.[locale] ?? DEFAULT_TERMS[locale],
    // The basis holds for the draft's hours only, not for hours the agent entered.
    ...(draft.estimate === undefined || agentInput?.hours !== undefined || agentInput?.lines !== undefined ? {} : { estimate: draft.estimate }),
    ...(input.acceptUrl === undefined ? {} : { acceptUrl: input.acceptUrl }),
    ...(input.declineUrl === undefined ? {} : { declineUrl: input.declineUrl }),
  };
}
