// The config language for correct configs: the product catalogue that contracts must refer to,
// named conditions, `caseSensitive` beside a regex and the review reason, as the loader reads and
// checks them and as the engine then decides with them.
import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigIssue } from '../../connectors/config/config-error.js';
import { loadConfig, parseConfig } from '../../connectors/config/load-config.js';
import { compileRules } from '../../rules/index.js';
import { HEAD, rule } from './config-text.js';

const fixture = (name: string) => `test/fixtures/config/${name}`;

async function issuesOf(file: string): Promise<readonly ConfigIssue[]> {
  const error: unknown = await loadConfig(file).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues;
}

function issuesOfText(text: string): readonly ConfigIssue[] {
  try {
    parseConfig(text, 'inline.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

const brief = (issues: readonly ConfigIssue[]) => issues.map(({ line, column, path, message }) => ({ line, column, path, message }));


describe('product catalogue in the config', () => {
  it('refuses a misspelt product and a misspelt module of a catalogue product, with did-you-mean', async () => {
    expect(brief(await issuesOf(fixture('unknown-product.yaml')))).toEqual([
      { line: 15, column: 47, path: 'contracts[0].products[0].modules[1]',
        message: 'unknown module "invoicng" of product finance in contract C-1: did you mean "invoicing"? expected one of ledger, invoicing' },
      { line: 16, column: 20, path: 'contracts[0].products[1].product',
        message: 'unknown product "payrol" in contract C-1: did you mean "payroll"? expected one of finance, payroll, planner' },
    ]);
  });

  it('refuses, without a catalogue, a product or module that facts.product or facts.module words never find', async () => {
    expect(brief(await issuesOf(fixture('unknown-product-words.yaml')))).toEqual([
      { line: 16, column: 27, path: 'contracts[0].products[0].product',
        message: 'unknown product "payrol" in contract C-1: did you mean "payroll"? expected one of finance, payroll, planner' },
      { line: 16, column: 67, path: 'contracts[0].products[1].modules[0]',
        message: 'unknown module "ledgre" of product finance in contract C-1: did you mean "ledger"? expected one of ledger, payslips' },
    ]);
  });

  it('says so when nothing is close', () => {
    const text = `${HEAD}products: [{ id: finance }, { id: payroll }]
contracts:
  - { id: C-1, name: x, match: { organizationIds: ["1"] }, level: gold, validFrom: 2026-01-01, products: [{ product: zzzzzzzz, modules: [a] }, { product: finance, modules: [ledger] }] }
`;
    expect(brief(issuesOfText(text)).map((i) => i.message)).toEqual([
      'unknown product "zzzzzzzz" in contract C-1: expected one of finance, payroll',
      'unknown module "ledger" of product finance in contract C-1: the catalogue lists no modules for finance',
    ]);
  });

  it('compares products as the engine does: case and punctuation do not count', () => {
    const text = `${HEAD}products: [{ id: veldhuis-finance, modules: [{ id: general-ledger }] }]
contracts:
  - { id: C-1, name: x, match: { organizationIds: ["1"] }, level: gold, validFrom: 2026-01-01, products: [{ product: Veldhuis Finance, modules: [General Ledger] }] }
`;
    expect(parseConfig(text, 'inline.yaml').config.contracts).toHaveLength(1);
  });

  it('refuses duplicate product and module ids, and own product words that are not catalogue ids', () => {
    const text = `${HEAD}products:
  - { id: finance, modules: [{ id: ledger }, { id: Ledger }] }
  - { id: Finance }
facts:
  product: { words: { finanse: [boekhouding] } }
`;
    expect(brief(issuesOfText(text))).toEqual([
      { line: 5, column: 52, path: 'products[0].modules[1].id', message: 'duplicate module id "Ledger" in product finance: ids must be unique' },
      { line: 6, column: 11, path: 'products[1].id', message: 'duplicate product id "Finance": ids must be unique' },
      { line: 8, column: 32, path: 'facts.product.words.finanse',
        message: 'unknown product "finanse": did you mean "finance"? expected one of finance, Finance (the catalogue\'s product ids)' },
    ]);
  });

  it('lets conditions use the product and module facts that a catalogue provides', () => {
    const text = `${HEAD}products: [{ id: finance }]\n${rule('{ any: [{ fact: product, equals: finance }, { fact: module, present: true }] }').slice(HEAD.length)}`;
    expect(parseConfig(text, 'inline.yaml').config.coverage).toHaveLength(1);
  });

  it('keeps a config without catalogue and without words unchecked, as before', () => {
    const text = `${HEAD}facts: { product: { field: product } }
contracts:
  - { id: C-1, name: x, match: { organizationIds: ["1"] }, level: gold, validFrom: 2026-01-01, products: [{ product: anything, modules: [at-all] }] }
`;
    expect(parseConfig(text, 'inline.yaml').config.contracts).toHaveLength(1);
  });
});

describe('named conditions in the config', () => {
  it('refuses a reference to an unknown name, with did-you-mean', async () => {
    expect(brief(await issuesOf(fixture('unknown-condition.yaml')))).toEqual([
      { line: 8, column: 31, path: 'coverage[0].when.not.condition', message: 'unknown condition "defekt" (did you mean "defect"?): expected one of defect' },
    ]);
  });

  it('refuses a reference when no conditions are declared', () => {
    expect(brief(issuesOfText(rule('{ condition: defect }'))).map((i) => i.message)).toEqual([
      'unknown condition "defect": no conditions are declared under conditions',
    ]);
  });

  it('refuses cycles, naming each', async () => {
    expect(brief(await issuesOf(fixture('condition-cycle.yaml')))).toEqual([
      { line: 6, column: 61, path: 'conditions.urgent.all[1].condition', message: 'named conditions refer to each other in a cycle: defect → urgent → defect' },
      { line: 7, column: 29, path: 'conditions.self.not.condition', message: 'named conditions refer to each other in a cycle: self → self' },
    ]);
  });

  it('checks the facts that named conditions use', () => {
    expect(brief(issuesOfText(`${HEAD}conditions:\n  x: { fact: prodcut, present: true }\n`)).map((i) => i.path)).toEqual(['conditions.x.fact']);
  });

  it('refuses a name that is not a name', () => {
    expect(brief(issuesOfText(`${HEAD}conditions:\n  "urgent defect": { tags: { any: [urgent] } }\n`))[0]?.message)
      .toMatch(/^the key "urgent defect" is not valid: expected a condition name of letters, digits, _ and -/);
  });
});

describe('caseSensitive in the config', () => {
  it.each([
    ['beside phrases in a text match', rule('{ text: { phrases: [hoe stel ik], caseSensitive: true } }'), 'coverage[0].when.text.caseSensitive',
      'caseSensitive applies to regex only: phrases and words always ignore case'],
    ['beside equals in a fact condition', rule('{ fact: subject, equals: x, caseSensitive: true }'), 'coverage[0].when.caseSensitive',
      'caseSensitive applies to matches only: equals and in always ignore case'],
    ['beside words in a fact definition', `${HEAD}facts: { product: { words: { a: [b] }, caseSensitive: true } }\n`, 'facts.product.caseSensitive',
      'caseSensitive applies to pattern only: words always ignore case'],
  ])('is refused %s, where it would change nothing', (_what, text, path, message) => {
    expect(brief(issuesOfText(text)).map((i) => [i.path, i.message])).toEqual([[path, message]]);
  });

  it('is accepted beside regex, matches and pattern', () => {
    const text = `${HEAD}facts: { code: { pattern: 'E\\d+', caseSensitive: true } }
${rule(`{ any: [{ text: { regex: 'SAP', caseSensitive: true } }, { fact: code, matches: '^E', caseSensitive: false }] }`).slice(HEAD.length)}`;
    expect(parseConfig(text, 'inline.yaml').config.facts['code']).toEqual({ pattern: 'E\\d+', caseSensitive: true });
  });
});

describe('a config using the whole config language', () => {
  it('loads, with products and named conditions in the summary', async () => {
    const loaded = await loadConfig(fixture('catalogue.yaml'));
    expect(loaded.summary).toMatch(/^1 contract, 0 completeness rules, 2 coverage rules, 0 facts, 2 products, 2 named conditions \(hash [0-9a-f]{12}\)$/);
  });

  it('decides with the catalogue, the named conditions, the case-sensitive regex and the review reason', async () => {
    const { config } = await loadConfig(fixture('catalogue.yaml'));
    const engine = compileRules(config, { configHash: 'x' });
    const base = { id: '1', createdAt: '2026-05-01T10:00:00Z', organizationId: '9001', tags: [], fields: {}, attachments: [] };
    const triage = (subject: string, description: string, tags: string[] = []) => engine.triage({ ...base, subject, description, tags });

    const urgent = triage('Boekhouding', 'een foutmelding bij een journaalpost', ['spoed']);
    expect([urgent.rule, urgent.facts['product']?.value, urgent.facts['module']?.value, urgent.contract?.state]).toEqual(['urgent', 'finance', 'ledger', 'active']);
    expect(triage('Loonstrook', 'ERR-1234 bij openen').rule).toBe('defect');
    expect(triage('Loonstrook', 'err-1234 bij openen').rule).toBeNull();
    const review = triage('Loonstrook', 'een vraag');
    expect([review.outcome, review.reasons[0]?.en]).toEqual(['review', 'A support manager decides on this request within one working day.']);
    expect(triage('Boekhouding', 'facturatie: een foutmelding').contract?.state).toBe('module-not-covered');
  });
});
