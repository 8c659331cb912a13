// Fixed wording on the PDF (headings, table columns, totals) in Dutch and English. The longer
// texts an admin may want to change are Liquid templates instead (see proposal-templates.ts).
import type { Locale } from '../../rules/index.js';

export interface ProposalLabels {
  readonly title: string;
  readonly number: string;
  readonly version: string;
  readonly replaces: (version: number, previous: number) => string;
  readonly date: string;
  readonly validUntil: string;
  readonly ticket: string;
  readonly subject: string;
  readonly contract: string;
  readonly to: string;
  readonly why: string;
  readonly scope: string;
  readonly estimate: string;
  readonly description: string;
  readonly hours: string;
  readonly rate: string;
  readonly amount: string;
  readonly subtotal: string;
  readonly vat: (percent: string) => string;
  /** The VAT line of a reverse-charged proposal, in place of `vat`. */
  readonly reverseCharge: string;
  readonly total: string;
  readonly currency: (code: string) => string;
  /** What the hours are based on, under the estimate table (see rules/messages.ts estimateBasis). */
  readonly hoursBasis: (basis: string) => string;
  readonly howToAccept: string;
  readonly accept: string;
  readonly decline: string;
  readonly terms: string;
  readonly vatNumber: string;
  readonly page: (page: number, of: number) => string;
  readonly status: Partial<Record<'superseded' | 'expired' | 'declined' | 'accepted', string>>;
}

export const PROPOSAL_LABELS: Readonly<Record<Locale, ProposalLabels>> = {
  nl: {
    title: 'Offerte', number: 'Offertenummer', version: 'Versie',
    replaces: (v, p) => `Versie ${v} — vervangt versie ${p}`,
    date: 'Datum', validUntil: 'Geldig tot en met', ticket: 'Ticket', subject: 'Onderwerp', contract: 'Contract', to: 'Aan',
    why: 'Waarom dit niet onder uw contract valt', scope: 'Omvang van de werkzaamheden', estimate: 'Begroting',
    description: 'Omschrijving', hours: 'Uren', rate: 'Tarief', amount: 'Bedrag',
    subtotal: 'Subtotaal', vat: (p) => `btw ${p}`, reverseCharge: 'BTW verlegd', total: 'Totaal', currency: (c) => `Alle bedragen in ${c}.`, hoursBasis: (b) => `Uren: ${b}.`,
    howToAccept: 'Zo gaat u akkoord', accept: 'Akkoord', decline: 'Niet akkoord', terms: 'Voorwaarden',
    vatNumber: 'btw-nummer', page: (p, n) => `Pagina ${p} van ${n}`,
    status: {
      superseded: 'VERVANGEN — deze versie is vervangen door een nieuwere versie en kan niet meer worden geaccepteerd.',
      expired: 'VERLOPEN — de geldigheidsdatum van deze offerte is verstreken.',
      declined: 'AFGEWEZEN', accepted: 'GEACCEPTEERD',
    },
  },
  en: {
    title: 'Proposal', number: 'Proposal number', version: 'Version',
    replaces: (v, p) => `Version ${v} — replaces version ${p}`,
    date: 'Date', validUntil: 'Valid until', ticket: 'Ticket', subject: 'Subject', contract: 'Contract', to: 'To',
    why: 'Why this is not covered by your contract', scope: 'Scope of the work', estimate: 'Estimate',
    description: 'Description', hours: 'Hours', rate: 'Rate', amount: 'Amount',
    subtotal: 'Subtotal', vat: (p) => `VAT ${p}`, reverseCharge: 'VAT reverse-charged', total: 'Total', currency: (c) => `All amounts in ${c}.`, hoursBasis: (b) => `Hours: ${b}.`,
    howToAccept: 'How to accept', accept: 'Accept', decline: 'Decline', terms: 'Terms',
    vatNumber: 'VAT number', page: (p, n) => `Page ${p} of ${n}`,
    status: {
      superseded: 'SUPERSEDED — a newer version replaces this one; it can no longer be accepted.',
      expired: 'EXPIRED — the validity date of this proposal has passed.',
      declined: 'DECLINED', accepted: 'ACCEPTED',
    },
  },
};
