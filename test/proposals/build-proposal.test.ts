// From an advisory verdict on an example ticket to a priced, dated proposal document.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProposal, resolveLocale, type BuildProposalInput } from '../../connectors/proposals/build-proposal.js';
import { DEFAULT_TERMS } from '../../connectors/proposals/default-terms.js';
import { ProposalError } from '../../connectors/proposals/proposal-error.js';
import type { WorkItem } from '../../rules/index.js';
import { loadExampleWorld, type ExampleWorld } from './example-world.js';

let world: ExampleWorld;
beforeAll(async () => { world = await loadExampleWorld(); });

function input(ticketId: string, overrides: Partial<BuildProposalInput> = {}): BuildProposalInput {
  const item = world.items.get(ticketId)!;
  return {
    verdict: world.engine.triage(item), item, config: world.loaded.config, helpdesk: 'zendesk',
    number: 'P-2026-0042', createdAt: '2026-11-26T09:30:00Z', ...overrides,
  };
}

describe('buildProposal', () => {
  it.each([
    // ticket, currency, rate, hours, subtotal, vat, total, locale, time zone, contract
    ['48203', 'EUR', 13500, 3, 40500, 8505, 49005, 'nl', 'Europe/Amsterdam', 'C-2025-014'],
    ['48207', 'GBP', 15000, 3, 45000, 9450, 54450, 'en', 'Europe/London', 'C-2026-022'],
    ['48209', 'EUR', 13500, 2, 27000, 5670, 32670, 'nl', 'Europe/Amsterdam', null],
    ['48223', 'USD', 16000, 3, 48000, 10080, 58080, 'en', 'America/New_York', 'C-2026-080'],
  ])('prices ticket %s in %s from the rule and contract', (id, currency, rate, hours, subtotal, vat, total, locale, timeZone, contractId) => {
    const proposal = buildProposal(input(id));
    expect(proposal).toMatchObject({
      number: 'P-2026-0042', version: 1, status: 'draft', helpdesk: 'zendesk', currency,
      subtotal, vat, total, vatPercent: 21, timeZone, contractId, contact: { locale },
      lines: [{ hours, rate, amount: subtotal }],
    });
  });

  it('carries the ticket, customer, vendor, reason and terms in the customer language', () => {
    const proposal = buildProposal(input('48203', { ticketUrl: 'https://example.invalid/t/48203', acceptUrl: 'https://x.invalid/p/a', declineUrl: 'https://x.invalid/p/d' }));
    const item = world.items.get('48203')!;
    expect(proposal.ticket).toEqual({ id: '48203', subject: item.subject, url: 'https://example.invalid/t/48203' });
    expect(proposal.organization).toEqual({ id: '9002', name: 'Gemeente Zuidwijk' });
    expect(proposal.contact.email).toBe(item.requesterEmail);
    expect(proposal.vendor).toEqual({ name: 'Veldhuis Software B.V.', email: 'support@veldhuis-software.nl', vatNumber: 'NL001234567B01' });
    expect(proposal.reason).toEqual(world.engine.triage(item).proposal?.reason);
    expect(proposal.terms).toBe(DEFAULT_TERMS.nl);
    expect(proposal.scope).toContain(item.subject);
    expect(proposal.lines[0]?.description).toBe('Advieswerkzaamheden ticket #48203');
    expect([proposal.acceptUrl, proposal.declineUrl]).toEqual(['https://x.invalid/p/a', 'https://x.invalid/p/d']);
    expect(proposal.createdAt).toBe('2026-11-26T09:30:00.000Z');
  });

  it('counts validity from the creation date in the contract time zone', () => {
    // 23:30 UTC on 30 November: already 1 December in Amsterdam, still 30 November in London.
    const createdAt = '2026-11-30T23:30:00Z';
    expect(buildProposal(input('48203', { createdAt })).validUntil).toBe('2026-12-31');
    expect(buildProposal(input('48207', { createdAt })).validUntil).toBe('2026-12-30');
  });

  it('takes the agent hours, scope and rate from the Convert action', () => {
    const proposal = buildProposal(input('48203', { agentInput: { hours: 2.5, scope: '  Pensioenregeling inrichten en testen.  ', rate: 135.33 } }));
    expect(proposal).toMatchObject({ scope: 'Pensioenregeling inrichten en testen.', subtotal: 33833, vat: 7105, total: 40938 });
  });

  it('prices several agent lines, each at its own rate or the contract rate', () => {
    const proposal = buildProposal(input('48207', { agentInput: { lines: [
      { description: 'Webhook design', hours: 1.5 },
      { description: 'Senior review', hours: 0.5, rate: 180 },
    ] } }));
    expect(proposal.lines.map((l) => [l.description, l.rate, l.amount])).toEqual([['Webhook design', 15000, 22500], ['Senior review', 18000, 9000]]);
    expect(proposal.total).toBe(22500 + 4725 + 9000 + 1890);
  });

  it('uses the contact locale, else the requester locale, else the config default', () => {
    const item = world.items.get('48203')!;
    const withLocale = (requesterLocale: string | undefined): WorkItem => {
      const { requesterLocale: _drop, ...rest } = item;
      return requesterLocale === undefined ? rest : { ...rest, requesterLocale };
    };
    expect(buildProposal(input('48203', { item: withLocale('en-GB') })).contact.locale).toBe('en');
    expect(buildProposal(input('48203', { item: withLocale('de') })).contact.locale).toBe('nl');
    expect(buildProposal(input('48203', { item: withLocale(undefined), contact: { locale: 'en-US', name: 'Pat' } })).contact).toMatchObject({ locale: 'en', name: 'Pat' });
    expect(buildProposal(input('48207')).terms).toBe(DEFAULT_TERMS.en);
  });

  it('prints the configured terms', () => {
    const config = { ...world.loaded.config, proposals: { ...world.loaded.config.proposals, terms: { nl: 'Onze voorwaarden.', en: 'Our terms.' } } };
    expect(buildProposal(input('48203', { config })).terms).toBe('Onze voorwaarden.');
  });

  it.each([
    ['a covered ticket', () => input('48201'), 'not-advisory', /not advisory/],
    ['zero hours', () => input('48203', { agentInput: { hours: 0 } }), 'hours', /above 0/],
    ['negative hours', () => input('48203', { agentInput: { hours: -2 } }), 'hours', /above 0/],
    ['a zero rate', () => input('48203', { agentInput: { rate: 0 } }), 'rate', /hourly rate above 0/],
    ['a rate with a tenth of a cent', () => input('48203', { agentInput: { rate: 135.333 } }), 'rate', /more decimals/],
    ['version 0', () => input('48203', { version: 0 }), 'version', /version of 1 or more/],
  ] as const)('refuses %s with a clear reason', (_what, make, code, message) => {
    const attempt = () => buildProposal(make());
    expect(attempt).toThrow(message);
    expect(() => attempt()).toThrow(ProposalError);
    try { attempt(); } catch (error) { expect((error as ProposalError).code).toBe(code); }
  });

  it('refuses a currency that is not configured', () => {
    const base = input('48203');
    const verdict = { ...base.verdict, proposal: { ...base.verdict.proposal!, currency: 'CHF' } };
    expect(() => buildProposal({ ...base, verdict })).toThrow('the currency CHF is not configured (configured: EUR, GBP, USD)');
  });

  it('refuses a missing rate', () => {
    const base = input('48203');
    const verdict = { ...base.verdict, proposal: { ...base.verdict.proposal!, hourlyRate: Number.NaN } };
    expect(() => buildProposal({ ...base, verdict })).toThrow('expected an hourly rate above 0, got NaN');
  });
});

describe('resolveLocale', () => {
  it.each([['nl', 'nl'], ['nl-BE', 'nl'], ['EN-us', 'en'], ['fr', 'en'], [undefined, 'en'], ['', 'en']] as const)('reads %j as %s', (tag, expected) => {
    expect(resolveLocale(tag, 'en')).toBe(expected);
  });
});

describe('buildProposal without the helpdesk organization (shadow mode reads only what a delivery carries)', () => {
  it('addresses the proposal to the contract, never to the ticket number', () => {
    const item = world.items.get('48203')!;
    const bare: WorkItem = Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'organizationName' && key !== 'requesterEmail')) as unknown as WorkItem;
    const proposal = buildProposal({ ...input('48203'), item: bare });
    expect(proposal.organization).toEqual({ id: '9002', name: 'Gemeente Zuidwijk — Silver 2025-2027' });
  });
});
