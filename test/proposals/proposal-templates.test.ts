// Templates per language, admin overrides file by file, and clear errors naming a broken file.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProposalError } from '../../connectors/proposals/proposal-error.js';
import { BUILT_IN_TEMPLATES_DIR, loadProposalTemplates } from '../../connectors/proposals/proposal-templates.js';
import { renderProposalComment } from '../../connectors/proposals/render-proposal-comment.js';
import { SAMPLE_PROPOSAL } from '../../connectors/proposals/sample-proposal.js';
import type { Proposal } from '../../connectors/proposals/proposal.js';

const plain = (text: string) => text.replace(/\u00a0/g, ' ');
const english: Proposal = { ...SAMPLE_PROPOSAL, contact: { ...SAMPLE_PROPOSAL.contact, locale: 'en' } };
let dir: string;

beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'inscope-templates-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

async function expectTemplateError(promise: Promise<unknown>, file: string, message: RegExp): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProposalError);
  expect((error as ProposalError).code).toBe('template');
  expect((error as ProposalError).file).toBe(file);
  expect((error as ProposalError).message).toContain(file);
  expect((error as ProposalError).message).toMatch(message);
}

describe('the built-in comment templates', () => {
  it('write Dutch for a Dutch requester, with Dutch money and dates', async () => {
    const text = plain(renderProposalComment(SAMPLE_PROPOSAL, await loadProposalTemplates()));
    expect(text).toMatch(/^Beste Anneloes de Vrieë,/);
    expect(text).toContain('offerte P-2026-0042, versie 2 (deze vervangt versie 1)');
    expect(text).toContain('Totaal: € 529,38 (€ 437,50 plus 21% btw)');
    expect(text).toContain('Geldig tot en met: 26 december 2026');
    expect(text).toContain(`Klik op ${SAMPLE_PROPOSAL.acceptUrl} of antwoord op dit bericht met "akkoord"`);
    expect(text).toContain(SAMPLE_PROPOSAL.reason.nl);
  });

  it('write English for an English requester', async () => {
    const text = plain(renderProposalComment(english, await loadProposalTemplates()));
    expect(text).toMatch(/^Dear Anneloes de Vrieë,/);
    expect(text).toContain('Total: €529.38 (€437.50 plus 21% VAT)');
    expect(text).toContain('Valid until: 26 December 2026');
    expect(text).toContain('reply to this message with "accept"');
    expect(text).toContain(SAMPLE_PROPOSAL.reason.en);
  });

  it('say the VAT is reverse-charged instead of the VAT line, in either language', async () => {
    const templates = await loadProposalTemplates();
    const reverseCharged = { vatPercent: 0, vat: 0, total: SAMPLE_PROPOSAL.subtotal, reverseCharge: true };
    expect(plain(renderProposalComment({ ...SAMPLE_PROPOSAL, ...reverseCharged }, templates))).toContain('Totaal: € 437,50 (BTW verlegd)');
    expect(plain(renderProposalComment({ ...english, ...reverseCharged }, templates))).toContain('Total: €437.50 (VAT reverse-charged)');
  });

  it('render a proposal stored before contracts had their own VAT (no reverseCharge key) with its VAT line', async () => {
    const { reverseCharge: _r, ...stored } = { ...SAMPLE_PROPOSAL, reverseCharge: false };
    const text = plain(renderProposalComment(JSON.parse(JSON.stringify(stored)) as Proposal, await loadProposalTemplates()));
    expect(text).toContain('Totaal: € 529,38 (€ 437,50 plus 21% btw)');
    expect(text).not.toContain('verlegd');
  });

  it('ask for a reply when there is no acceptance link, and leave out the version note on version 1', async () => {
    const { acceptUrl: _a, declineUrl: _d, ...rest } = SAMPLE_PROPOSAL;
    const first: Proposal = { ...rest, version: 1, contact: { locale: 'nl' } };
    const text = renderProposalComment(first, await loadProposalTemplates());
    expect(text).toMatch(/^Beste klant,/);
    expect(text).toContain('Akkoord? Antwoord op dit bericht met "akkoord".');
    expect(text).not.toContain('versie');
    expect(text).not.toContain('Liever niet');
  });
});

describe('loadProposalTemplates with an override folder', () => {
  it('uses an override where one exists and the built-in template elsewhere', async () => {
    await writeFile(join(dir, 'comment.en.liquid'), 'Proposal {{ proposal.number }} v{{ proposal.version }}: {{ proposal.total | money }}, until {{ proposal.validUntil | long_date }}.');
    const templates = await loadProposalTemplates({ templatesDir: dir });
    expect(plain(renderProposalComment(english, templates))).toBe('Proposal P-2026-0042 v2: €529.38, until 26 December 2026.');
    expect(renderProposalComment(SAMPLE_PROPOSAL, templates)).toMatch(/^Beste /);
    expect(templates.files).toMatchObject({ 'comment.en': join(dir, 'comment.en.liquid'), 'comment.nl': join(BUILT_IN_TEMPLATES_DIR, 'comment.nl.liquid') });
  });

  it('resolves a relative folder against the config file folder', async () => {
    await mkdir(join(dir, 'proposal-templates'));
    await writeFile(join(dir, 'proposal-templates', 'comment.nl.liquid'), 'Offerte {{ proposal.number }} — {{ proposal.total | money: "USD" }}');
    const templates = await loadProposalTemplates({ templatesDir: 'proposal-templates', baseDir: dir });
    expect(plain(renderProposalComment(SAMPLE_PROPOSAL, templates))).toBe('Offerte P-2026-0042 — US$ 529,38');
  });

  it('falls back to every built-in template for an empty folder', async () => {
    const templates = await loadProposalTemplates({ templatesDir: dir });
    expect(Object.values(templates.files).every((file) => file.startsWith(BUILT_IN_TEMPLATES_DIR))).toBe(true);
    expect(Object.keys(templates.files).sort()).toEqual(['comment.en', 'comment.nl', 'pdf-accept.en', 'pdf-accept.nl', 'pdf-intro.en', 'pdf-intro.nl']);
  });

  it.each([
    ['an unclosed tag', '{% if proposal.acceptUrl %}Akkoord', /not closed|tag .*not closed|unclosed/i],
    ['a misspelt placeholder', 'Totaal {{ proposal.totl | money }}', /undefined variable: proposal\.totl/i],
    ['an unknown filter', 'Totaal {{ proposal.total | euro }}', /undefined filter: euro/i],
  ])('names the file of an override with %s', async (_what, source, message) => {
    const file = join(dir, 'pdf-intro.nl.liquid');
    await writeFile(file, source);
    await expectTemplateError(loadProposalTemplates({ templatesDir: dir }), file, message);
  });

  it('names a file that is not a proposal template, so a typo does not go unnoticed', async () => {
    const file = join(dir, 'coment.nl.liquid');
    await writeFile(file, 'Hallo');
    await expectTemplateError(loadProposalTemplates({ templatesDir: dir }), file, /not a proposal template; expected one of comment\.nl\.liquid/);
  });

  it('names a folder that does not exist', async () => {
    const missing = join(dir, 'nope');
    await expectTemplateError(loadProposalTemplates({ templatesDir: missing }), missing, /cannot read the proposal templates folder/);
  });
});
