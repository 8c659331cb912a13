// Ask only for what the decision needs: coverage evaluated three-valued with the missing facts
// unknown; a missing item is asked when it could change the outcome or a covered Call needs it.
import { describe, expect, it } from 'vitest';
import type { CompletenessRule, CoverageRule, RulesConfig } from '../../rules/index.js';
import { DEFECT_COMPLETENESS, contractDef, engineFor, reason, workItem } from './builders.js';

const completeness = DEFECT_COMPLETENESS;
const coverage: CoverageRule[] = [
  { id: 'no-contract', when: { contract: 'none' }, verdict: 'advisory', reason: reason('No contract') },
  { id: 'not-active', when: { contract: ['expired', 'not-yet-active'] }, verdict: 'advisory', reason: reason('Not active') },
  { id: 'outside', when: { contract: ['product-not-covered', 'module-not-covered', 'version-out-of-support'] }, verdict: 'advisory', reason: reason('Outside') },
  { id: 'how-to', when: { kind: 'how-to' }, verdict: 'advisory', reason: reason('How-to') },
  { id: 'defect', when: { all: [{ contract: 'active' }, { kind: 'defect' }] }, verdict: 'covered', reason: reason('Defect') },
];
const facts = { product: { words: { finance: ['finance'], payroll: ['payroll'] } } };
const twoProducts = contractDef({ products: [{ product: 'finance', versions: ['>=9.0'] }, { product: 'payroll', versions: ['>=7.0'] }] });
const engine = (overrides: Partial<RulesConfig> = {}) => engineFor({ facts, completeness, coverage, contracts: [twoProducts], ...overrides });
const crash = 'Sinds de update crasht het boeken, het werkt niet meer.';

describe('a completeness rule asked only when it decides (ask: when-it-decides)', () => {
  const moduleKnown: CompletenessRule = { id: 'module-known', when: { kind: 'defect' }, require: { fact: 'module', present: true }, missing: reason('Which module?'), ask: 'when-it-decides' };
  const moduleFacts = { ...facts, module: { words: { ledger: ['grootboek'], invoicing: ['facturatie'] } } };
  const someModules = contractDef({ products: [{ product: 'finance', modules: ['ledger'], versions: ['>=9.0'] }] });
  const wholeProduct = contractDef({ products: [{ product: 'finance', versions: ['>=9.0'] }] });
  const withModule = (contract: ReturnType<typeof contractDef>) => engineFor({ facts: moduleFacts, completeness: [...completeness, moduleKnown], coverage, contracts: [contract] });
  const complete = `${crash} Finance 9.4, foutmelding: "Periode gesloten".`;

  it('asks for the module when the contract covers some of the product\'s modules', () => {
    const v = withModule(someModules).triage(workItem({ description: complete }));
    expect([v.outcome, v.missing.map((m) => m.id)]).toEqual(['incomplete', ['module-known']]);
    expect(withModule(someModules).triage(workItem({ description: `${complete} In het grootboek.` })).outcome).toBe('covered');
    expect(withModule(someModules).triage(workItem({ description: `${complete} Bij de facturatie.` })).outcome).toBe('advisory');
  });

  it('never asks it of a customer whose contract covers the whole product, covered or not', () => {
    const covered = withModule(wholeProduct).triage(workItem({ description: complete }));
    expect([covered.outcome, covered.notAsked.map((n) => n.id)]).toEqual(['covered', ['module-known']]);
    // Open on the version: the version is asked, the module is not.
    const open = withModule(wholeProduct).triage(workItem({ description: `${crash} Finance, foutmelding: "Periode gesloten".` }));
    expect([open.outcome, open.missing.map((m) => m.id)]).toEqual(['incomplete', ['version-known']]);
  });
});

