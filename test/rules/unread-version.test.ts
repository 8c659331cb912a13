// A customer who gave the version in words InScope does not read ("release 48", "FW 4.7") must not
// be asked for it: when the version is all that would be asked, a person reads the ticket instead.
import { describe, expect, it } from 'vitest';
import type { CoverageRule } from '../../rules/index.js';
import { findVersionHint } from '../../rules/builtin-facts.js';
import { DEFECT_COMPLETENESS, contractDef, engineFor, reason, workItem } from './builders.js';

const completeness = DEFECT_COMPLETENESS;
const coverage: CoverageRule[] = [
  { id: 'no-contract', when: { contract: 'none' }, verdict: 'advisory', reason: reason('No contract') },
  { id: 'defect', when: { all: [{ contract: 'active' }, { kind: 'defect' }] }, verdict: 'covered', reason: reason('Defect') },
];
const engine = engineFor({
  facts: { product: { words: { finance: ['finance'] } } }, completeness, coverage,
  contracts: [contractDef({ products: [{ product: 'finance', versions: ['>=9.0'] }] })],
});
const defect = (version: string) => `Finance ${version}: bij het boeken verschijnt de foutmelding "Periode gesloten", ook in een open periode.`;

describe('a version given in words InScope does not read', () => {
  it('goes to a person instead of asking the customer, and says what may be the version', () => {
    const v = engine.triage(workItem({ description: defect('firmware 4.x build r47') }));
    expect([v.outcome, v.missing]).toEqual(['review', []]);
    expect(v.reasons[0]?.en).toContain('"firmware 4');
    expect(v.reasons[0]?.nl).toContain('de supportmanager controleert');
    expect(JSON.parse(JSON.stringify(v.trace)).contract).toContain('version not read, but "firmware 4');
  });

  it('still asks when nothing looks like a version, or when more than the version is missing', () => {
    expect(engine.triage(workItem({ description: defect('sinds vorige week') })).outcome).toBe('incomplete');
    const both = engine.triage(workItem({ description: 'Finance op r48 doet het niet meer sinds gisteren.' }));
    expect([both.outcome, both.missing.map((m) => m.id)]).toEqual(['incomplete', ['version-known', 'error-or-steps']]);
  });

  it('reads a version it can read, and does not doubt the verdict then', () => {
    expect(engine.triage(workItem({ description: defect('versie 9.4.1') })).outcome).toBe('covered');
  });
});

describe('words the product\'s own version patterns hide', () => {
  const hof = engineFor({
    products: [{ id: 'hof', name: 'Duin Hof', versionPatterns: [
      { pattern: String.raw`\b(20\d\d)\s?r([12])\b`, version: '$1.$2' },
      // "R2" without a year names no release: the administrator hides it.
      { pattern: String.raw`(?<!\d\s?)\br\s?[12]\b`, version: 'ambiguous' },
    ] }],
    completeness, coverage,
    contracts: [contractDef({ products: [{ product: 'hof', versions: ['>=2026.1'] }] })],
  });
  const export_ = (release: string) => `Exporting the cremation register, Hof shows the error 'Index was outside the bounds of the array.' We're on Hof ${release}.`;
  it('are no unread version: the customer is asked for it', () => {
    const v = hof.triage(workItem({ description: export_('R2') }));
    expect([v.outcome, v.missing.map((m) => m.id)]).toEqual(['incomplete', ['version-known']]);
    expect(hof.triage(workItem({ description: export_('2026 R2') })).outcome).toBe('covered');
  });
});

describe('findVersionHint', () => {
  it.each([
    ['Sinds release 48 werkt het niet', 'release 48'],
    ['op r47 ging het nog goed', 'r47'],
    ['de box draait FW 4.7', 'FW 4.7'],
    ['Firmware: 4.07', 'Firmware: 4.07'],
    ['build 881 van de app', 'build 881'],
  ])('%s → %s', (text, hint) => expect(findVersionHint(text)).toBe(hint));

  it.each([
    'Excel 365 version 2410 on the clients',
    'Android versie 13 op de tablets',
    'we call the v2 API every night',
    'Windows Server 2022 (21H2, build 20348)',
    'Welke versie weet ik niet, volgens mij versie 7',
    'I think version 9, not sure',
    'kassa 3 in filiaal Zeist',
  ])('none in "%s"', (text) => expect(findVersionHint(text)).toBeUndefined());
});

