// What a childcare vendor's customers wrote that InScope misread on arrival (the Reiger world's
// development part, test/eval/worlds/reiger): a Flemish time of day read as a release, steps written
// as an action and an arrow, a year's release in a subject, and the vendor's name in a greeting.
import { describe, expect, it } from 'vitest';
import { findErrorText, findSteps, findVersion, releaseParts } from '../../rules/builtin-facts.js';
import type { CoverageRule } from '../../rules/index.js';
import { DEFECT_COMPLETENESS, contractDef, engineFor, reason, workItem } from './builders.js';

describe('a time of day written the Flemish way', () => {
  it('is no major and its update ("8u00-12u30"), while "8u4" and "10U3" still are', () => {
    expect(releaseParts('Dinsdag 8u00-12u30: 1 begeleider')).toBe('Dinsdag 8u00-12u30: 1 begeleider');
    expect(releaseParts('vanaf 17u45 loopt het vast')).toBe('vanaf 17u45 loopt het vast');
    expect(releaseParts('we draaien 8u4')).toBe('we draaien v8.4');
    expect(releaseParts('Receptie 10U3')).toBe('Receptie v10.3');
    expect(findVersion('Rooster > Weekplanning. Dinsdag 8u00-12u30: 1 begeleider, 10 kinderen', ['plaatsing'], ['plaatsing']).value).toBeUndefined();
  });
});

describe('steps written as an action, an arrow and what came of it', () => {
  it.each([
    ['tijdlijn openen, foto van gastouder Anja aantikken -> app weg.', 'aantikken -> app weg.'],
    ['App openen > Nieuws\n\nFoto aantikken\n\nApp sluit meteen af', 'openen > Nieuws'],
    ['I opened the roster, clicked Publish → nothing happens', 'clicked Publish → nothing happens'],
  ])('%s', (text, part) => expect(findSteps(text)).toContain(part));

  it('takes no arrow without an action before it, nor a comparison', () => {
    expect(findSteps('Bestanden > 2 GB worden niet geüpload.')).toBeUndefined();
    expect(findSteps('Facturatie -> jaaropgave, daar staat het goed.')).toBeUndefined();
  });
});

describe('a condition and what then happens', () => {
  it('is steps whoever acts in it, when "dan" or "then" says what follows', () => {
    expect(findSteps('Als een gastouder een uurregel aanpast die wij al hebben goedgekeurd, dan verdwijnt de hele regel.')).toContain('dan verdwijnt');
    expect(findSteps('When a parent reports an absence in the app, then the presence list still shows the child.')).toContain('then the presence list');
  });
  it('is not a condition without its consequence', () => {
    expect(findSteps('Als een gastouder vragen heeft, kan zij bellen.')).toBeUndefined();
  });
});

describe('a year\'s release written with a dot', () => {
  it('is a version wherever it stands when the contracts count a year\'s releases', () => {
    expect(findVersion('Kindratio-check 2026.1 keurt het goed', ['plaatsing'], ['plaatsing'], false, true).value).toBe('2026.1');
  });
  it('is not, for a product whose contracts count otherwise, nor for a month or an amount', () => {
    expect(findVersion('Kindratio-check 2026.1 keurt het goed', ['plaatsing'], ['plaatsing']).value).toBeUndefined();
    expect(findVersion('Factuur van EUR 2026.10 klopt niet', ['plaatsing'], ['plaatsing'], false, true).value).toBeUndefined();
  });
  it('decides a defect whose subject gives it', () => {
    const engine = engineFor({
      facts: { product: { words: { plaatsing: ['plaatsing', 'kindratio'] } } },
      completeness: DEFECT_COMPLETENESS,
      coverage: [
        { id: 'defect', when: { all: [{ contract: 'active' }, { kind: 'defect' }] }, verdict: 'covered', reason: reason('Defect') },
        { id: 'outside', when: { contract: 'version-out-of-support' }, verdict: 'advisory', reason: reason('Outside') },
      ],
      contracts: [contractDef({ products: [{ product: 'plaatsing', versions: ['>=2025.2'] }] })],
    });
    const v = engine.triage(workItem({ subject: 'Kindratio-check 2026.1 keurt 1 begeleider op 10 kinderen goed', description: 'De kindratio-check geeft een groen vinkje; er hoort de melding "Ratio overschreden" te komen.' }));
    expect([v.outcome, v.facts['version']?.value]).toEqual(['covered', '2026.1']);
  });
});