describe('completeness mode relevant (the default)', () => {
  it('decides advisory without asking when there is no contract, and says what was not asked', () => {
    const v = engine().triage(workItem({ organizationId: '5555', description: crash }));
    expect([v.outcome, v.rule, v.missing]).toEqual(['advisory', 'no-contract', []]);
    expect(v.notAsked).toEqual([
      { id: 'product-known', why: 'rule "no-contract" decides advisory whatever its value' },
      { id: 'version-known', why: 'rule "no-contract" decides advisory whatever its value' },
      { id: 'error-or-steps', why: 'rule "no-contract" decides advisory whatever its value' },
    ]);
    expect(JSON.parse(JSON.stringify(v.trace)).contract).toContain('not asked: version-known (rule "no-contract" decides advisory whatever its value)');
  });

  it('decides advisory without asking for a how-to question, even with the product unknown', () => {
    const v = engine().triage(workItem({ description: 'Hoe stel ik de export in? Kunnen jullie uitleggen hoe dat werkt?' }));
    expect([v.outcome, v.rule]).toEqual(['advisory', 'how-to']);
    expect(v.notAsked.map((n) => n.id)).toEqual(['product-known']);
  });

  it('asks for the product when it decides between covered and outside the contract', () => {
    const v = engine().triage(workItem({ description: `${crash} Versie 9.4, foutmelding: "Periode gesloten".` }));
    expect(v.outcome).toBe('incomplete');
    expect(v.missing.map((m) => m.id)).toEqual(['product-known']);
  });

  it('asks a covered defect for what its handling needs, though the answer cannot change the outcome', () => {
    // No version limits: the defect is covered whatever the version, and still needs it to be handled.
    const anyVersion = contractDef({ products: [{ product: 'finance' }, { product: 'payroll' }] });
    const v = engine({ contracts: [anyVersion] }).triage(workItem({ subject: 'Finance', description: crash }));
    expect(v.outcome).toBe('incomplete');
    expect(v.missing.map((m) => m.id)).toEqual(['version-known', 'error-or-steps']);
  });

  it('does not decide on the absence of what it is about to ask for', () => {
    // A rule that reads a missing fact holds or not depending on the answer: ask, do not guess.
    const onAbsence: CoverageRule = { id: 'no-error-no-call', when: { not: { fact: 'errorText', present: true } }, verdict: 'advisory', reason: reason('No error') };
    const v = engine({ coverage: [coverage[0]!, onAbsence, ...coverage.slice(1)] }).triage(workItem({ subject: 'Finance 9.4', description: crash }));
    expect(v.outcome).toBe('incomplete');
    expect(v.missing.map((m) => m.id)).toEqual(['error-or-steps']);
  });

  it('decides advisory without asking when the version found is out of support', () => {
    const v = engine().triage(workItem({ subject: 'Finance 8.2', description: crash }));
    expect([v.outcome, v.rule]).toEqual(['advisory', 'outside']);
    expect(v.notAsked.map((n) => n.id)).toEqual(['error-or-steps']);
  });

  it('leaves it to a person, naming both kinds, when an uncertain kind decides', () => {
    // The learned model would settle this one (see classify-kind.test.ts): here the cues alone.
    const v = engine({ kinds: { learned: false } }).triage(workItem({ subject: 'Finance 9.4', description: 'Hoe stel ik dit in? Het werkt niet.' }));
    expect([v.outcome, v.rule, v.missing]).toEqual(['review', null, []]);
    expect(v.reasons[0]?.en).toMatch(/^This could be (a defect|a how-to or advice question) or (a defect|a how-to or advice question); the support manager decides\.$/);
  });
  it('decides when both candidate kinds lead to the same outcome, asking what a covered Call needs', () => {
    // Uncertain between a defect and a new-version request: both are covered Calls under an active
    // contract, so the kind cannot change the outcome; the product is still needed to handle it.
    const newVersion: CoverageRule = { id: 'new-version', when: { all: [{ contract: 'active' }, { kind: 'new-version' }] }, verdict: 'covered', reason: reason('New version') };
    const e = engine({ coverage: [...coverage, newVersion], kinds: { 'new-version': { add: ['licentie', 'ongeldig'] } } });
    const text = 'Sinds de update is onze licentie ongeldig. Versie 9.4.';
    const v = e.triage(workItem({ description: text }));
    const kind = JSON.parse(JSON.stringify(v)).kind as { certain: boolean; candidates: string[] };
    expect([kind.certain, [...kind.candidates].sort()]).toEqual([false, ['defect', 'new-version']]);
    expect(v.outcome).toBe('incomplete');
    expect(v.missing.map((m) => m.id)).toContain('product-known');
    // With the product known it is a covered Call whichever kind it is, so no person is needed.
    const complete = e.triage(workItem({ description: `Finance: ${text} Stappen: 1. inloggen 2. melding` }));
    expect(complete.outcome).not.toBe('review');
  });
  it('decides by the likelier kind\'s rule when both candidates are advisory, with its reason and proposal', () => {
    const own: CoverageRule = { id: 'own-implementation', when: { kind: 'own-implementation' }, verdict: 'advisory', reason: reason('Own implementation'), estimateHours: 4 };
    const v = engine({ coverage: [...coverage.slice(0, 4), own, ...coverage.slice(4)] })
      .triage(workItem({ subject: 'Finance 9.4', description: 'Hoe moeten we ons eigen script aanpassen aan de nieuwe export?' }));
    const kind = JSON.parse(JSON.stringify(v)).kind as { kind: string; certain: boolean; candidates: string[] };
    expect([kind.certain, [...kind.candidates].sort()]).toEqual([false, ['how-to', 'own-implementation']]);
    expect([v.outcome, v.category, v.rule]).toEqual(['advisory', 'advisory', kind.kind === 'how-to' ? 'how-to' : 'own-implementation']);
    expect(v.proposal).not.toBeNull();
  });
  it('reads through a named condition for what a completeness rule asks', () => {
    // The same as above, with the requirement behind a name: the error text is still unknown.
    const onAbsence: CoverageRule = { id: 'no-error-no-call', when: { not: { fact: 'errorText', present: true } }, verdict: 'advisory', reason: reason('No error') };
    const named: CompletenessRule = { id: 'error-named', when: { kind: 'defect' }, require: { condition: 'has-error' }, missing: reason('Which error?') };
    const v = engine({
      conditions: { 'has-error': { fact: 'errorText', present: true } },
      completeness: [named],
      coverage: [coverage[0]!, onAbsence, ...coverage.slice(1)],
    }).triage(workItem({ subject: 'Finance 9.4', description: crash }));
    expect(v.outcome).toBe('incomplete');
    expect(v.missing.map((m) => m.id)).toEqual(['error-named']);
  });
});

