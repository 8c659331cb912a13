// A complete proposal from the example world (Bakkerij Jansen, version 2), used to check override
// templates at load time and to render the sample PDF in the docs.
import { DEFAULT_TERMS } from './default-terms.js';
import type { Proposal } from './proposal.js';

export const SAMPLE_PROPOSAL: Proposal = {
  number: 'P-2026-0042',
  version: 2,
  status: 'sent',
  helpdesk: 'zendesk',
  ticket: { id: '4711', subject: 'Hoe stel ik een btw-rapportage per kwartaal in?', url: 'https://veldhuis.zendesk.com/agent/tickets/4711' },
  organization: { id: '9001', name: 'Bakkerij Jansen B.V.' },
  contact: { name: 'Anneloes de Vrieë', email: 'anneloes@bakkerijjansen.nl', locale: 'nl' },
  vendor: { name: 'Veldhuis Software B.V.', email: 'support@veldhuis-software.nl', vatNumber: 'NL001234567B01' },
  contractId: 'C-2026-001',
  reason: {
    nl: 'Het inrichten van rapportages is configuratie en advies; uw contract dekt het oplossen van fouten in de software.',
    en: 'Setting up reports is configuration and advice; your contract covers fixing defects in the software.',
  },
  scope: 'Inrichten van een kwartaalrapportage voor de btw-aangifte in Veldhuis Finance (module reporting), inclusief een korte uitleg aan uw financiële medewerker en controle van de eerste aangifte.',
  lines: [
    { description: 'Inrichten btw-rapportage per kwartaal', hours: 2.5, rate: 12500, amount: 31250 },
    { description: 'Uitleg en controle eerste aangifte', hours: 1, rate: 12500, amount: 12500 },
  ],
  subtotal: 43750,
  vatPercent: 21,
  vat: 9188,
  total: 52938,
  currency: 'EUR',
  validUntil: '2026-12-26',
  timeZone: 'Europe/Amsterdam',
  createdAt: '2026-11-26T09:30:00.000Z',
  terms: DEFAULT_TERMS.nl,
  acceptUrl: 'https://inscope.veldhuis-software.nl/p/eyJwIjoiUC0yMDI2LTAwNDIiLCJ2IjoyfQ.accept',
  declineUrl: 'https://inscope.veldhuis-software.nl/p/eyJwIjoiUC0yMDI2LTAwNDIiLCJ2IjoyfQ.decline',
};

/** The same proposal for an English-speaking contact: wording, lines and terms in English. */
export const SAMPLE_PROPOSAL_EN: Proposal = {
  ...SAMPLE_PROPOSAL,
  ticket: { ...SAMPLE_PROPOSAL.ticket, subject: 'How do I set up a quarterly VAT report?' },
  contact: { name: 'Anneloes de Vrieë', email: 'anneloes@bakkerijjansen.nl', locale: 'en' },
  scope: 'Set up a quarterly report for the VAT return in Veldhuis Finance (reporting module), including a short walkthrough for your finance officer and a check of the first return.',
  lines: [
    { description: 'Set up quarterly VAT report', hours: 2.5, rate: 12500, amount: 31250 },
    { description: 'Walkthrough and check of the first return', hours: 1, rate: 12500, amount: 12500 },
  ],
  terms: DEFAULT_TERMS.en,
};
