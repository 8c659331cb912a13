// A catalogue product's own version numbering (`versionPatterns`): each match read as a version of that
// product only; a pattern or template that cannot work is refused with the file, line and path.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../connectors/config/load-config.js';
import { compileRules } from '../../rules/index.js';
import { HEAD, issuesOf } from './config-text.js';

const config = (patterns: string, versioned = '') => `${HEAD}products:
  - id: box
    name: Akker Box${versioned}
    versionPatterns:
${patterns}
  - id: veld
    name: Akker Veld
contracts:
  - id: C-1
    name: Hendriks
    level: standard
    validFrom: 2026-01-01
    match: { organizationIds: ['3102'] }
    products: [{ product: box, versions: ['>=4.05'] }, { product: veld, versions: ['>=3.8'] }]
completeness:
  - id: version-known
    require: { fact: version, present: true }
    missing: { en: Which version?, nl: Welke versie? }
coverage:
  - id: outside
    when: { contract: version-out-of-support }
    verdict: advisory
    reason: { en: Outside, nl: Buiten }
  - id: defect
    when: { contract: active }
    verdict: covered
    reason: { en: Defect, nl: Storing }
`;
const firmware = "      - { pattern: '\\bfw\\s*(\\d)(\\d\\d)\\b', version: '$1.$2' }";


const triage = (text: string, description: string) => {
  const loaded = parseConfig(text, 'inline.yaml');
  return compileRules(loaded.config, { configHash: loaded.hash }).triage({
    id: '1', subject: 'storing', description, createdAt: '2026-11-02T09:00:00Z', organizationId: '3102', requesterEmail: 'a@b.nl', tags: [], fields: {}, attachments: [],
  });
};

describe('versionPatterns of a catalogue product', () => {
  it('reads the product\'s own numbering, built from the groups ("fw 407" is 4.07, "fw 403" 4.03)', () => {
    const covered = triage(config(firmware), 'De Akker Box op fw 407 verliest de verbinding.');
    expect([covered.outcome, covered.facts['version']?.value]).toEqual(['covered', '4.07']);
    const below = triage(config(firmware), 'De Akker Box op fw 403 verliest de verbinding.');
    expect([below.outcome, below.facts['version']?.value]).toEqual(['advisory', '4.03']);
  });

  it('is tried for that product only, and the built-in reads the rest', () => {
    expect(triage(config(firmware), 'Akker Veld 3.9.1 sluit af, fw 407 staat op de box van de buurman.').facts['version']?.value).toBe('3.9.1');
    expect(triage(config(firmware), 'De Akker Box 4.06 verliest de verbinding.').facts['version']?.value).toBe('4.06');
  });

  it('reads an upgrade written the product\'s way as any upgrade: "from fw 403 to fw 407" gives 4.07', () => {
    expect(triage(config(firmware), 'We zijn met de Akker Box van fw 403 naar fw 407 gegaan en nu valt hij uit.').facts['version']?.value).toBe('4.07');
  });

  it('hides what a pattern without a number in its version matches: "not ours" for another maker\'s version', () => {
    const hide = `${firmware}\n      - { pattern: 'terminal software\\s*[\\d.]+', version: not-ours }`;
    const v = triage(config(hide), 'De Akker Box valt uit; terminal software 4.1.3, de box zelf weet ik niet.');
    expect(v.facts['version']).toBeUndefined();
    expect(v.outcome).toBe('incomplete');
  });

  it('names the product by its own version when no product is named', () => {
    const v = triage(config(firmware), 'Sinds fw 407 verliest hij steeds de verbinding.');
    expect([v.facts['product']?.value, v.facts['version']?.value, v.outcome]).toEqual(['box', '4.07', 'covered']);
  });

  it('counts a product\'s own version pattern as its name with a version, beside another product named with one', () => {
    // The box's firmware says as much as "Akker Veld 3.14" in the list of what runs on the farm: the
    // veld is not taken as the one in use on its version alone, and the two decide differently.
    const v = triage(config(firmware), 'De Akker Box valt elke nacht uit sinds fw 403, en de box start daarna niet meer.\nInfo: Akker Veld 3.14 op de tablet.');
    expect(v.outcome).toBe('review');
    expect(v.trace.contract).toContain('product "veld" or "box": named nearly as often, and "box" would decide advisory');
  });

  it('takes the first group, or the whole match, without a template', () => {
    expect(triage(config("      - { pattern: 'generatie (\\d\\.\\d\\d)' }"), 'Akker Box generatie 4.08 valt uit').facts['version']?.value).toBe('4.08');
  });

  it.each([
    ['a template naming a group the pattern lacks', "      - { pattern: 'fw\\s*(\\d)', version: '$1.$2' }", '', { line: 8, column: 42, path: 'products[0].versionPatterns[0].version', message: '$2 names no capture group of the pattern (it has 1): use $1 to $1' }],
    ['a pattern that is no regular expression', "      - { pattern: 'fw(' }", '', { line: 8, column: 20, path: 'products[0].versionPatterns[0].pattern' }],
    ['patterns on a product without versions', firmware, '\n    versioned: false', { line: 9, column: 7, path: 'products[0].versionPatterns', message: 'a product with versioned: false has no version to read: remove versionPatterns or versioned: false' }],
    ['a pre-release policy that is neither covered nor not-covered', firmware, '\n    prereleases: yes', { line: 7, column: 18, path: 'products[0].prereleases', message: 'expected covered or not-covered' }],
  ])('refuses %s, naming the line and path', (_what, patterns, versioned, expected) => {
    const issues = issuesOf(config(patterns, versioned));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject(expected);
  });
});

describe('a product\'s pre-release policy (prereleases)', () => {
  it('decides a release candidate inside the range as the catalogue says, and sends it to a person without a word', () => {
    const rc = 'De Akker Box valt uit sinds fw 407-rc.1 erop staat.';
    expect(triage(config(firmware, '\n    prereleases: not-covered'), rc).outcome).toBe('advisory');
    expect(triage(config(firmware, '\n    prereleases: covered'), rc).outcome).toBe('covered');
    expect(triage(config(firmware), rc).outcome).toBe('review');
  });
});
