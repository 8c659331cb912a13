// The product catalogue: product and module facts found from ids, names and aliases, modules among
// those of the product found, and `facts.product` / `facts.module` with their own words winning.
import { describe, expect, it } from 'vitest';
import type { CatalogueProduct, FactValue, RulesConfig, WorkItem } from '../../rules/index.js';
import { contractDef, engineFor, reason, workItem } from './builders.js';

const products: CatalogueProduct[] = [
  {
    id: 'finance', name: 'Veldhuis Finance', aliases: ['boekhouding', 'grootboek'],
    modules: [{ id: 'ledger', aliases: ['grootboek', 'journaalpost'] }, { id: 'reporting', aliases: ['rapportage'] }],
  },
  { id: 'planner', name: 'Veldhuis Planner', aliases: ['rooster'], modules: [{ id: 'reports', aliases: ['rapportage'] }] },
  { id: 'connect' },
];

// Without a contract, which may take a product itself or set one aside (tested at the end).
function facts(item: Partial<WorkItem>, overrides: Partial<RulesConfig> = {}): Readonly<Record<string, FactValue>> {
  return engineFor({ products, contracts: [], ...overrides }).triage(workItem(item)).facts;
}

describe('product catalogue', () => {
  it.each<[string, Partial<WorkItem>, string, FactValue | undefined]>([
    ['finds a product by an alias', { description: 'Vraag over de boekhouding' }, 'product', { value: 'finance', source: 'description' }],
    ['finds a product by its name', { subject: 'Veldhuis Planner hangt' }, 'product', { value: 'planner', source: 'subject' }],
    ['finds a product by its id', { description: 'onze connect koppeling' }, 'product', { value: 'connect', source: 'description' }],
    ['reads the subject before the description', { subject: 'rooster', description: 'boekhouding' }, 'product', { value: 'planner', source: 'subject' }],
    ['takes the logical field product first', { fields: { product: 'payroll' }, subject: 'boekhouding' }, 'product', { value: 'payroll', source: 'field' }],
    ['finds a module by an alias', { description: 'boekhouding: journaalpost weg' }, 'module', { value: 'ledger', source: 'description' }],
    ['takes the module among those of the product found', { description: 'Rooster: de rapportage is leeg' }, 'module', { value: 'reports', source: 'description' }],
    ['takes the other product\'s module of the same word', { description: 'Boekhouding: de rapportage is leeg' }, 'module', { value: 'reporting', source: 'description' }],
    ['looks among every module when no product is found', { description: 'de rapportage is leeg' }, 'module', { value: 'reporting', source: 'description' }],
    ['uses the modules of a product given in a field by its name', { fields: { product: 'Veldhuis Planner' }, description: 'rapportage' }, 'module', { value: 'reports', source: 'description' }],
    ['finds no module of another product', { fields: { product: 'connect' }, description: 'journaalpost' }, 'module', undefined],
    // A module whose words only one product's modules use names that product; a shared word names none.
    ['names the product of a module only it has', { description: 'de journaalpost is weg' }, 'product', { value: 'finance', source: 'description' }],
    ['names no product from a module word two products use', { description: 'de rapportage is leeg' }, 'product', undefined],
    // A product named only where the customer says it works is what they compare with.
    ['sets aside a product named where it is said to work', { description: 'Het rooster laadt niet in de app. Rechtstreeks in Veldhuis Finance gaat het wel goed. Connect geeft een fout.' }, 'product', { value: 'connect', source: 'description' }],
  ])('%s', (_name, item, fact, expected) => {
    expect(facts(item)[fact]).toEqual(expected);
  });

  it('counts a product alias that is a word of its own module through the module: a feature another product may show', () => {
    const hrm: CatalogueProduct[] = [
      { id: 'hrm', name: 'Stroom HRM', aliases: ['verlof'], modules: [{ id: 'leave', aliases: ['verlof', 'verlofsaldo'] }] },
      { id: 'portal', name: 'Stroom Portal', aliases: ['medewerkerportaal'] },
    ];
    const item = { subject: 'Verlof aanvragen via medewerkerportaal geeft 500', description: 'Geen verlof meer aan te vragen via het medewerkerportaal.' };
    expect(facts(item, { products: hrm }).product).toEqual({ value: 'portal', source: 'subject' });
    // Named alone, the module still names its product.
    expect(facts({ description: 'Het verlofsaldo is leeg' }, { products: hrm }).product).toEqual({ value: 'hrm', source: 'description' });
  });

  it('leaves the product to facts.product when it declares its own words', () => {
    const own = { facts: { product: { words: { payroll: ['loonstrook'] } } } };
    expect(facts({ description: 'loonstrook en boekhouding' }, own).product).toEqual({ value: 'payroll', source: 'description' });
  });

  it('leaves the product to facts.product when it declares a pattern', () => {
    const own = { facts: { product: { pattern: 'product (\\w+)' } } };
    expect(facts({ description: 'boekhouding, product xyz' }, own).product).toEqual({ value: 'xyz', source: 'description' });
  });

  it('keeps the scope and default of a facts.product without words', () => {
    const own = { facts: { product: { in: 'subject' as const, default: 'connect' } } };
    expect(facts({ description: 'boekhouding' }, own).product).toEqual({ value: 'connect', source: 'default' });
    expect(facts({ subject: 'boekhouding' }, own).product).toEqual({ value: 'finance', source: 'subject' });
  });

  it('makes product and module facts that conditions and contracts read', () => {
    const engine = engineFor({
      products,
      contracts: [contractDef({ products: [{ product: 'finance', modules: ['ledger'] }] })],
      coverage: [
        { id: 'module', when: { all: [{ fact: 'module', equals: 'reporting' }, { contract: 'module-not-covered' }] }, verdict: 'advisory', reason: reason('m') },
        { id: 'active', when: { contract: 'active' }, verdict: 'covered', reason: reason('a') },
      ],
    });
    expect(engine.triage(workItem({ description: 'Boekhouding: de rapportage klopt niet' })).rule).toBe('module');
    expect(engine.triage(workItem({ description: 'Boekhouding: een journaalpost klopt niet' })).rule).toBe('active');
    expect(engine.triage(workItem({ description: 'Planner: een journaalpost' })).contract?.state).toBe('product-not-covered');
  });

  it('does not refuse a one-product customer on another product\'s alias alone: it is their product, as when none is named', () => {
    const engine = engineFor({ products, contracts: [contractDef({ products: [{ product: 'finance' }] })] });
    const alias = engine.triage(workItem({ description: 'Rooster: een journaalpost klopt niet' }));
    expect([alias.contract?.state, alias.facts['product']]).toEqual(['active', { value: 'finance', source: 'contract' }]);
    expect(alias.trace.contract).toMatch(/found by an alias only: taken as finance/);
    // Named, or in the subject, it is that product, and not covered.
    expect(engine.triage(workItem({ description: 'Veldhuis Planner: een journaalpost klopt niet' })).contract?.state).toBe('product-not-covered');
    expect(engine.triage(workItem({ subject: 'Rooster', description: 'een journaalpost klopt niet' })).contract?.state).toBe('product-not-covered');
    // A customer with several products: the alias stands.
    const two = engineFor({ products, contracts: [contractDef({ products: [{ product: 'finance' }, { product: 'payroll' }] })] });
    expect(two.triage(workItem({ description: 'Rooster: een journaalpost klopt niet' })).contract?.state).toBe('product-not-covered');
  });

  it('takes a product a module names only when the contract covers it: it tells which, never that it is outside', () => {
    const coverage: RulesConfig['coverage'] = [
      { id: 'outside', when: { contract: ['product-not-covered', 'module-not-covered'] }, verdict: 'advisory', reason: reason('Outside') },
      { id: 'rest', when: { contract: 'active' }, verdict: 'covered', reason: reason('Covered') },
    ];
    const planner = engineFor({ products, coverage, contracts: [contractDef({ products: [{ product: 'planner' }, { product: 'connect' }] })] });
    const v = planner.triage(workItem({ description: 'De journaalpost voor de maandafsluiting is weg' }));
    expect([v.outcome, v.facts['product']]).toEqual(['covered', undefined]);
    const finance = engineFor({ products, coverage, contracts: [contractDef({ products: [{ product: 'finance' }, { product: 'planner' }] })] });
    expect(finance.triage(workItem({ description: 'De journaalpost voor de maandafsluiting is weg' })).facts['product']).toEqual({ value: 'finance', source: 'description' });
  });

  it('never asks the version of a product marked versioned: false, and still asks it of the others', () => {
    const saas: CatalogueProduct[] = [{ id: 'track', name: 'Haven Track', versioned: false }, { id: 'tms', name: 'Haven TMS' }];
    const engine = engineFor({
      products: saas,
      contracts: [contractDef({ products: [{ product: 'track' }, { product: 'tms' }] })],
      completeness: [{ id: 'version-known', when: { kind: 'defect' }, require: { fact: 'version', present: true }, missing: reason('Which version?') }],
      coverage: [{ id: 'defect', when: { all: [{ contract: 'active' }, { kind: 'defect' }] }, verdict: 'covered', reason: reason('Covered') }],
    });
    const error = 'Sinds vanochtend krijgen we de foutmelding "ERR-500 Internal Server Error". Stappen: 1. inloggen 2. zending openen.';
    expect(engine.triage(workItem({ subject: 'Haven Track geeft een foutmelding', description: error })).outcome).toBe('covered');
    expect(engine.triage(workItem({ subject: 'Haven TMS geeft een foutmelding', description: error })).missing.map((m) => m.id)).toEqual(['version-known']);
  });

  it('has a person decide when a second module is named nearly as much and the contract treats it otherwise', () => {
    const shop: CatalogueProduct[] = [{
      id: 'kassa', name: 'Kroon Kassa',
      modules: [{ id: 'bonnen', aliases: ['bon', 'bonnen', 'kassabon'] }, { id: 'offline', aliases: ['offline', 'offline modus', 'synchronisatie', 'internetstoring'] }],
    }];
    const coverage: RulesConfig['coverage'] = [
      { id: 'outside', when: { contract: 'module-not-covered' }, verdict: 'advisory', reason: reason('Outside') },
      { id: 'defect', when: { contract: 'active' }, verdict: 'covered', reason: reason('Covered') },
    ];
    const engine = engineFor({ products: shop, coverage, contracts: [contractDef({ products: [{ product: 'kassa', modules: ['bonnen'] }] })] });
    const both = engine.triage(workItem({
      subject: 'Na internetstoring bonnen weg',
      description: 'De kassa ging in offline modus. Na de synchronisatie staan 14 bonnen niet in de dagomzet, elke bon is weg.',
    }));
    expect([both.outcome, both.reasons[0]?.en]).toEqual(['review', 'This could be about the module bonnen or offline, which the contract treats differently; the support manager decides.']);
    expect(both.trace.contract).toMatch(/module "bonnen" or "offline": named nearly as often, and "offline" would decide advisory/);
    // Named in passing, the other module does not decide.
    expect(engine.triage(workItem({ subject: 'Bonnen weg uit dagomzet', description: 'Na het afsluiten staan 14 bonnen niet in de dagomzet, elke kassabon is weg. Offline gebeurt het niet.' })).outcome).toBe('covered');
  });

  it('weighs a product\'s catalogue name as naming it, and its name without the brand when a version follows', () => {
    const haven: CatalogueProduct[] = [
      { id: 'tms', name: 'Haven TMS', modules: [{ id: 'documenten', aliases: ['pod', 'cmr'] }] },
      { id: 'chauffeur-app', name: 'Haven Chauffeur', aliases: ['driver app'] },
    ];
    const of = (item: Partial<WorkItem>) => facts(item, { products: haven });
    // "Haven Chauffeur" is the product's own name: it outweighs a TMS named once with a module alias.
    expect(of({ description: 'Haven Chauffeur slaat de handtekening niet op; in TMS staat de POD leeg.' }).product?.value).toBe('chauffeur-app');
    // "Chauffeur" is no alias (drivers are chauffeurs), but followed by a version it is the product.
    expect(of({ subject: 'Handtekening weg (Chauffeur 5.2.0)', description: 'In TMS staat bij de POD geen handtekening.' }).product?.value).toBe('chauffeur-app');
    expect(of({ subject: 'Handtekening weg', description: 'De chauffeur ziet in TMS bij de POD geen handtekening.' }).product?.value).toBe('tms');
    // Names that share no brand have no such short name.
    const plain = facts({ subject: 'Chauffeur 5.2.0 crasht' }, { products: [{ id: 'tms', name: 'Transport Manager' }, { id: 'app', name: 'Chauffeur App' }] });
    expect(plain.product).toBeUndefined();
  });

  it('lets a product found by one alias yield to a module of another product named by its own name', () => {
    const school: CatalogueProduct[] = [
      { id: 'admin', name: 'Lumen Admin', modules: [{ id: 'cijfers', aliases: ['cijferlijst'] }] },
      { id: 'examen', name: 'Lumen Examen', aliases: ['toets'] },
    ];
    const of = (item: Partial<WorkItem>) => facts(item, { products: school });
    expect(of({ description: 'Stappen: Cijfers > Invoer > 3HB > toets H3, het gemiddelde klopt niet.' })).toMatchObject({ product: { value: 'admin' }, module: { value: 'cijfers' } });
    // Named by the product's own name, or by an alias of the module only, the product stands.
    expect(of({ description: 'Lumen Examen: bij Cijfers > Invoer klopt de toets niet.' }).product?.value).toBe('examen');
    expect(of({ description: 'De cijferlijst van de toets klopt niet.' }).product?.value).toBe('examen');
  });

  it('finds nothing from the catalogue in a config without one', () => {
    expect(engineFor({ contracts: [] }).triage(workItem({ description: 'boekhouding' })).facts.product).toBeUndefined();
  });
});
