// The PDF read back as text: number, total and validity date in both languages, Dutch characters
// intact, fonts embedded, the version prominent, and the same bytes for the same proposal.
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProposal } from '../../connectors/proposals/build-proposal.js';
import { ProposalError } from '../../connectors/proposals/proposal-error.js';
import { loadProposalTemplates, type ProposalTemplates } from '../../connectors/proposals/proposal-templates.js';
import { renderProposalPdf } from '../../connectors/proposals/render-proposal-pdf.js';
import { SAMPLE_PROPOSAL } from '../../connectors/proposals/sample-proposal.js';
import type { Proposal } from '../../connectors/proposals/proposal.js';
import { loadExampleWorld, type ExampleWorld } from './example-world.js';

let templates: ProposalTemplates;
let world: ExampleWorld;
beforeAll(async () => {
  templates = await loadProposalTemplates();
  world = await loadExampleWorld();
});

async function readPdf(pdf: Buffer): Promise<{ text: string; pages: number; info: Record<string, unknown> }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const { text } = await parser.getText();
    const { total, info } = await parser.getInfo();
    // Money keeps a no-break space between symbol and amount; lines break where the layout does.
    return { text: text.replace(/\u00a0/g, ' '), pages: total, info: info as Record<string, unknown> };
  } finally {
    await parser.destroy();
  }
}

function fromTicket(id: string, overrides: Partial<Parameters<typeof buildProposal>[0]> = {}): Proposal {
  const item = world.items.get(id)!;
  return buildProposal({
    verdict: world.engine.triage(item), item, config: world.loaded.config, helpdesk: 'zendesk',
    number: 'P-2026-0107', createdAt: '2026-10-14T15:40:00Z', acceptUrl: 'https://inscope.invalid/p/tok.accept', ...overrides,
  });
}

describe('renderProposalPdf', () => {
  it('writes a Dutch proposal with its number, version, total and validity date', async () => {
    const { text, pages, info } = await readPdf(await renderProposalPdf(SAMPLE_PROPOSAL, { templates }));
    expect(pages).toBe(1);
    for (const expected of [
      'OFFERTE', 'P-2026-0042', 'Versie 2 — vervangt versie 1', 'Bakkerij Jansen B.V.', 'Ticket #4711',
      'Waarom dit niet onder uw contract valt', SAMPLE_PROPOSAL.reason.nl.slice(0, 40), 'Omvang van de werkzaamheden',
      'Subtotaal € 437,50', 'btw 21% € 91,88', 'Totaal € 529,38', 'Alle bedragen in EUR.', 'Geldig tot en met 26 december 2026',
      'Zo gaat u akkoord', 'met "akkoord"', 'Voorwaarden', 'btw-nummer NL001234567B01', 'Pagina 1 van 1',
    ]) expect(text).toContain(expected);
    expect(info).toMatchObject({ Title: 'Offerte P-2026-0042 — versie 2', Language: 'nl-NL', CreationDate: 'D:20261126093000Z' });
  });

  it('keeps Dutch characters intact', async () => {
    const { text } = await readPdf(await renderProposalPdf({ ...SAMPLE_PROPOSAL, scope: 'Coördinatie, reïntegratie en één café-overleg à € 0.' }, { templates }));
    expect(text).toContain('Anneloes de Vrieë');
    expect(text).toContain('Coördinatie, reïntegratie en één café-overleg à € 0.');
  });

  it('writes an English proposal for an English requester, in the contract currency', async () => {
    const proposal = fromTicket('48207');
    expect(proposal.contact.locale).toBe('en');
    const { text, info } = await readPdf(await renderProposalPdf(proposal, { templates }));
    for (const expected of [
      'PROPOSAL', 'P-2026-0107', 'Northwind Traders', 'Why this is not covered by your contract', 'Estimate',
      'Subtotal £450.00', 'VAT 21% £94.50', 'Total £544.50', 'All amounts in GBP.', 'Valid until 13 November 2026',
      'How to accept', 'with "accept"', 'Terms', 'Page 1 of 1',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('replaces version');
    expect(info).toMatchObject({ Language: 'en-GB' });
  });

  it('writes a Dutch proposal straight from an example ticket', async () => {
    const { text } = await readPdf(await renderProposalPdf(fromTicket('48203'), { templates }));
    expect(text).toContain('Gemeente Zuidwijk');
    expect(text).toContain('Totaal € 490,05');
    expect(text).toContain('Geldig tot en met 13 november 2026');
  });

  it('marks a superseded version so nobody accepts it by mistake', async () => {
    const { text } = await readPdf(await renderProposalPdf({ ...SAMPLE_PROPOSAL, status: 'superseded' }, { templates }));
    expect(text).toContain('VERVANGEN — deze versie is vervangen door een nieuwere versie');
  });

  it('embeds DejaVu Sans and no standard font', async () => {
    const pdf = (await renderProposalPdf(SAMPLE_PROPOSAL, { templates })).toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(pdf).toContain('/FontFile2');
    expect(pdf).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('produces the same bytes for the same proposal', async () => {
    const [a, b] = await Promise.all([renderProposalPdf(SAMPLE_PROPOSAL, { templates }), renderProposalPdf(SAMPLE_PROPOSAL, { templates })]);
    expect(a.equals(b)).toBe(true);
    const later = await renderProposalPdf({ ...SAMPLE_PROPOSAL, createdAt: '2026-11-27T09:30:00.000Z' }, { templates });
    expect(later.equals(a)).toBe(false);
  });

  it('continues a long estimate on a second page, with the number and page on every page', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => ({ description: `Onderdeel ${i + 1}: inrichten en testen`, hours: 1, rate: 12500, amount: 12500 }));
    const { text, pages } = await readPdf(await renderProposalPdf({ ...SAMPLE_PROPOSAL, lines, subtotal: 375000, vat: 78750, total: 453750 }, { templates }));
    expect(pages).toBe(2);
    expect(text).toContain('Pagina 1 van 2');
    expect(text).toContain('Pagina 2 van 2');
    expect(text.match(/Offerte P-2026-0042 · versie 2/g)).toHaveLength(2);
    expect(text).toContain('Onderdeel 30: inrichten en testen');
    expect(text).toContain('Totaal € 4.537,50');
  });

  it('rejects with the template error before writing anything', async () => {
    const broken: ProposalTemplates = { files: {}, render: () => { throw new ProposalError('template', '/t/pdf-intro.nl.liquid: undefined variable: x', { file: '/t/pdf-intro.nl.liquid' }); } };
    await expect(renderProposalPdf(SAMPLE_PROPOSAL, { templates: broken })).rejects.toThrow('/t/pdf-intro.nl.liquid');
  });
});
