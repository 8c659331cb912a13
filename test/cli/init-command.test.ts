// `inscope init`: a starter config from a products list and a contracts CSV that loads, decides the
// worked examples of docs/configuration.md as the page says, and refuses bad input with its place.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules, type WorkItem } from '../../rules/index.js';
import { initConfig } from '../../connectors/cli/commands/init.js';
import { parseConfig } from '../../connectors/config/load-config.js';
import { parseContractsCsv } from '../../connectors/init/parse-contracts-csv.js';
import { renderVerdict } from '../../connectors/cli/render-verdict.js';
import { formatSummary } from '../../connectors/simulate/format-summary.js';
import { toVerdictRow } from '../../connectors/simulate/format-verdict-row.js';
import { addToSummary, createSimulationSummary } from '../../connectors/simulate/simulation-summary.js';

const root = path.resolve(import.meta.dirname, '../..');
const products = path.join(root, 'examples/products.yaml');
const contracts = path.join(root, 'examples/contracts.csv');

function starter() {
  const loaded = parseConfig(initConfig({ products, contracts, rate: '135', vendor: 'Veldhuis Software B.V.' }), 'starter.yaml');
  return { loaded, engine: compileRules(loaded.config, { configHash: loaded.hash }) };
}

const item = (id: string, organizationId: string, subject: string, description: string): WorkItem =>
  ({ id, subject, description, organizationId, createdAt: '2026-11-16T09:00:00Z', tags: [], fields: {}, attachments: [] });

/** `inscope init` on a products list and contracts CSV written to a temporary folder, and the config it writes, loaded. */
function initFrom(productsYaml: string, contractsCsv: string, rate: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-init-'));
  const productsFile = path.join(dir, 'products.yaml');
  fs.writeFileSync(productsFile, productsYaml);
  const contractsFile = path.join(dir, 'contracts.csv');
  fs.writeFileSync(contractsFile, contractsCsv);
  return { dir, productsFile, contractsFile, loaded: parseConfig(initConfig({ products: productsFile, contracts: contractsFile, rate }), 'starter.yaml') };
}

