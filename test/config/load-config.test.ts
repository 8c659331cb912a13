import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigIssue } from '../../connectors/config/config-error.js';
import { loadConfig, parseConfig } from '../../connectors/config/load-config.js';
import { HEAD, rule } from './config-text.js';

const dir = 'test/fixtures/config';
const fixture = (name: string) => `${dir}/${name}`;

async function issuesOf(promise: Promise<unknown>): Promise<readonly ConfigIssue[]> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues;
}

function issuesOfText(text: string, file = 'inline.yaml'): readonly ConfigIssue[] {
  try {
    parseConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

type Expected = Omit<ConfigIssue, 'file' | 'related'> & { related?: ConfigIssue['related'] };

const badFixtures: readonly (readonly [string, string, readonly Expected[]])[] = [
  ['an empty file', 'empty.yaml', [
    { line: 1, column: 1, path: '', message: 'the file is empty: expected a mapping with version: 1, vendor, defaults, contracts, completeness and coverage' },
  ]],
  ['a YAML syntax error', 'yaml-syntax-error.yaml', [
    { line: 8, column: 5, path: '', message: 'YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]' },
  ]],
  // One stray quote in a single-quoted pattern throws the parser out of step for the rest of the file.
  ['a stray quote: its first syntax error, with the count of those after it', 'yaml-stray-quote.yaml', [
    { line: 10, column: 49, path: '', message: 'YAML syntax error: unexpected scalar at node end (and 55 more syntax errors after it, which this one may cause: fix it first, then check again)' },
  ]],
  ['malformed JSON (a trailing comma)', 'malformed.json', [
    { line: 6, column: 1, path: '', message: 'JSON syntax error: Expected double-quoted property name' },
  ]],
  ['an unknown top-level key', 'unknown-top-level-key.yaml', [
    { line: 4, column: 1, path: 'contrats', message: 'unknown key "contrats" (did you mean "contracts"?)' },
  ]],
  ['a typo in a nested key', 'typo-nested-key.yaml', [
    { line: 10, column: 5, path: 'contracts[0].validUtil', message: 'unknown key "validUtil" (did you mean "validUntil"?)' },
  ]],
  ['a value of the wrong type', 'wrong-type.yaml', [
    { line: 10, column: 15, path: 'contracts[0].products', message: 'expected a list of covered products, got "finance"' },
  ]],
  ['a wrong type in JSON', 'json-wrong-type.json', [
    { line: 4, column: 63, path: 'defaults.hourlyRate', message: 'expected an hourly rate above 0, got "135"' },
  ]],
  ['a date that does not exist', 'bad-date.yaml', [
    { line: 10, column: 17, path: 'contracts[0].validUntil', message: 'expected a date YYYY-MM-DD, got "2026-13-01"' },
  ]],
  ['validUntil before validFrom', 'valid-until-before-valid-from.yaml', [
    { line: 10, column: 17, path: 'contracts[0].validUntil', message: 'expected a date on or after validFrom 2026-12-31, got 2026-01-01',
      related: { line: 9, column: 16, path: 'contracts[0].validFrom' } },
  ]],
  ['a time zone that does not exist', 'bad-time-zone.yaml', [
    { line: 10, column: 15, path: 'contracts[0].timeZone', message: 'expected an IANA time zone such as Europe/Amsterdam, got "Europe/Amsterdm" (did you mean "Europe/Amsterdam"?)' },
  ]],
  ['a regular expression that does not compile', 'bad-regex.yaml', [
    { line: 7, column: 14, path: 'facts.version.pattern', message: 'invalid regular expression "v?(\\\\d+\\\\.\\\\d+": Unterminated group' },
  ]],
  ['a condition with two kinds', 'condition-two-kinds.yaml', [
    { line: 10, column: 55, path: 'coverage[0].when.all[0].tags', message: 'a condition has exactly one kind, got "text" and "tags": combine them with all: [...] or any: [...]' },
  ]],
  ['a fact condition without an operator', 'fact-without-operator.yaml', [
    { line: 11, column: 11, path: 'coverage[0].when.any[1]', message: 'a fact condition needs exactly one operator (present, equals, in, matches, minWords), got none' },
  ]],
  ['a condition on an unknown fact', 'unknown-fact.yaml', [
    { line: 11, column: 20, path: 'coverage[0].when.not.fact', message: 'unknown fact "prodcut" (did you mean "product"?): expected a built-in fact (subject, description, form, priority, channel, organization, requesterDomain, version, errorText, steps, language, kind), a fact declared under facts or a field under helpdesks.*.fields' },
  ]],
  ['a duplicate contract id', 'duplicate-contract-id.yaml', [
    { line: 11, column: 9, path: 'contracts[1].id', message: 'duplicate contract id "C-2026-001": ids must be unique',
      related: { line: 5, column: 9, path: 'contracts[0].id' } },
  ]],
  ['contracts that overlap for the same organization', 'overlapping-contracts.yaml', [
    { line: 14, column: 79, path: 'contracts[1].match.organizationIds[1]',
      message: 'contract "C-2026-061" (2026-09-01..open-ended) overlaps contract "C-2025-060" (2025-10-01..2026-09-30) for the same organization id "9009": a ticket would match both',
      related: { line: 7, column: 32, path: 'contracts[0].match.organizationIds[0]' } },
  ]],
  ['a text without its Dutch translation', 'missing-nl.yaml', [
    { line: 8, column: 7, path: 'completeness[0].missing.nl', message: 'required: expected the Dutch (nl) text' },
  ]],
  ['an alias bomb ("billion laughs")', 'alias-bomb.yaml', [
    { line: 3, column: 8, path: '', message: 'too many alias expansions (more than 100): anchors and aliases must not multiply the config' },
  ]],
  ['a duplicate key', 'duplicate-keys.yaml', [
    { line: 7, column: 3, path: '', message: 'duplicate key "mode": each key may appear only once in a mapping' },
  ]],
  ['a custom tag', 'custom-tag.yaml', [
    { line: 5, column: 28, path: '', message: 'the tag !!js/function is not allowed: a config holds only plain mappings, lists, texts, numbers and booleans' },
  ]],
  ['an unquoted version number and a malformed range', 'unquoted-version.yaml', [
    { line: 11, column: 40, path: 'contracts[0].products[0].versions[0]', message: 'expected a version such as "9.2", "9.x" or ">=8.0 <10", got the number 10.2, put it in quotes' },
    { line: 11, column: 53, path: 'contracts[0].products[0].versions[2]', message: 'expected a version such as "9.2", "9.x" or ">=8.0 <10", got ">= 8"' },
  ]],
];

describe('loadConfig', () => {
  it.each(badFixtures)('rejects %s with file, line, column, path and message', async (_what, name, expected) => {
    const issues = await issuesOf(loadConfig(fixture(name)));
    expect(issues).toEqual(expected.map((issue) => ({ file: fixture(name), ...issue })));
  });

  it('loads the small valid fixture and fills in every default', async () => {
    const loaded = await loadConfig(fixture('valid.yaml'));
    const hash = createHash('sha256').update(readFileSync(fixture('valid.yaml'))).digest('hex').slice(0, 12);
    expect(loaded.file).toBe(fixture('valid.yaml'));
    expect(loaded.hash).toBe(hash);
    expect(loaded.summary).toBe(`2 contracts, 2 completeness rules, 3 coverage rules, 3 facts (hash ${hash})`);
    expect(loaded.config.connector).toEqual({ mode: 'auto', pathGuard: 'revert', requestMissingInfo: true, tagPrefix: 'inscope_' });
    expect(loaded.config.proposals).toEqual({ vatPercent: 21, validityDays: 30, acceptStatus: 'approved', declineAction: 'return', budgetPolicy: 'warn', thresholds: [80, 100], notifyCustomerAtThreshold: false, minSimilarRequests: 3 });
    expect(loaded.config.contracts.map((c) => c.timeZone)).toEqual(['Europe/Amsterdam', 'Europe/London']);
    // Zendesk organization ids are numbers in YAML; the domain model carries text.
    expect(loaded.config.contracts[0]?.match.organizationIds).toEqual(['9001']);
    expect(loaded.config.helpdesks.zendesk?.fields['product']).toBe(360001000002);
  });

  it('loads a JSON config through the same schema', async () => {
    const loaded = await loadConfig(fixture('valid.json'));
    expect(loaded.summary).toMatch(/^1 contract, 0 completeness rules, 1 coverage rule, 0 facts \(hash [0-9a-f]{12}\)$/);
    expect(loaded.config.helpdesks).toEqual({});
    expect(loaded.config.defaults.locale).toBe('en');
  });

  it('lets a missing file fail with the file system error, not a ConfigError', async () => {
    await expect(loadConfig(fixture('does-not-exist.yaml'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(existsSync('examples/coverage.yaml'))('loads examples/coverage.yaml cleanly', async () => {
    const loaded = await loadConfig('examples/coverage.yaml');
    expect(loaded.config.contracts.length).toBeGreaterThan(0);
    expect(loaded.summary).toMatch(/^\d+ contracts?, \d+ completeness rules?, \d+ coverage rules?, \d+ facts? \(hash [0-9a-f]{12}\)$/);
  });
});

describe('ConfigError', () => {
  it('formats each issue as file:line:column, path and message, naming the related place', async () => {
    const error: unknown = await loadConfig(fixture('duplicate-contract-id.yaml')).catch((e: unknown) => e);
    if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
    expect(error.message).toBe(
      'test/fixtures/config/duplicate-contract-id.yaml:11:9  contracts[1].id: duplicate contract id "C-2026-001": ids must be unique'
      + ' (see test/fixtures/config/duplicate-contract-id.yaml:5:9 contracts[0].id)',
    );
    expect(error.format()).toBe(error.message);
  });
});

const contract = (id: string, match: string, from: string, until?: string) => `
  - id: ${id}
    name: ${id}
    match: ${match}
    level: gold
    validFrom: ${from}${until === undefined ? '' : `\n    validUntil: ${until}`}
    products: [{ product: finance }]`;

const KINDS = 'all, any, not, fact, text, tags, attachments, contract, contractLevel, kind, condition';

const badTexts: readonly (readonly [string, string, readonly Expected[]])[] = [
  ['another config version', HEAD.replace('version: 1', 'version: 2'), [
    { line: 1, column: 10, path: 'version', message: 'expected 1 (the only config version), got the number 2' },
  ]],
  ['a config without vendor and defaults', 'version: 1\n', [
    { line: 1, column: 1, path: 'defaults', message: 'required: expected the defaults, { timeZone, hourlyRate, currency, estimateHours }' },
    { line: 1, column: 1, path: 'vendor', message: 'required: expected the vendor, { name, email, vatNumber }' },
  ]],
  ['two unknown keys in one mapping', `${HEAD}connector: { mood: live, tagprefix: x_ }\n`, [
    { line: 4, column: 14, path: 'connector.mood', message: 'unknown key "mood" (did you mean "mode"?)' },
    { line: 4, column: 26, path: 'connector.tagprefix', message: 'unknown key "tagprefix" (did you mean "tagPrefix"?)' },
  ]],
  ['a connector mode that does not exist', `${HEAD}connector: { mode: liv }\n`, [
    { line: 4, column: 20, path: 'connector.mode', message: 'expected auto, shadow, live, got "liv"' },
  ]],
  ['a lowercase currency', HEAD.replace('currency: EUR', 'currency: eur'), [
    { line: 3, column: 68, path: 'defaults.currency', message: 'expected a currency code of 3 capital letters such as EUR, got "eur"' },
  ]],
  ['a condition with no kind', rule('{ fakt: product, equals: finance }'), [
    { line: 8, column: 11, path: 'coverage[0].when', message: `expected a condition with one of ${KINDS}, got "fakt" (did you mean "fact"?)` },
  ]],
  ['a condition that is not a mapping', rule('product'), [
    { line: 8, column: 11, path: 'coverage[0].when', message: `expected a condition (a mapping with one of ${KINDS}), got "product"` },
  ]],
  ['a fact condition with two operators', rule('{ fact: product, equals: finance, in: [payroll] }'), [
    { line: 8, column: 11, path: 'coverage[0].when', message: 'a fact condition needs exactly one operator (present, equals, in, matches, minWords), got equals and in' },
  ]],
  ['an unknown contract state in a list', rule('{ contract: [active, expird] }'), [
    { line: 8, column: 32, path: 'coverage[0].when.contract[1]', message: 'expected a contract state (none, not-yet-active, expired, product-not-covered, module-not-covered, version-out-of-support, active), got "expird"' },
  ]],
  ['a wrong type deep inside nested conditions', rule('{ all: [{ any: [{ not: { text: { phrases: 5 } } }] }] }'), [
    { line: 8, column: 53, path: 'coverage[0].when.all[0].any[0].not.text.phrases', message: 'expected a list of phrases, got the number 5' },
  ]],
  ['a contract state that does not exist', rule('{ contract: expird }'), [
    { line: 8, column: 23, path: 'coverage[0].when.contract', message: 'expected a contract state (none, not-yet-active, expired, product-not-covered, module-not-covered, version-out-of-support, active) or a list of them, got "expird"' },
  ]],
  ['an empty list of conditions', rule('{ any: [] }'), [
    { line: 8, column: 18, path: 'coverage[0].when.any', message: 'expected a list of conditions with at least 1 item' },
  ]],
  ['a text condition whose regex does not compile', rule(`{ text: { regex: '[a-' } }`), [
    { line: 8, column: 28, path: 'coverage[0].when.text.regex', message: 'invalid regular expression "[a-": Unterminated character class' },
  ]],
  ['a rule id used by a completeness and a coverage rule', `${rule('{ contract: none }')}completeness:
  - id: r1
    require: { fact: subject, minWords: 3 }
    missing: { en: A subject, nl: Een onderwerp }
`, [
    { line: 5, column: 9, path: 'coverage[0].id', message: 'duplicate rule id "r1": ids must be unique', related: { line: 10, column: 9, path: 'completeness[0].id' } },
  ]],
  ['contracts overlapping on an e-mail domain written in another case',
    `${HEAD}contracts:${contract('A', '{ emailDomains: [brightline.io] }', '2026-01-01')}${contract('B', '{ emailDomains: [BrightLine.IO] }', '2027-01-01', '2027-12-31')}\n`, [
      { line: 13, column: 29, path: 'contracts[1].match.emailDomains[0]',
        message: 'contract "B" (2027-01-01..2027-12-31) overlaps contract "A" (2026-01-01..open-ended) for the same e-mail domain "BrightLine.IO": a ticket would match both',
        related: { line: 7, column: 29, path: 'contracts[0].match.emailDomains[0]' } },
    ]],
  ['contracts overlapping on an organization name that differs only in case and punctuation',
    `${HEAD}contracts:${contract('A', '{ organizationNames: [Polderwater Waterschap] }', '2026-04-01', '2027-03-31')}${contract('B', '{ organizationNames: [polderwater-waterschap] }', '2027-03-31')}\n`, [
      { line: 14, column: 34, path: 'contracts[1].match.organizationNames[0]',
        message: 'contract "B" (2027-03-31..open-ended) overlaps contract "A" (2026-04-01..2027-03-31) for the same organization name "polderwater-waterschap": a ticket would match both',
        related: { line: 7, column: 34, path: 'contracts[0].match.organizationNames[0]' } },
    ]],
  ['a file over 5 MB', `${HEAD}# ${'x'.repeat(5 * 1024 * 1024)}\n`, [
    { line: 1, column: 1, path: '', message: 'the file is 5243026 bytes: expected a config of at most 5242880 bytes' },
  ]],
  ['a file with two YAML documents', `${HEAD}---\nversion: 1\n`, [
    { line: 4, column: 1, path: '', message: 'a second YAML document (after ---): a config is one document' },
  ]],
  ['a file of only comments', '\uFEFF# nothing here yet\n\n# still nothing\n', [
    { line: 1, column: 1, path: '', message: 'the file is empty: expected a mapping with version: 1, vendor, defaults, contracts, completeness and coverage' },
  ]],
];

describe('parseConfig', () => {
  it.each(badTexts)('rejects %s', (_what, text, expected) => {
    expect(issuesOfText(text)).toEqual(expected.map((issue) => ({ file: 'inline.yaml', ...issue })));
  });

  it('rejects duplicate keys in a JSON file, which JSON.parse would let through', () => {
    expect(issuesOfText('{\n  "version": 1,\n  "version": 1\n}\n', 'config.json')).toEqual([
      { file: 'config.json', line: 3, column: 3, path: '', message: 'duplicate key "version": each key may appear only once in a mapping' },
    ]);
  });

  it('accepts renewals that follow each other and facts named in a helpdesk field mapping', () => {
    const text = `${rule('{ fact: ticketType, equals: incident }')}contracts:${contract('C-2025-060', '{ organizationIds: [9009] }', '2025-10-01', '2026-09-30')}${contract('C-2026-061', '{ organizationIds: ["9009"] }', '2026-10-01', '2027-09-30')}
helpdesks:
  jira:
    categoryField: customfield_10050
    categories: { call: Call, advisory: Advisory }
    statuses: { new: New, approved: Approved }
    fields: { ticketType: customfield_10099 }
`;
    const loaded = parseConfig(text, 'inline.yaml');
    expect(loaded.config.contracts.map((c) => c.id)).toEqual(['C-2025-060', 'C-2026-061']);
    expect(loaded.config.coverage[0]?.when).toEqual({ fact: 'ticketType', equals: 'incident' });
  });

  it('gives the same hash for the same bytes as loadConfig', async () => {
    const text = readFileSync(fixture('valid.yaml'), 'utf8');
    expect(parseConfig(text, 'x.yaml').hash).toBe((await loadConfig(fixture('valid.yaml'))).hash);
  });
});