describe('the vendor\'s name in a greeting', () => {
  const coverage: CoverageRule[] = [
    { id: 'defect', when: { all: [{ contract: 'active' }, { kind: 'defect' }] }, verdict: 'covered', reason: reason('Defect') },
  ];
  // "Reiger" is what customers call the vendor's main product, and the vendor's name.
  const engine = engineFor({
    facts: { product: { words: { plaatsing: ['reiger', 'plaatsing'], gastouder: ['gastouderportaal'] } } },
    completeness: [], coverage,
    contracts: [contractDef({ products: [{ product: 'gastouder' }, { product: 'plaatsing' }] })],
  });
  it.each([
    'Beste Reiger, in het gastouderportaal zijn de goedgekeurde uren verdwenen. Foutmelding: "Regel niet gevonden".',
    'Hallo Reiger,\n\nIn het gastouderportaal zijn de goedgekeurde uren verdwenen. Foutmelding: "Regel niet gevonden".',
  ])('names no product: %s', (description) => {
    const v = engine.triage(workItem({ subject: 'Uren weg', description }));
    expect(v.facts['product']?.value).toBe('gastouder');
  });
  it('still names it in the message itself', () => {
    const v = engine.triage(workItem({ subject: 'Uren weg', description: 'Goedemorgen,\n\nIn Reiger zijn de uren verdwenen. Foutmelding: "Regel niet gevonden".' }));
    expect(v.facts['product']?.value).toBe('plaatsing');
  });
});

describe('a number the administrator hides elsewhere in the text', () => {
  const halo = (hide: boolean) => engineFor({
    products: [{ id: 'halo', name: 'Reiger Halo', aliases: ['zuil'], versionPatterns: hide ? [{ pattern: String.raw`\btag\s*\d+\b`, version: 'not-ours' }] : [] }],
    completeness: DEFECT_COMPLETENESS,
    coverage: [{ id: 'outside', when: { contract: 'version-out-of-support' }, verdict: 'advisory', reason: reason('Outside') }],
    contracts: [contractDef({ products: [{ product: 'halo', versions: ['>=5.2'] }] })],
  });
  it('leaves the version the customer gave readable, as without the pattern ("tag 12345 … firmware 2.9.4")', () => {
    const item = workItem({ description: 'De zuil loopt vast na het scannen, tag 12345 werkt niet. We draaien firmware 2.9.4. Foutmelding "SCAN E-204".' });
    for (const hide of [false, true]) expect(halo(hide).triage(item).facts['version']?.value).toBe('2.9.4');
  });
});

describe('a housing vendor\'s service releases and amounts', () => {
  it.each([
    ['We zitten op KH 2026-04 SR2 (geïnstalleerd in augustus).', 'We zitten op KH v2026.04.2 (geïnstalleerd in augustus).'],
    ['Rent invoice rounding (Huur 26.04 SR1)', 'Rent invoice rounding (Huur v26.04.1)'],
    ['Finance 2026.10 service release 2', 'Finance v2026.10.2'],
    ['versie 2025 SP2', 'versie v2025.2'],
  ])('reads "%s" as one number', (text, read) => expect(releaseParts(text)).toBe(read));
  it('takes no amount after a currency code for a version ("Kale huur XCG 812.45")', () => {
    expect(findVersion('Example contract 04-1187: Kale huur XCG 812.45, servicekosten XCG 63.18', ['huur'], ['huur']).value).toBeUndefined();
    expect(findVersion('Invoice run (Huur 26.04 SR1): Kale huur XCG 812.45', ['huur'], ['huur']).value).toBe('26.04.1');
  });
});