describe('a version read by its major alone', () => {
  const receptie = (floor: string) => engineFor({
    products: [{ id: 'receptie', name: 'Riet Receptie', versionPatterns: [{ pattern: String.raw`\breceptie\s+(\d+)\b(?![.\d])`, version: '$1' }] }],
    completeness, coverage: [
      ...coverage,
      { id: 'outside', when: { contract: 'version-out-of-support' }, verdict: 'advisory', reason: reason('Outside') },
      { id: 'how-to', when: { kind: 'how-to' }, verdict: 'advisory', reason: reason('How-to') },
    ],
    contracts: [contractDef({ products: [{ product: 'receptie', versions: [floor] }] })],
  });
  const defectOn = (version: string) => workItem({ description: `We draaien Riet Receptie ${version} sinds maart. Bij het boeken krijgen we de foutmelding 'BK-2201 plaats bezet'.` });
  it('is asked for when the contract\'s floor lies within that major ("10" against >=10.2)', () => {
    const v = receptie('>=10.2').triage(defectOn('10'));
    expect([v.outcome, v.missing.map((m) => m.id)]).toEqual(['incomplete', ['version-known']]);
    expect(JSON.parse(JSON.stringify(v.trace)).contract).toContain('version 10 of receptie does not say which of its releases it is');
  });
  it('refuses where every release of it is too old ("10" against >=11.2)', () => {
    expect(receptie('>=11.2').triage(defectOn('10')).outcome).toBe('advisory');
  });
  it('is asked for a defect even where every release of it is covered, when the contract counts releases ("10" against >=9.5)', () => {
    const v = receptie('>=9.5').triage(defectOn('10'));
    expect([v.outcome, v.missing.map((m) => m.id)]).toEqual(['incomplete', ['version-known']]);
    expect(JSON.parse(JSON.stringify(v.trace)).contract).toContain('version 10 of receptie names no release, which the contract\'s ranges count');
  });
  it('decides where the contract counts whole majors ("10" against >=10)', () => {
    expect(receptie('>=10').triage(defectOn('10')).outcome).toBe('covered');
  });
  it('is not asked of a question, which the version does not decide', () => {
    const v = receptie('>=9.5').triage(workItem({ description: 'Hoe stel ik in Riet Receptie 10 de seizoensplaatsen in voor volgend jaar? Kunnen jullie uitleggen hoe dat werkt?' }));
    expect(v.outcome).toBe('advisory');
  });
});

describe('a major alone where this contract sets no range', () => {
  const halo = engineFor({
    products: [{ id: 'halo', name: 'Reiger Halo', versionPatterns: [{ pattern: String.raw`\bfirmware\s+(\d+(?:\.\d+)*)\b`, version: '$1' }] }],
    completeness, coverage,
    contracts: [
      contractDef({ id: 'C-any', products: [{ product: 'halo' }] }),
      contractDef({ id: 'C-min', match: { organizationIds: ['9002'] }, products: [{ product: 'halo', versions: ['>=5.2'] }] }),
    ],
  });
  const scan = (firmware: string) => workItem({ description: `De Halo op firmware ${firmware} loopt vast na het scannen, foutmelding "SCAN-TIMEOUT E-204".` });
  it('is asked for a defect when the other contracts count the product by release ("firmware 5")', () => {
    const v = halo.triage(scan('5'));
    expect([v.outcome, v.missing.map((m) => m.id)]).toEqual(['incomplete', ['version-known']]);
  });
  it('is no reason to ask when the release is given', () => {
    expect(halo.triage(scan('5.3')).outcome).toBe('covered');
  });
});

