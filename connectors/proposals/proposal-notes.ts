// The internal notes InScope writes on a ticket for each proposal transition, in the agents'
// language, with the budget line when the contract has a monthly cap.
import { estimateBasis, type Locale } from '../../rules/index.js';
import type { ProposalRecord } from '../store/proposal-store.js';
import type { BudgetSummary } from './compute-budget.js';
import { formatMoney } from './format-money.js';

export type ProposalEvent = 'sent' | 'shadow' | 'held' | 'accepted' | 'declined' | 'expired';

const WORDS = {
  nl: {
    sent: 'verstuurd naar de klant', shadow: 'gemaakt in schaduwmodus (PDF bewaard, niets naar de helpdesk)',
    held: 'NIET verstuurd: het budget van deze maand zou overschreden worden', accepted: 'GEACCEPTEERD', declined: 'AFGEWEZEN', expired: 'VERLOPEN (niet op tijd geaccepteerd)',
    replaces: (v: number) => `vervangt versie ${v}`, hours: 'Uren', by: 'door', total: 'totaal', validUntil: 'geldig t/m',
    budget: 'Budget', used: 'gebruikt', after: 'na deze offerte', over: 'BOVEN HET PLAFOND', crossed: (t: string) => `drempel ${t} bereikt`,
    policy: { 'require-confirmation': 'Versturen vraagt bevestiging van een manager in de zijbalk (Omzetten met bevestiging).', block: 'Het beleid blokkeert versturen boven het plafond.', warn: '' },
  },
  en: {
    sent: 'sent to the customer', shadow: 'made in shadow mode (PDF kept, nothing sent to the helpdesk)',
    held: 'NOT sent: it would take this month\'s budget over the cap', accepted: 'ACCEPTED', declined: 'DECLINED', expired: 'EXPIRED (not accepted in time)',
    replaces: (v: number) => `replaces version ${v}`, hours: 'Hours', by: 'by', total: 'total', validUntil: 'valid until',
    budget: 'Budget', used: 'used', after: 'after this proposal', over: 'OVER THE CAP', crossed: (t: string) => `threshold ${t} reached`,
    policy: { 'require-confirmation': 'Sending needs a manager\'s confirmation in the sidebar (Convert with confirmation).', block: 'The policy blocks sending over the cap.', warn: '' },
  },
} as const;

export function budgetLine(budget: BudgetSummary, locale: Locale): string {
  const w = WORDS[locale];
  const show = (value: number) => (budget.unit === 'amount' ? formatMoney(Math.round(value * 100), budget.currency, locale) : `${value} h`);
  const cap = budget.unit === 'amount' ? budget.cap.amount! : budget.cap.hours!;
  const parts = [`${w.budget} ${budget.month}: ${show(budget.committed + budget.pending)} / ${show(cap)} ${w.used} (${budget.usedPercent}%)`];
  if (budget.afterThisProposal !== null) parts.push(`${w.after}: ${show(budget.afterThisProposal)} (${budget.afterPercent}%)`);
  if (budget.overCap) parts.push(w.over);
  for (const t of budget.crossed) parts.push(w.crossed(`${t}%`));
  return parts.join('; ');
}

export function proposalNote(event: ProposalEvent, record: ProposalRecord, locale: Locale, context: { budget: BudgetSummary | null; superseded?: ProposalRecord } | null, actor?: string): string {
  const w = WORDS[locale];
  const title = locale === 'nl' ? 'Offerte' : 'Proposal';
  const version = locale === 'nl' ? 'versie' : 'version';
  const lines = [`InScope: ${title} ${record.number} ${version} ${record.version} ${w[event]}${actor ? ` (${w.by} ${actor})` : ''}.`];
  const replaced = context?.superseded;
  lines.push(`${w.total} ${formatMoney(record.total, record.currency, locale)}, ${w.validUntil} ${record.validUntil}${replaced ? `; ${w.replaces(replaced.version)}` : ''}`);
  const { estimate } = record.document;
  if (estimate !== undefined && (event === 'sent' || event === 'shadow' || event === 'held')) lines.push(`${w.hours} ${record.hundredthHours / 100}: ${estimateBasis(estimate)[locale]}`);
  if (context?.budget) {
    lines.push(budgetLine(context.budget, locale));
    if (event === 'held') lines.push(w.policy[context.budget.policy]);
  }
  return lines.join('\n');
}

/** The message to the customer's contact when a proposal takes the month past a threshold (if configured). */
export function thresholdMessage(budget: BudgetSummary, locale: Locale): string | null {
  const highest = Math.max(...budget.crossed);
  if (!Number.isFinite(highest)) return null;
  return locale === 'nl'
    ? `Ter informatie: met deze offerte is ${highest}% van uw budget voor ${budget.month} vastgelegd of aangeboden (${budget.afterPercent}%).`
    : `For your information: with this proposal, ${highest}% of your budget for ${budget.month} is committed or proposed (${budget.afterPercent}%).`;
}