describe('inscope init', () => {
  it('writes a config that loads, with every contract of the CSV and the relevant completeness mode', () => {
    const { loaded } = starter();
    expect(loaded.config.contracts.map((c) => c.id)).toEqual(parseContractsCsv(fs.readFileSync(contracts, 'utf8'), contracts).map((c) => c.id));
    expect(loaded.config.completenessMode).toBe('relevant');
    expect(loaded.config.contracts.find((c) => c.id === 'C-2026-040')?.match).toEqual({ emailDomains: ['brightline.io'] });
    expect(loaded.config.contracts.find((c) => c.id === 'C-2026-031')?.products).toEqual([{ product: 'finance', modules: ['ledger', 'reporting'], versions: ['10.x'] }]);
  });

  it('writes no helpdesks section, but a commented one for Jira that loads once uncommented and reads JSM organizations', () => {
    const text = initConfig({ products, contracts, rate: '135', vendor: 'Veldhuis Software B.V.' });
    expect(parseConfig(text, 'starter.yaml').config.helpdesks).toEqual({});
    const block = text.slice(text.indexOf('# helpdesks:'));
    expect(block).toContain('fields: { organizations: customfield_10002 }');
    const uncommented = parseConfig(text.replace(block, block.replace(/^# /gm, '')), 'starter.yaml');
    expect(uncommented.config.helpdesks.jira?.fields).toEqual({ organizations: 'customfield_10002' });
  });

  it('decides the worked examples of docs/configuration.md as the page says', () => {
    const { engine } = starter();
    const vanDijk = engine.triage(item('1', '9008', 'Loonstrook klopt niet', 'Hoi, de loonstrook van oktober klopt niet. Kunnen jullie kijken? Gr. Petra'));
    expect([vanDijk.outcome, vanDijk.rule, vanDijk.kind.kind]).toEqual(['advisory', 'contract-not-active', 'defect']);
    expect(vanDijk.notAsked.map((n) => n.id)).toEqual(['version-known', 'error-or-steps']);
    const northwind = engine.triage(item('2', '9004', 'API question', 'Hi, what\'s the recommended way to sync 10,000 employees a night through Connect? We keep hitting "429 Too Many Requests". Regards, Sam'));
    expect([northwind.outcome, northwind.rule, northwind.kind.kind, northwind.missing]).toEqual(['advisory', 'how-to', 'how-to', []]);
  });

  it('asks a covered defect for what its handling needs, and only that', () => {
    const { engine } = starter();
    const v = engine.triage(item('3', '9002', 'Loonstroken kloppen niet', 'De loonstroken in Payroll kloppen niet sinds gisteren.'));
    expect(v.outcome).toBe('incomplete');
    expect(v.missing.map((m) => m.id)).toEqual(['version-known', 'error-or-steps']);
  });

  it('writes the products as a catalogue, so that a module is looked for within its product', () => {
    const { loaded } = starter();
    expect(loaded.config.products?.map((p) => p.id)).toEqual(['finance', 'payroll', 'planner', 'connect']);
    expect(loaded.config.facts['product']?.words).toBeUndefined();
  });

  it('reads several match values separated by ";" (a Zendesk and a JSM organization id, an id and a domain)', () => {
    const csv = 'contract,organization,match,products,from\nK-1,Bakker & Zn,5101; 77; @bakkerzn.nl,finance,2026-01-01\nK-2,Brightline,brightline.io,finance,2026-01-01\nK-3,Polder Inc.,,finance,2026-01-01\n';
    expect(parseContractsCsv(csv, 'c.csv').map((c) => c.match)).toEqual([
      { organizationIds: ['5101', '77'], emailDomains: ['bakkerzn.nl'] },
      { emailDomains: ['brightline.io'] },
      { organizationNames: ['Polder Inc.'] },
    ]);
  });

  it('keeps the version question from a product without version numbers (versioned: false), and asks a module only when it decides', () => {
    const { productsFile, contractsFile, loaded } = initFrom(
      '- id: hrm\n  name: Stroom HRM\n  modules: [{ id: verlof, name: Verlof, aliases: [verlof] }, { id: dossier, aliases: [dossier] }]\n- id: portal\n  name: Stroom Portal\n  aliases: [medewerkerportaal]\n  versioned: false\n',
      'contract,organization,match,products,from\nS-1,Eemland,7101,hrm >=24.10; portal,2026-01-01\nS-2,Vechtstede,7102,hrm >=25.04 [verlof]; portal,2026-01-01\n', '110');
    expect(loaded.config.products?.[0]?.modules?.map((m) => m.name)).toEqual(['Verlof', undefined]);
    const engine = compileRules(loaded.config, { configHash: loaded.hash });
    const portal = engine.triage(item('1', '7101', 'Medewerkerportaal geeft HTTP 500', 'Na Indienen verschijnt: "HTTP 500 - Internal Server Error". Stappen: 1. Inloggen 2. Mijn verlof > Nieuwe aanvraag'));
    expect([portal.outcome, portal.rule]).toEqual(['covered', 'defect']);
    const hrm = engine.triage(item('2', '7102', 'HRM 25.04.6 crasht', 'Stroom HRM 25.04.6 crasht bij opslaan met foutmelding: "NullReferenceException". Stappen: 1. openen 2. opslaan'));
    expect([hrm.outcome, hrm.missing.map((m) => m.id)]).toEqual(['incomplete', ['module-known']]);
    expect(engine.triage(item('3', '7101', 'HRM 25.04.6 crasht', 'Stroom HRM 25.04.6 crasht bij opslaan met foutmelding: "NullReferenceException". Stappen: 1. openen 2. opslaan')).outcome).toBe('covered');
    fs.writeFileSync(productsFile, '- id: portal\n  name: Stroom Portal\n  versioned: "no"\n');
    expect(() => initConfig({ products: productsFile, contracts: contractsFile, rate: '110' })).toThrow(/versioned: true or false/);
  });

  it('writes a product\'s own version numbering (versionPatterns) into the catalogue, where it reads the version', () => {
    const { dir, productsFile, contractsFile, loaded } = initFrom(
      "- id: box\n  name: Akker Box\n  versionPatterns:\n    - { pattern: '\\bfw\\s*(\\d)(\\d\\d)\\b', version: '$1.$2' }\n",
      'contract,organization,match,products,from\nA-1,Hendriks,3102,box >=4.05,2026-01-01\n', '115');
    expect(loaded.config.products?.[0]?.versionPatterns).toEqual([{ pattern: '\\bfw\\s*(\\d)(\\d\\d)\\b', version: '$1.$2' }]);
    const v = compileRules(loaded.config, { configHash: loaded.hash }).triage(item('1', '3102', 'Akker Box valt uit', 'De Akker Box op fw 403 valt uit met foutmelding: "BOX-E02 Watchdog reset". Stappen: taak starten.'));
    expect([v.outcome, v.facts['version']?.value]).toEqual(['advisory', '4.03']);
    fs.writeFileSync(productsFile, '- id: box\n  name: Akker Box\n  versionPatterns: fw\n');
    expect(() => initConfig({ products: productsFile, contracts: contractsFile, rate: '115' })).toThrow(/versionPatterns as a list of \{ pattern/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes each version pattern single-quoted, as the docs do, so that it can be edited in place', () => {
    const { dir, productsFile, contractsFile } = initFrom(
      "- id: halo\n  name: Reiger Halo\n  versionPatterns:\n    - { pattern: '\\b(?:firmware|fw)\\s*v?(\\d+\\.\\d+)\\b', version: '$1' }\n    - { pattern: '\\bHT-?2\\b', version: '2' }\n    - { pattern: 'don''t\\s+\\d+', version: not-ours }\n",
      'contract,organization,match,products,from\nR-1,Boomhut,4903,halo >=5.2,2026-01-01\n', '115');
    const text = initConfig({ products: productsFile, contracts: contractsFile, rate: '115' });
    expect(text).toContain("- { pattern: '\\b(?:firmware|fw)\\s*v?(\\d+\\.\\d+)\\b', version: '$1' }");
    expect(text).toContain("- { pattern: 'don''t\\s+\\d+', version: 'not-ours' }");
    // An administrator's edit: a repetition with a comma inside the pattern, typed as the docs show it.
    const edited = parseConfig(text.replace("v?(\\d+\\.\\d+)", "v?(\\d+(?:\\.\\d+){0,2})"), 'edited.yaml');
    expect(edited.config.products?.[0]?.versionPatterns?.[0]).toEqual({ pattern: '\\b(?:firmware|fw)\\s*v?(\\d+(?:\\.\\d+){0,2})\\b', version: '$1' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a version pattern\'s caseSensitive, so a codename that is also a word reads only as written', () => {
    const { dir, productsFile, contractsFile, loaded } = initFrom(
      "- id: uitvaart\n  name: Duin Uitvaart\n  versionPatterns:\n    - { pattern: '\\bHelm\\b', version: '9.0', caseSensitive: true }\n",
      'contract,organization,match,products,from\nD-1,Zeeveld,7101,uitvaart >=9.2,2026-01-01\n', '120');
    expect(loaded.config.products?.[0]?.versionPatterns).toEqual([{ pattern: '\\bHelm\\b', version: '9.0', caseSensitive: true }]);
    const engine = compileRules(loaded.config, { configHash: loaded.hash });
    const said = (text: string) => engine.triage(item('1', '7101', 'Uitvaart: fout bij opslaan dossier', text)).facts['version']?.value;
    expect(said('Duin Uitvaart (Helm) geeft bij opslaan: "DOS-112 Dossier vergrendeld". Stappen: dossier openen, opslaan.')).toBe('9.0');
    expect(said('Uitvaart geeft bij opslaan met de helm van de fiets in de hand: "DOS-112 Dossier vergrendeld". Stappen: dossier openen, opslaan.')).toBeUndefined();
    fs.writeFileSync(productsFile, "- id: uitvaart\n  name: Duin Uitvaart\n  versionPatterns:\n    - { pattern: 'Helm', version: '9.0', caseSensitive: 'ja' }\n");
    expect(() => initConfig({ products: productsFile, contracts: contractsFile, rate: '120' })).toThrow(/caseSensitive: true/);
    // A product without versions refuses patterns in the products list itself, not in init's own output.
    fs.writeFileSync(productsFile, "- id: uitvaart\n  name: Duin Uitvaart\n  versioned: false\n  versionPatterns:\n    - { pattern: 'ios \\d+', version: not-ours }\n");
    expect(() => initConfig({ products: productsFile, contracts: contractsFile, rate: '120' })).toThrow(`${productsFile}: product 1 (uitvaart): versioned: false has no version to read`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies a product\'s pre-release policy into the catalogue, and refuses one init cannot read', () => {
    const { dir, productsFile, contractsFile, loaded } = initFrom(
      '- id: podium\n  name: Valk Podium\n  prereleases: not-covered\n- id: tickets\n  name: Valk Tickets\n',
      'contract,organization,match,products,from\nV-1,Schouwburg,7101,podium >=5.2; tickets,2026-01-01\n', '120');
    expect(loaded.config.products?.map((p) => p.prereleases)).toEqual(['not-covered', undefined]);
    const engine = compileRules(loaded.config, { configHash: loaded.hash });
    const v = engine.triage(item('1', '7101', 'Podium crasht', 'Sinds Valk Podium 5.4.0-rc.1 crasht de zaalplanning bij openen: "Onverwachte fout (ref 7f3a)". Stappen: Zalen > Planning > openen.'));
    expect([v.facts['version']?.value, v.outcome]).toEqual(['5.4.0-rc.1', 'advisory']);
    fs.writeFileSync(productsFile, '- id: podium\n  name: Valk Podium\n  prereleases: nee\n');
    expect(() => initConfig({ products: productsFile, contracts: contractsFile, rate: '120' })).toThrow(`${productsFile}: product 1 (podium): expected prereleases: covered or not-covered`);
    fs.writeFileSync(productsFile, '- id: podium\n  name: Valk Podium\n  versioned: false\n  prereleases: covered\n');
    expect(() => initConfig({ products: productsFile, contracts: contractsFile, rate: '120' })).toThrow('versioned: false has no versions, so no pre-releases either');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a product listed once per range as one entry with either range, and refuses a range no version meets', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-init-'));
    const bad = path.join(dir, 'contracts.csv');
    fs.writeFileSync(bad, 'contract,organization,match,products,from\nC-1,Acme,1,finance 9.4; finance >=10.2,2026-01-01\n');
    const loaded = parseConfig(initConfig({ products, contracts: bad, rate: '135' }), 'starter.yaml');
    expect(loaded.config.contracts[0]?.products).toEqual([{ product: 'finance', versions: ['9.4', '>=10.2'] }]);
    fs.writeFileSync(bad, 'contract,organization,match,products,from\nC-1,Acme,1,finance 9.4 >=10.2,2026-01-01\n');
    expect(() => initConfig({ products, contracts: bad, rate: '135' })).toThrow(`${bad}:2:4 (products): no version is 9.4 and >=10.2 at once, so "finance 9.4 >=10.2" covers nothing; for either, list the product once per range: "finance 9.4; finance >=10.2"`);
    // Two ranges run together: the suggestion keeps each range whole.
    fs.writeFileSync(bad, 'contract,organization,match,products,from\nC-1,Acme,1,finance >=2.7 <3 >=3.2,2026-01-01\n');
    expect(() => initConfig({ products, contracts: bad, rate: '135' })).toThrow('list the product once per range: "finance >=2.7 <3; finance >=3.2"');
    fs.writeFileSync(bad, 'contract,organization,match,products,from\nC-1,Acme,1,finance >=9.0 <10,2026-01-01\n');
    expect(() => initConfig({ products, contracts: bad, rate: '135' })).not.toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the default rate instead of guessing one', () => {
    expect(() => initConfig({ products, contracts })).toThrow('--rate N is required');
    expect(starter().loaded.config.defaults.hourlyRate).toBe(135);
  });

  it('refuses a contract naming an unknown product, with the line and a suggestion', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-init-'));
    const bad = path.join(dir, 'contracts.csv');
    fs.writeFileSync(bad, 'contract,organization,match,products,from\nC-1,Acme,1,payrol >=7.0,2026-01-01\n');
    expect(() => initConfig({ products, contracts: bad, rate: '135' })).toThrow(`${bad}:2: contract C-1 names product "payrol" (did you mean "payroll"?)`);
    fs.writeFileSync(bad, 'contract,organization,match,products,from\nC-1,Acme,1,payroll >=R7.2,2026-01-01\n');
    expect(() => initConfig({ products, contracts: bad, rate: '135' })).toThrow(`${bad}:2:4 (products): expected a version such as "9.2", "9.x" or ">=8.0 <10" after payroll, got ">=R7.2" (write the numbers only: "payroll >=7.2")`);
    fs.writeFileSync(bad, 'contract,organization,match,products,from\nC-1,Acme,1,payroll,01-01-2026\n');
    expect(() => initConfig({ products, contracts: bad, rate: '135' })).toThrow(`${bad}:2:5 (from): expected a date YYYY-MM-DD, got "01-01-2026"`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a vat column (a percentage, or reverse charge) into the contracts, and the config it writes loads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-init-'));
    const csv = path.join(dir, 'contracts.csv');
    fs.writeFileSync(csv, [
      'contract,organization,match,products,from,currency,vat',
      'C-BE,Brouwerij Leuven NV,101,finance,2026-01-01,,reverse charge',
      'C-UK,Northwind Traders Ltd,102,planner,2026-01-01,GBP,VAT reverse-charged',
      'C-NL,Bakkerij Jansen B.V.,103,payroll,2026-01-01,,21%',
      'C-SG,Lion City Pte Ltd,104,connect,2026-01-01,,0',
      'C-LU,Luxtrans SA,105,connect,2026-01-01,,"16,5"',
      'C-DE,Kraft GmbH,106,finance,2026-01-01,,btw verlegd',
      'C-XX,Plain BV,107,finance,2026-01-01,,',
      '',
    ].join('\n'));
    const rows = parseContractsCsv(fs.readFileSync(csv, 'utf8'), csv);
    expect(rows.map((r) => [r.id, r.vatPercent, r.reverseCharge])).toEqual([
      ['C-BE', undefined, true], ['C-UK', undefined, true], ['C-NL', 21, undefined], ['C-SG', 0, undefined],
      ['C-LU', 16.5, undefined], ['C-DE', undefined, true], ['C-XX', undefined, undefined],
    ]);
    const text = initConfig({ products, contracts: csv, rate: '135' });
    expect(text).toContain('reverseCharge: true   # VAT reverse-charged: proposals carry no VAT and say "BTW verlegd" / "VAT reverse-charged"');
    const contractsOf = parseConfig(text, 'starter.yaml').config.contracts;
    expect(contractsOf.map((c) => [c.id, c.vatPercent, c.reverseCharge])).toEqual(rows.map((r) => [r.id, r.vatPercent, r.reverseCharge]));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([['22 procent'], ['150'], ['8.125'], ['-5'], ['exempt']])('refuses the vat cell "%s" with the file, line and column', (cell) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-init-'));
    const bad = path.join(dir, 'contracts.csv');
    fs.writeFileSync(bad, `contract,organization,match,products,from,vat\nC-1,Acme,1,payroll,2026-01-01,${cell}\n`);
    expect(() => initConfig({ products, contracts: bad, rate: '135' })).toThrow(
      `${bad}:2:6 (vat): expected a VAT percentage from 0 to 100 with at most two decimals (such as 21, 9 or 0), or "reverse charge" / "verlegd", got "${cell}"`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes proposal: none on its other-request rule, with a comment saying why and how to change it', () => {
    const text = initConfig({ products, contracts, rate: '135', vendor: 'Veldhuis Software B.V.' });
    const rule = text.slice(text.indexOf('  - id: other-request'), text.indexOf('  - id: defect'));
    expect(rule).toMatch(/# "Thanks, it works again", an invoice question, a renewal quote/);
    expect(rule).toContain('Delete the proposal line to send a proposal for these too.');
    expect(rule).toContain('    proposal: none\n');
    expect(starter().loaded.config.coverage.find((r) => r.id === 'other-request')).toMatchObject({ verdict: 'advisory', proposal: 'none' });
  });

  it('decides a thank-you advisory without a proposal, and triage and simulate say so and book nothing', () => {
    const { loaded, engine } = starter();
    const thanks = item('T-1', '9002', 'Werkt weer', 'Bedankt voor de snelle hulp, het werkt weer! Groet, Marieke');
    const verdict = engine.triage(thanks);
    expect([verdict.outcome, verdict.category, verdict.rule, verdict.proposal?.send]).toEqual(['advisory', 'advisory', 'other-request', false]);
    expect(renderVerdict(thanks, verdict, 'test', 'en')).toContain('  proposal  none sent (rule other-request has proposal: none): the customer gets the reason; an agent can make one by hand');
    expect(toVerdictRow(thanks, verdict, 'test', 'en')).toMatchObject({ outcome: 'advisory', rule: 'other-request', estimateHours: null, amount: null, currency: null });
    const summary = createSimulationSummary();
    const contracts = new Map(loaded.config.contracts.map((c) => [c.id, c]));
    addToSummary(summary, { item: thanks, verdict, source: 'test' }, contracts, 'Europe/Amsterdam');
    expect(summary.advisoryWithoutProposal).toBe(1);
    expect(summary.byOrganization.size).toBe(0);
    expect(formatSummary(summary)).toContain('of the advisory, 1 without a proposal (rules with proposal: none): no hours or amounts below');
  });
});