describe('an upgrade written in the product\'s own version form', () => {
  const office = engineFor({
    products: [{ id: 'office', name: 'Grutto Office', versionPatterns: [{ pattern: String.raw`\b(20\d\d)\.Q([1-4])\b`, version: '$1.$2' }, { pattern: String.raw`\b(?:to|naar)\s+(\d\.\d)\b`, version: '$1' }] }],
    completeness: DEFECT_COMPLETENESS,
    coverage: [
      { id: 'new-version', when: { all: [{ contract: 'active' }, { kind: 'new-version' }] }, verdict: 'covered', reason: reason('New version') },
      { id: 'defect', when: { all: [{ contract: 'active' }, { kind: 'defect' }] }, verdict: 'covered', reason: reason('Defect') },
    ],
    contracts: [contractDef({ products: [{ product: 'office', versions: ['>=2025.1'] }] })],
  });
  it('asks for the upgrade as one written in numbers does ("van 2026.Q1 naar 2026.Q4")', () => {
    const v = office.triage(workItem({ subject: 'Upgrade Office', description: 'Wij willen Grutto Office graag laten upgraden van 2026.Q1 naar 2026.Q4. Kunnen jullie dat inplannen?' }));
    expect([v.kind.kind, v.outcome]).toEqual(['new-version', 'covered']);
  });
  it('keeps the words a pattern matches before its version ("from 8.3.4 to 8.4")', () => {
    expect(office.triage(workItem({ subject: 'Upgrade', description: 'Could you please schedule the upgrade of Grutto Office from 8.3.4 to 8.4 on our server?' })).kind.kind).toBe('new-version');
  });
});

describe('a library vendor\'s update requests', () => {
  it('keeps the version a way "from … to …" names as the one asked for, over a later "(naar 8 CU24)" told of the last upgrade', () => {
    const found = findVersion('Graag de upgrade plannen: van 8.0.24 naar 9.0.11. De vorige upgrade (naar 8.0.24) liep vlot.', ['lis'], ['lis']);
    expect(found.target).toBe('9.0.11');
  });
  it('reads asking to schedule a release as asking for a new version ("Graag de najaarsrelease 2026 voor ons inplannen")', () => {
    const engine = engineFor({
      facts: { product: { words: { archief: ['archief'] } } }, completeness: DEFECT_COMPLETENESS,
      coverage: [
        { id: 'new-version', when: { all: [{ contract: 'active' }, { kind: 'new-version' }] }, verdict: 'covered', reason: reason('New version') },
        { id: 'defect', when: { all: [{ contract: 'active' }, { kind: 'defect' }] }, verdict: 'covered', reason: reason('Defect') },
      ],
      contracts: [contractDef({ products: [{ product: 'archief' }] })],
    });
    const v = engine.triage(workItem({ subject: 'najaarsrelease 2026', description: 'Hoi,\n\nGraag de najaarsrelease 2026 van Archief voor ons inplannen, we zitten nu op 2026.1.\n\nGroet, Pieter' }));
    expect([v.kind.kind, v.outcome]).toEqual(['new-version', 'covered']);
  });
});

describe('a library vendor\'s error lines and steps headings', () => {
  it('reads a line under a colon that says what failed and how as the error text', () => {
    expect(findErrorText('Aan de balie krijg je bij Uitlening > Verlengen:\n\n  Verlenging mislukt: ongeldige datum (RenewalPolicy.CalculateDueDate)\n\nHet gaat om alle materialen.')).toBe('Verlenging mislukt: ongeldige datum (RenewalPolicy.CalculateDueDate)');
    expect(findErrorText('Wat we willen:\nVerlengen mislukt niet vaak, maar we willen een melding.')).toBeUndefined();
  });
  it('reads "Steps:" that ends a line saying something else first, over the recipe', () => {
    expect(findSteps('Seen on app version 6.3.1 on an iPhone 13. Steps:\nLog in to the app with the member account\n\nRenew a loan at the desk')).toContain('Log in to the app');
    expect(findSteps('Seen on app version 6.3.1. Steps: see the attached log.')).toBeUndefined();
  });
});