describe('completeness mode always', () => {
  it('asks for every missing item first, contract or not', () => {
    const v = engine({ completenessMode: 'always' }).triage(workItem({ organizationId: '5555', description: crash }));
    expect(v.outcome).toBe('incomplete');
    expect(v.missing.map((m) => m.id)).toEqual(['product-known', 'version-known', 'error-or-steps']);
    expect(v.notAsked).toEqual([]);
  });

  it('leaves it to a person instead of asking what only one reading of an uncertain kind needs', () => {
    const uncertain = engine({ completenessMode: 'always', kinds: { learned: false } }).triage(workItem({ subject: 'Finance 9.4', description: 'Hoe stel ik dit in? Het werkt niet.' }));
    expect([uncertain.outcome, uncertain.missing]).toEqual(['review', []]);
    expect(uncertain.reasons[0]?.en).toMatch(/the support manager decides/);
    // With the product missing too, something is surely needed: the literal order asks for everything.
    const needs = engine({ completenessMode: 'always' }).triage(workItem({ description: 'Hoe stel ik dit in? Het werkt niet.' }));
    expect([needs.outcome, needs.missing.map((m) => m.id)[0]]).toEqual(['incomplete', 'product-known']);
  });
});

describe('a completeness rule never asked of the customer (ask: never)', () => {
  const engine = (ask: 'when-it-decides' | 'never', mode: 'relevant' | 'always' = 'relevant') => engineFor({
    completenessMode: mode,
    facts: { product: { words: { plaatsing: ['plaatsing'] } }, module: { words: { facturatie: ['factuur', 'facturen'], rooster: ['rooster'] } } },
    completeness: [{ id: 'module-known', when: { kind: 'defect' }, require: { fact: 'module', present: true }, ask, missing: { en: 'Which module?', nl: 'Welke module?' } }],
    coverage: [
      { id: 'outside', when: { contract: 'module-not-covered' }, verdict: 'advisory', reason: { en: 'Outside', nl: 'Buiten' } },
      { id: 'defect', when: { all: [{ contract: 'active' }, { kind: 'defect' }] }, verdict: 'covered', reason: { en: 'Defect', nl: 'Defect' } },
      { id: 'how-to', when: { kind: 'how-to' }, verdict: 'advisory', reason: { en: 'How-to', nl: 'How-to' } },
    ],
    contracts: [contractDef({ products: [{ product: 'plaatsing', modules: ['rooster'] }] })],
  });
  const unnamed = workItem({ description: 'In Plaatsing crasht het scherm bij opslaan met de foutmelding "E-204 ongeldige periode".' });
  it('sends the request to a person where the answer would decide, and says which rule left it open', () => {
    const asked = engine('when-it-decides').triage(unnamed);
    expect([asked.outcome, asked.missing.map((m) => m.id)]).toEqual(['incomplete', ['module-known']]);
    const v = engine('never').triage(unnamed);
    expect([v.outcome, v.missing]).toEqual(['review', []]);
    expect(v.reasons[0]?.en).toContain('module-known');
    expect(engine('never', 'always').triage(unnamed).outcome).toBe('review');
  });
  it('changes nothing where the module is given or does not decide', () => {
    expect(engine('never').triage(workItem({ description: 'In Plaatsing crasht het rooster bij opslaan met de foutmelding "E-204 ongeldige periode".' })).outcome).toBe('covered');
    expect(engine('never').triage(workItem({ description: 'Hoe stel ik in Plaatsing de herinneringen in? Kunnen jullie uitleggen hoe dat werkt?' })).outcome).toBe('advisory');
  });
});