describe('a hint that is only a major of the contract\'s own ranges', () => {
  const huur = engineFor({
    facts: { product: { words: { huur: ['huur'] } } }, completeness,
    coverage: [{ id: 'defect', when: { all: [{ contract: 'active' }, { kind: 'defect' }] }, verdict: 'covered', reason: reason('Defect') }],
    contracts: [contractDef({ products: [{ product: 'huur', versions: ['>=2026.04'] }] })],
  });
  const report = (version: string) => workItem({ description: `In Huur crasht de huurverhoging met foutmelding "E-204 ongeldige periode". We zitten op ${version}.` });
  it('is asked for, not sent to a person ("versie 2026" against >=2026.04)', () => {
    const v = huur.triage(report('versie 2026'));
    expect([v.outcome, v.missing.map((m) => m.id)]).toEqual(['incomplete', ['version-known']]);
  });
  it('still goes to a person when it may name a release in another form ("build 4471")', () => {
    expect(huur.triage(report('build 4471')).outcome).toBe('review');
  });
});

describe('a customer who says they do not know the version', () => {
  const outOfRange = engineFor({
    facts: { product: { words: { finance: ['finance'] } } }, completeness, coverage: [
      { id: 'outside', when: { contract: 'version-out-of-support' }, verdict: 'advisory', reason: reason('Outside') },
      ...coverage,
    ],
    contracts: [contractDef({ products: [{ product: 'finance', versions: ['10.x'] }] })],
  });
  const booking = 'Finance geeft bij het boeken de melding "Journaalpost niet in balans (verschil 0,01)". Stappen: Grootboek > Memoriaal > Boeken.';

  it('is asked for it, not billed on a build number read elsewhere', () => {
    const v = outOfRange.triage(workItem({ description: `${booking}\nVolgens het Info-scherm hebben we build 24.1.3, het versienummer zelf kan ik niet vinden.` }));
    expect([v.outcome, v.missing.map((m) => m.id)]).toEqual(['incomplete', ['version-known']]);
    expect(v.facts['version']).toBeUndefined();
    expect(JSON.parse(JSON.stringify(v.trace)).contract).toContain('version claimed without a number ("versienummer zelf kan ik niet vinden")');
  });

  it('is asked for it when they guess one and would have to check ("5-something")', () => {
    const v = outOfRange.triage(workItem({ description: `${booking}\nWe're on Finance 9, 9-something, I'd have to check on site.` }));
    expect(v.outcome).toBe('incomplete');
  });

  it('keeps a version read when nothing disclaims it', () => {
    const v = outOfRange.triage(workItem({ description: `${booking}\nVolgens het Info-scherm hebben we versie 11.2.` }));
    expect([v.outcome, v.facts['version']?.value]).toEqual(['advisory', '11.2']);
  });
});

describe('a new version asked to be put on the machines', () => {
  const terminal = engineFor({
    products: [{ id: 'terminal', name: 'Plevier Terminal', aliases: ['tablets'] }],
    completeness, coverage: [
      { id: 'outside', when: { contract: 'version-out-of-support' }, verdict: 'advisory', reason: reason('Outside') },
      { id: 'new-version', when: { all: [{ contract: 'active' }, { kind: 'new-version' }] }, verdict: 'covered', reason: reason('New version') },
      ...coverage,
    ],
    contracts: [contractDef({ products: [{ product: 'terminal', versions: ['>=4.2'] }] })],
  });

  it('is about the version asked for, not the one it leaves ("still on 4.1.2 … push 4.2.0")', () => {
    const v = terminal.triage(workItem({
      subject: 'Please push firmware 4.2.0 to our two tablets',
      description: 'Our two T3 tablets are still on firmware 4.1.2. Could you push firmware 4.2.0 to both of them?',
    }));
    expect([v.outcome, v.rule]).toEqual(['covered', 'new-version']);
    const nl = terminal.triage(workItem({ subject: 'Firmware tablets', description: 'Onze tablets staan nog op firmware 4.1.2. Kunnen jullie firmware 4.2.0 op alle tablets zetten?' }));
    expect([nl.outcome, nl.rule]).toEqual(['covered', 'new-version']);
  });
});
